import pino from 'pino'
import type { Config } from '../config.ts'

/**
 * The process's log. `LOG_FORMAT=json`: one JSON object per line (pino), `time` in ISO 8601, for a log
 * collector; `pretty` (default): short human lines, as a person at a terminal wants them. `LOG_LEVEL=silent`
 * keeps both quiet but for errors.
 */
export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void
  error(msg: string, err?: unknown, fields?: Record<string, unknown>): void
  /** Printed whatever LOG_LEVEL says: where the service listens (scripts and tests wait for that line). */
  announce(msg: string): void
  /** One line per answered request (request-log.ts). */
  request(line: RequestLine): void
}

export interface RequestLine {
  reqId: string
  method: string
  route: string
  status: number
  ms: number
  userId: string | null
}

export function createLogger(config: Pick<Config, 'logFormat' | 'logLevel'>): Logger {
  const quiet = config.logLevel !== 'info'
  if (config.logFormat === 'json') {
    const log = pino({
      level: config.logLevel === 'silent' ? 'silent' : config.logLevel,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      // Belt and braces: nothing that authenticates anyone ever reaches the log, whatever a caller passes.
      redact: {
        paths: ['password', 'token', 'cookie', 'authorization', '*.password', '*.token', '*.cookie', '*.authorization'],
        remove: true,
      },
    })
    return {
      info: (msg, fields) => log.info(fields ?? {}, msg),
      error: (msg, err, fields) => log.error({ ...fields, err: errorFields(err) }, msg),
      request: (line) => log.info(line, 'request'),
      announce: (msg) => process.stdout.write(`${JSON.stringify({ level: 30, time: new Date().toISOString(), pid: process.pid, msg })}\n`),
    }
  }
  return {
    info: (msg) => {
      if (!quiet) console.log(msg)
    },
    error: (msg, err) => {
      if (config.logLevel !== 'silent') console.error(msg, err === undefined ? '' : err)
    },
    announce: (msg) => console.log(msg),
    request: (l) => {
      if (!quiet) console.log(`${l.method} ${l.route} ${l.status} ${l.ms} ms${l.userId ? ` user=${l.userId}` : ''} [${l.reqId}]`)
    },
  }
}

/** An error as log fields: its class, message and stack (never a query's parameters). */
function errorFields(err: unknown): Record<string, unknown> | undefined {
  if (err === undefined) return undefined
  if (err instanceof Error) return { type: err.name, message: err.message, code: (err as { code?: string }).code, stack: err.stack }
  return { message: String(err) }
}
