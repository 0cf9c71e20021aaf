/**
 * `npm run build`: the production build. The client goes to dist/client (Vite), the server to
 * dist/server/main.js (esbuild: one ES module, the packages of node_modules left as imports), so that
 * `npm run start:prod` runs plain `node` with no TypeScript tooling and builds nothing at start.
 */
import fs from 'node:fs'
import path from 'node:path'
import { build as bundle } from 'esbuild'
import { build as buildClient } from 'vite'

const ROOT = path.resolve(import.meta.dirname, '..')
const DIST = path.join(ROOT, 'dist')

const started = Date.now()
fs.rmSync(DIST, { recursive: true, force: true })

await buildClient({
  configFile: path.join(ROOT, 'frontend', 'vite.config.ts'),
  logLevel: 'warn',
  build: { outDir: path.join(DIST, 'client'), emptyOutDir: true },
})

await bundle({
  entryPoints: [path.join(ROOT, 'backend', 'main.ts')],
  outdir: path.join(DIST, 'server'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})

console.log(`built dist/client and dist/server in ${((Date.now() - started) / 1000).toFixed(1)} s`)
