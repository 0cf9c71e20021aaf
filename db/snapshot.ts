import fs from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist'
import { connectDatabase, lockDataDir } from './connect.ts'

/**
 * Backups of the embedded engine when no server runs on it (a running server is asked over its control
 * channel instead, backend/control/): the snapshot is PGlite's own dump of its data directory (tar.gz).
 */
export async function snapshotStopped(pgliteDataDir: string): Promise<Uint8Array> {
  if (!fs.existsSync(path.join(pgliteDataDir, 'PG_VERSION'))) throw new Error(`there is no embedded database in ${pgliteDataDir}`)
  const handle = await connectDatabase({ pgliteDataDir })
  try {
    if (!handle.snapshot) throw new Error('the embedded engine cannot take a snapshot')
    return await handle.snapshot()
  } finally {
    await handle.close()
  }
}

/** Restores a snapshot into an empty place: refuses to overwrite an existing database. */
export async function restoreSnapshot(pgliteDataDir: string, snapshot: Uint8Array): Promise<void> {
  if (fs.existsSync(pgliteDataDir) && fs.readdirSync(pgliteDataDir).length > 0) {
    throw new Error(`${pgliteDataDir} is not empty: restore into an empty DATA_DIR (move the old one aside first)`)
  }
  fs.mkdirSync(pgliteDataDir, { recursive: true })
  const unlock = lockDataDir(pgliteDataDir)
  try {
    const lite = await PGlite.create({
      dataDir: pgliteDataDir,
      extensions: { btree_gist },
      loadDataDir: new Blob([snapshot as Uint8Array<ArrayBuffer>]),
    })
    // Proves the copy opens and is a database of ours before we call it restored.
    await lite.query('select count(*) from kysely_migration')
    await lite.close()
  } catch (err) {
    fs.rmSync(pgliteDataDir, { recursive: true, force: true })
    throw err
  } finally {
    unlock()
  }
}
