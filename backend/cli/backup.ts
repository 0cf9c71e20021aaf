/**
 * `npm run backup -- FILE`: a consistent snapshot of the embedded database in DATA_DIR, written to FILE
 * (tar.gz, mode 0600), while the service runs (asked over its control channel) or when it is stopped.
 * PostgreSQL is backed up with its own tools (pg_dump; docs/running.md).
 */
import fs from 'node:fs'
import path from 'node:path'
import { snapshotStopped } from '../../db/snapshot.ts'
import { loadConfig } from '../config.ts'
import { askServer } from '../control/channel.ts'
import { pgliteDir } from './paths.ts'

async function main() {
  const file = process.argv[2]
  if (!file || process.argv.length > 3) throw new Error('usage: npm run backup -- FILE')
  const config = loadConfig()
  if (config.databaseUrl) {
    throw new Error('DATABASE_URL is set: back PostgreSQL up with pg_dump (see docs/running.md, "Backups")')
  }
  const started = Date.now()
  const reply = await askServer(config.dataDir, { command: 'backup' })
  const snapshot = reply ? reply.payload : await snapshotStopped(pgliteDir(config))
  const target = path.resolve(file)
  const partial = `${target}.partial-${process.pid}`
  // Whole or not at all: a half-written backup must never be taken for a good one.
  fs.writeFileSync(partial, snapshot, { mode: 0o600 })
  fs.renameSync(partial, target)
  console.log(
    `backup of ${config.dataDir} (${reply ? 'from the running server' : 'server stopped'}) written to ${target}: ` +
      `${(snapshot.byteLength / 1e6).toFixed(1)} MB in ${Date.now() - started} ms`,
  )
}

main().catch((err) => {
  console.error(`backup: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
