import { prepareEmbeddedTemplate } from '../db/connect.ts'
import { ensureClientBuilt } from './client-build.ts'

/**
 * Runs after `npm install` (the `postinstall` script): builds the client and the embedded database's
 * cluster template, so that the first `npm start` of a fresh clone only migrates, seeds and serves.
 * It never fails the install: what it could not prepare, `npm start` does (and reports) itself.
 */
async function prepare() {
  const started = Date.now()
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['client (frontend/dist)', () => ensureClientBuilt(() => {})],
    ['embedded database template', prepareEmbeddedTemplate],
  ]
  for (const [name, step] of steps) {
    try {
      await step()
    } catch (err) {
      // An install must not fail because, say, the client does not compile: npm start tries again and says why.
      console.warn(`spazi-comuni: ${name} not prepared (${err instanceof Error ? err.message : String(err)}); npm start will retry`)
    }
  }
  console.log(`spazi-comuni: prepared in ${Date.now() - started} ms`)
}

await prepare()
