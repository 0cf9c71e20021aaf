import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.resolve(import.meta.dirname, '..')
export const CLIENT_DIST = path.join(ROOT, 'frontend', 'dist')
const SOURCES = [
  path.join(ROOT, 'frontend', 'src'),
  path.join(ROOT, 'frontend', 'index.html'),
  path.join(ROOT, 'frontend', 'vite.config.ts'),
]

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0
  const stat = fs.statSync(target)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const entry of fs.readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)))
  return newest
}

export function clientIsStale(): boolean {
  const built = path.join(CLIENT_DIST, 'index.html')
  if (!fs.existsSync(built)) return true
  return Math.max(...SOURCES.map(newestMtime)) > fs.statSync(built).mtimeMs
}

/** Builds the client with Vite when frontend/dist is missing or older than its sources. */
export async function ensureClientBuilt(log: (msg: string) => void): Promise<void> {
  if (!clientIsStale()) return
  log('building the client (frontend/dist)…')
  const { build } = await import('vite')
  // Build beside dist and swap at the end, so a running server never serves a half-emptied dist.
  const next = `${CLIENT_DIST}.next-${process.pid}`
  await build({ configFile: path.join(ROOT, 'frontend', 'vite.config.ts'), logLevel: 'warn', build: { outDir: next, emptyOutDir: true } })
  const old = `${CLIENT_DIST}.old-${process.pid}`
  if (fs.existsSync(CLIENT_DIST)) fs.renameSync(CLIENT_DIST, old)
  fs.renameSync(next, CLIENT_DIST)
  fs.rmSync(old, { recursive: true, force: true })
}
