import { describe, expect, it } from 'vitest'
import { defaultWorkers, loadConfig } from './config.ts'

// Every variable is checked at start, and a wrong value is refused with a message naming it.

describe('loadConfig', () => {
  it.each([
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/spazi'],
    ['SMTP_URL', 'http://relay'],
    ['PUBLIC_URL', 'spazi.comune.milano.it'],
    ['SEED_DEMO', 'yes please'],
    ['LOG_FORMAT', 'xml'],
    ['LOG_LEVEL', 'verbose'],
    ['WORKERS', 'many'],
    ['WORKERS', '0'],
    ['DATABASE_POOL_SIZE', '-1'],
    ['PRIVACY_URL', 'not a url'],
    ['AUDIT_RETENTION_DAYS', '0'],
    ['TRUST_PROXY', 'the proxy'],
  ])('refuses %s=%s naming the variable', (name, value) => {
    const env = { [name]: value, ...(name === 'WORKERS' ? { DATABASE_URL: 'postgres://db/spazi' } : {}) }
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${name}\\b`))
  })

  it('refuses several workers on the embedded engine', () => {
    expect(() => loadConfig({ WORKERS: '2' })).toThrow(/WORKERS: the embedded database serves one process/)
    expect(loadConfig({ WORKERS: '1' }).workers).toBe(1)
  })

  it('default workers: one embedded, one per core on PostgreSQL wherever it runs', () => {
    expect(defaultWorkers(undefined, 8)).toBe(1)
    expect(defaultWorkers('postgres://spazi@db.example.internal:5432/spazi', 8)).toBe(8)
    expect(defaultWorkers('postgres://root@127.0.0.1:5432/spazi', 2)).toBe(2)
  })

  it('defaults: one worker embedded, one per core on PostgreSQL; json logs and metrics only when asked', () => {
    const embedded = loadConfig({})
    expect(embedded.workers).toBe(1)
    expect(embedded.logFormat).toBe('pretty')
    expect(embedded.metricsToken).toBeUndefined()
    expect(embedded.auditRetentionDays).toBe(3650)
    expect(embedded.databasePoolSize).toBe(10)
    const postgres = loadConfig({ DATABASE_URL: 'postgres://db/spazi', WORKERS: '' })
    expect(postgres.workers).toBeGreaterThanOrEqual(1)
    expect(loadConfig({ DATABASE_URL: 'postgres://db/spazi', WORKERS: '3' }).workers).toBe(3)
    expect(loadConfig({ LOG_FORMAT: 'json', METRICS_TOKEN: 's3cret' })).toMatchObject({ logFormat: 'json', metricsToken: 's3cret' })
  })
})
