import path from 'node:path'
import type { Config } from '../config.ts'

/** Where the embedded database lives in DATA_DIR (as backend/main.ts opens it). */
export function pgliteDir(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'pglite')
}
