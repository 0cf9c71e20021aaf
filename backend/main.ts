import { type ChildProcess, spawn } from 'node:child_process'
import cluster from 'node:cluster'
import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { connectDatabase, lockDataDir, migrateToLatest } from '../db/connect.ts'
import { seedDemoIfEmpty } from '../db/seed/demo.ts'
import { CLIENT_DIST, clientIsStale } from './client-build.ts'
import { runPrimary } from './cluster.ts'
import { type Config, loadConfig } from './config.ts'
import { createLogger, type Logger } from './observability/logger.ts'
import { serveProcess } from './serve.ts'

/**
 * `npm start` runs this file through tsx (the demo: the client is built when missing or stale);
 * `npm run start:prod` runs its compiled copy, dist/server/main.js (npm run build), with plain node: the
 * client is then the one built beside it, dist/client, and nothing is built at start.
 */
const COMPILED = import.meta.url.endsWith('.js')
const CLIENT_DIR = COMPILED ? path.resolve(import.meta.dirname, '..', 'client') : CLIENT_DIST

let clientBuilder: ChildProcess | undefined

/**
 * Builds the client (backend/client-build.ts) in a child process when it is missing or stale, so that Vite
 * works on another core while this one starts the database. A failed build is logged, not fatal: the API
 * still serves, and the pages answer that the client is not built.
 */
function buildClientInBackground(logger: Logger): Promise<void> {
  if (COMPILED) {
    if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) logger.error(`no client in ${CLIENT_DIR}: run npm run build`)
    return Promise.resolve()
  }
  if (!clientIsStale()) return Promise.resolve()
  const started = Date.now()
  logger.info('building the client (frontend/dist)…')
  const module = pathToFileURL(path.join(import.meta.dirname, 'client-build.ts')).href
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', `import(${JSON.stringify(module)}).then((m) => m.ensureClientBuilt(() => {}))`],
    {
      cwd: path.resolve(import.meta.dirname, '..'),
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  )
  clientBuilder = child
  return new Promise((resolve) => {
    child.on('error', (err) => {
      logger.error(`the client build could not start: ${err.message}`)
      resolve()
    })
    child.on('exit', (code) => {
      if (code === 0) logger.info(`client built in ${Date.now() - started} ms`)
      else logger.error(`the client build failed (exit ${code}); the API is served, the pages are not`)
      resolve()
    })
  })
}

function databaseOptions(config: Config) {
  return {
    databaseUrl: config.databaseUrl,
    pgliteDataDir: path.join(config.dataDir, 'pglite'),
    poolSize: config.databasePoolSize,
  }
}

async function main() {
  const config = loadConfig()
  const logger = createLogger(config)
  // A worker of the cluster (WORKERS > 1): the primary has migrated and seeded; it only serves.
  if (cluster.isWorker) {
    const handle = await connectDatabase(databaseOptions(config))
    await serveProcess({ config, logger, handle, clientDir: CLIENT_DIR })
    return
  }

  const started = Date.now()
  fs.mkdirSync(config.dataDir, { recursive: true })
  const options = databaseOptions(config)
  // A second process on the same embedded database stops here, before it touches the client build.
  if (!config.databaseUrl) lockDataDir(options.pgliteDataDir)
  const clientBuild = buildClientInBackground(logger)
  const handle = await connectDatabase(options)
  // Several processes may start at once on one PostgreSQL: the migrator holds an advisory lock (db/connect.ts).
  await migrateToLatest(handle.db)
  logger.info(`database ready (${handle.engine}) in ${Date.now() - started} ms`)
  if (config.seedDemo && (await seedDemoIfEmpty(handle.db))) logger.info('demo data seeded')
  await clientBuild

  if (config.workers > 1) {
    await handle.close()
    runPrimary({ config, logger })
    return
  }
  await serveProcess({ config, logger, handle, clientDir: CLIENT_DIR })
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err)
  if (clientBuilder?.exitCode === null) clientBuilder.kill()
  process.exit(1)
})
