import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts'

const booleanFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true')

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('127.0.0.1'),
  TRUST_PROXY: z
    .string()
    .refine((v) => parseTrustedProxies(v) !== null, 'must be a comma-separated list of IP addresses or CIDRs')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres://')
    .optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: booleanFlag.optional(),
  SMTP_FROM: z.string().default('Spazi Comuni <noreply@spazicomuni.comune.milano.it>'),
  ACCESSIBILITY_URL: z.string().url().default('https://www.comune.milano.it/dichiarazione-di-accessibilita'),
  FEEDBACK_EMAIL: z.string().email().default('spazicomuni@comune.milano.it'),
  LOG_LEVEL: z.enum(['silent', 'error', 'info']).default('info'),
  AUTH_PASSWORD: z.enum(['on', 'staff', 'off']).default('on'),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** A PEM private key (PKCS#8): the client authenticates with private_key_jwt instead of the secret. */
  OIDC_PRIVATE_KEY_FILE: z.string().min(1).optional(),
  OIDC_SCOPES: z.string().min(1).default('openid profile email'),
  OIDC_LABEL: z.string().min(1).max(80).default('Entra con SPID o CIE'),
  // Operations (go-live): see docs/running.md.
  LOG_FORMAT: z.enum(['pretty', 'json'], { message: 'must be pretty or json' }).default('pretty'),
  METRICS_TOKEN: z.string().min(1).optional(),
  WORKERS: z.coerce.number({ message: 'must be a whole number' }).int('must be a whole number').min(1).max(64).optional(),
  DATABASE_POOL_SIZE: z.coerce.number({ message: 'must be a whole number' }).int().min(1).max(200).optional(),
  PRIVACY_URL: z.string().url().optional(),
  AUDIT_RETENTION_DAYS: z.coerce.number({ message: 'must be a whole number of days' }).int().min(1).default(3650),
})

/**
 * Connections per process on PostgreSQL. A request holds one for a transaction of a few milliseconds; one
 * process keeps at most 2–3 busy at once (its other transactions wait for its event loop: docs/benchmarks-history.md,
 * session 9), so ten leave room for slow statements, and WORKERS × 10 stays well under PostgreSQL's default
 * max_connections (100). Requests beyond the pool queue for a connection rather than fail (db/connect.ts).
 */
const DEFAULT_POOL_SIZE = 10

/**
 * WORKERS when unset (the contract's default): one process embedded, one per core on PostgreSQL. On a small
 * machine that PostgreSQL shares, fewer may serve better: docs/running.md, "Several processes".
 */
export function defaultWorkers(databaseUrl: string | undefined, cores: number): number {
  return databaseUrl ? Math.max(1, cores) : 1
}

/** Who may still sign in with a password or an emailed link (AUTH_PASSWORD). */
export type PasswordPolicy = 'on' | 'staff' | 'off'

export interface OidcConfig {
  issuer: string
  clientId: string
  clientSecret: string | undefined
  privateKeyFile: string | undefined
  scopes: string
  label: string
}

function oidcConfig(e: z.output<typeof EnvSchema>): OidcConfig | null {
  if (!e.OIDC_ISSUER) return null
  const problems: string[] = []
  if (!e.OIDC_CLIENT_ID) problems.push('  OIDC_CLIENT_ID: required with OIDC_ISSUER')
  if (!e.OIDC_CLIENT_SECRET && !e.OIDC_PRIVATE_KEY_FILE)
    problems.push('  OIDC_CLIENT_SECRET: required with OIDC_ISSUER (or OIDC_PRIVATE_KEY_FILE)')
  const issuer = new URL(e.OIDC_ISSUER)
  // Plain http only for a provider on this machine (tests, a local broker); never over a network.
  if (issuer.protocol !== 'https:' && !['localhost', '127.0.0.1', '[::1]'].includes(issuer.hostname)) {
    problems.push('  OIDC_ISSUER: must be https://')
  }
  if (!e.OIDC_SCOPES.split(/\s+/).includes('openid')) problems.push('  OIDC_SCOPES: must include openid')
  if (problems.length) throw new Error(`Invalid configuration:\n${problems.join('\n')}`)
  return {
    issuer: e.OIDC_ISSUER,
    clientId: e.OIDC_CLIENT_ID as string,
    clientSecret: e.OIDC_CLIENT_SECRET,
    privateKeyFile: e.OIDC_PRIVATE_KEY_FILE,
    scopes: e.OIDC_SCOPES.trim().split(/\s+/).join(' '),
    label: e.OIDC_LABEL,
  }
}

export interface Config {
  port: number
  /** Address to listen on; `127.0.0.1` unless HOST says otherwise (`0.0.0.0` in a container). */
  host: string
  /** Reverse proxies whose X-Forwarded-For / -Proto are believed (backend/http/client-address.ts). */
  trustProxy: TrustedProxies
  /** Whether PUBLIC_URL was given; when not, main.ts sets publicUrl from the port actually bound. */
  publicUrlGiven: boolean
  dataDir: string
  databaseUrl: string | undefined
  smtpUrl: string | undefined
  publicUrl: string
  seedDemo: boolean
  mailFrom: string
  accessibilityUrl: string
  feedbackEmail: string
  logLevel: 'silent' | 'error' | 'info'
  passwordPolicy: PasswordPolicy
  /** The Comune's OpenID Connect provider (SPID/CIE); null when OIDC_ISSUER is unset. */
  oidc: OidcConfig | null
  logFormat: 'pretty' | 'json'
  /** Set: GET /metrics answers to `Authorization: Bearer <token>`; unset: 404. */
  metricsToken: string | undefined
  /** Server processes behind the one port (node:cluster when more than one). */
  workers: number
  /** Connections of each process's pool on PostgreSQL. */
  databasePoolSize: number
  /** The privacy notice: this address, or the built-in page /privacy when unset. */
  privacyUrl: string | undefined
  auditRetentionDays: number
}

/** Reads the environment once; a bad value stops the process with a message naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  if (!e.DATABASE_URL && e.WORKERS !== undefined && e.WORKERS > 1) {
    throw new Error('Invalid configuration:\n  WORKERS: the embedded database serves one process; set DATABASE_URL to run several')
  }
  const workers = e.WORKERS ?? defaultWorkers(e.DATABASE_URL, os.availableParallelism())
  return {
    port: e.PORT,
    host: e.HOST,
    trustProxy: parseTrustedProxies(e.TRUST_PROXY ?? '') ?? parseTrustedProxies('')!,
    publicUrlGiven: e.PUBLIC_URL !== undefined,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    smtpUrl: e.SMTP_URL,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    seedDemo: e.SEED_DEMO ?? !e.DATABASE_URL,
    mailFrom: e.SMTP_FROM,
    accessibilityUrl: e.ACCESSIBILITY_URL,
    feedbackEmail: e.FEEDBACK_EMAIL,
    logLevel: e.LOG_LEVEL,
    passwordPolicy: e.AUTH_PASSWORD,
    oidc: oidcConfig(e),
    logFormat: e.LOG_FORMAT,
    metricsToken: e.METRICS_TOKEN,
    workers,
    databasePoolSize: e.DATABASE_POOL_SIZE ?? DEFAULT_POOL_SIZE,
    privacyUrl: e.PRIVACY_URL,
    auditRetentionDays: e.AUDIT_RETENTION_DAYS,
  }
}
