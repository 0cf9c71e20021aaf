import fs from 'node:fs'
import net from 'node:net'
import path from 'node:path'

/**
 * The local control channel of a server on the embedded engine. That server holds the only handle on its
 * database (db/connect.ts lockDataDir), so `npm run backup` and `npm run admin:create` ask it instead: over a
 * Unix socket in `DATA_DIR/control/`, a directory only the owner of DATA_DIR may enter (0700). No network
 * port, no token: being able to reach the socket is being the owner of the data, who could read the files
 * anyway.
 *
 * Protocol: the client sends one JSON line `{command, ...}`; the server answers one JSON line
 * `{ok: true, ..., bytes?: N}` followed by N raw bytes when the answer carries a file (a backup), or
 * `{ok: false, error}`.
 */
export interface ControlRequest {
  command: string
  [field: string]: unknown
}

export interface ControlAnswer {
  /** Fields of the answer's first line. */
  fields?: Record<string, unknown>
  /** Bytes sent after it. */
  payload?: Uint8Array
}

export type ControlHandler = (request: ControlRequest) => Promise<ControlAnswer>

export function controlSocketPath(dataDir: string): string {
  return path.join(dataDir, 'control', 'server.sock')
}

/** Listens on the channel; returns its close function. */
export async function startControlChannel(dataDir: string, handlers: Record<string, ControlHandler>): Promise<() => Promise<void>> {
  const socketPath = controlSocketPath(dataDir)
  fs.mkdirSync(path.dirname(socketPath), { recursive: true, mode: 0o700 })
  fs.chmodSync(path.dirname(socketPath), 0o700)
  // A socket file left by a process that died (the data-dir lock proves it is not running any more).
  fs.rmSync(socketPath, { force: true })
  const server = net.createServer((socket) => {
    let buffered = ''
    socket.setEncoding('utf8')
    socket.on('error', () => {})
    socket.on('data', (chunk: string) => {
      buffered += chunk
      const newline = buffered.indexOf('\n')
      if (newline < 0) {
        if (buffered.length > 64 * 1024) socket.destroy()
        return
      }
      socket.removeAllListeners('data')
      void answer(buffered.slice(0, newline), socket)
    })
  })
  async function answer(line: string, socket: net.Socket): Promise<void> {
    try {
      const request = JSON.parse(line) as ControlRequest
      const handler = handlers[request.command]
      if (!handler) throw new Error(`unknown command ${JSON.stringify(request.command)}`)
      const { fields = {}, payload } = await handler(request)
      socket.write(`${JSON.stringify({ ok: true, ...fields, bytes: payload?.byteLength ?? 0 })}\n`)
      if (payload) socket.write(payload)
      socket.end()
    } catch (err) {
      socket.end(`${JSON.stringify({ ok: false, error: err instanceof Error ? err.message : String(err) })}\n`)
    }
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(socketPath, () => resolve())
  })
  fs.chmodSync(socketPath, 0o600)
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      fs.rmSync(socketPath, { force: true })
    })
}

export interface ControlReply {
  fields: Record<string, unknown>
  payload: Buffer
}

/** Asks the running server; undefined when no server listens on DATA_DIR's channel. */
export async function askServer(dataDir: string, request: ControlRequest, timeoutMs = 120_000): Promise<ControlReply | undefined> {
  const socketPath = controlSocketPath(dataDir)
  if (!fs.existsSync(socketPath)) return undefined
  return new Promise((resolve, reject) => {
    const socket = net.connect(socketPath)
    const chunks: Buffer[] = []
    const timer = setTimeout(() => socket.destroy(new Error('the server did not answer on its control channel')), timeoutMs)
    socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`))
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      // Nobody listens: a socket file left behind by a server that is gone.
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT') resolve(undefined)
      else reject(err)
    })
    socket.on('end', () => {
      clearTimeout(timer)
      const all = Buffer.concat(chunks)
      const newline = all.indexOf(10)
      if (newline < 0) return reject(new Error('the server closed its control channel without an answer'))
      const fields = JSON.parse(all.subarray(0, newline).toString('utf8')) as Record<string, unknown>
      if (!fields.ok) return reject(new Error(String(fields.error)))
      const payload = all.subarray(newline + 1)
      if (payload.byteLength !== Number(fields.bytes ?? 0)) return reject(new Error('the answer on the control channel was cut short'))
      resolve({ fields, payload })
    })
  })
}
