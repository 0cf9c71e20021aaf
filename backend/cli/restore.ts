/**
 * `npm run restore -- FILE`: restores a snapshot written by `npm run backup` into an empty DATA_DIR (it never
 * overwrites a database: move the old DATA_DIR aside first). Then start the server on that DATA_DIR.
 */
import fs from 'node:fs'
import path from 'node:path'
import { restoreSnapshot } from '../../db/snapshot.ts'
import { loadConfig } from '../config.ts'
import { pgliteDir } from './paths.ts'

async function main() {
  const file = process.argv[2]
  if (!file || process.argv.length > 3) throw new Error('usage: npm run restore -- FILE')
  const config = loadConfig()
  if (config.databaseUrl) throw new Error('DATABASE_URL is set: restore PostgreSQL with pg_restore (see docs/running.md, "Backups")')
  const source = path.resolve(file)
  if (!fs.existsSync(source)) throw new Error(`no such file: ${source}`)
  await restoreSnapshot(pgliteDir(config), fs.readFileSync(source))
  console.log(`restored ${source} into ${config.dataDir}`)
}

main().catch((err) => {
  console.error(`restore: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
