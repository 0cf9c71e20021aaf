import { type ChildProcess, execFile, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { ensureClientBuilt } from '../../backend/client-build.ts'

const ROOT = path.resolve(import.meta.dirname, '../..')

export interface ServerProcess {
  child: ChildProcess
  url: string
  /** Everything the process printed so far. */
  output(): string
  /** Resolves with the exit code (or the signal that ended it). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

/** How a test starts the server: as `npm start` does (node + tsx), or the production build, bare or through npm. */
export type StartCommand = 'tsx' | 'node-prod' | 'npm-prod'

const COMMANDS: Record<StartCommand, [string, string[]]> = {
  tsx: [process.execPath, ['--import', 'tsx', 'backend/main.ts']],
  'node-prod': [process.execPath, ['--enable-source-maps', 'dist/server/main.js']],
  'npm-prod': ['npm', ['run', 'start:prod']],
}

export interface StartOptions {
  command?: StartCommand
  /** In a process group of its own (as systemd runs a service), so that a test can signal the whole group. */
  detached?: boolean
  timeoutMs?: number
}

/**
 * Starts the server on any free port and waits for its `listening on http://ADDRESS:PORT` line
 * (127.0.0.1 unless `HOST` says otherwise).
 */
export async function startServer(
  env: Record<string, string | undefined>,
  timeoutOrOptions: number | StartOptions = {},
): Promise<ServerProcess> {
  const options = typeof timeoutOrOptions === 'number' ? { timeoutMs: timeoutOrOptions } : timeoutOrOptions
  const timeoutMs = options.timeoutMs ?? 150_000
  const childEnv: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env })) {
    if (value !== undefined) childEnv[key] = value
  }
  const [command, args] = COMMANDS[options.command ?? 'tsx']
  const child = spawn(command, args, {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: options.detached ?? false,
  })
  let out = ''
  child.stdout!.on('data', (chunk) => {
    out += chunk
  })
  child.stderr!.on('data', (chunk) => {
    out += chunk
  })
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  )
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the server did not start in ${timeoutMs} ms:\n${out}`))
    }, timeoutMs)
    const check = () => {
      const match = out.match(/listening on (http:\/\/\S+:\d+)/)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', check)
    void exited.then(({ code, signal }) => {
      clearTimeout(timer)
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${out}`))
    })
  })
  return { child, url, output: () => out, exited }
}

/** One holder at a time across the test processes (a lock directory); a lock older than 5 minutes is stale. */
async function underLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(os.tmpdir(), name)
  const deadline = Date.now() + 300_000
  for (;;) {
    try {
      fs.mkdirSync(lock)
      break
    } catch {
      const age = Date.now() - (fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now())
      if (age > 300_000) fs.rmSync(lock, { recursive: true, force: true })
      if (Date.now() > deadline) throw new Error('timed out waiting for another client build')
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  try {
    return await fn()
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

/**
 * Builds the client once for every test process at a time, so that servers started by tests find
 * frontend/dist fresh instead of building it concurrently.
 */
export async function ensureClientBuiltOnce(): Promise<void> {
  await underLock('spazi-comuni-client-build.lock', () => ensureClientBuilt(() => {}))
}

function newestMtime(target: string): number {
  const stat = fs.statSync(target, { throwIfNoEntry: false })
  if (!stat) return 0
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...fs.readdirSync(target).map((entry) => newestMtime(path.join(target, entry))))
}

/** `npm run build` (dist/), unless dist is newer than every source; once at a time across test processes. */
export async function ensureProductionBuilt(): Promise<void> {
  await underLock('spazi-comuni-prod-build.lock', async () => {
    const built = fs.statSync(path.join(ROOT, 'dist', 'server', 'main.js'), { throwIfNoEntry: false })?.mtimeMs ?? 0
    const sources = ['backend', 'db', 'emails', 'frontend/src', 'frontend/index.html', 'scripts', 'package.json']
    if (built > Math.max(...sources.map((s) => newestMtime(path.join(ROOT, s))))) return
    const result = await runCommand(['run', 'build'], {})
    if (result.code !== 0) throw new Error(`npm run build failed:\n${result.stdout}\n${result.stderr}`)
  })
}

export interface CommandResult {
  code: number | null
  stdout: string
  stderr: string
}

/**
 * `npm <args>` in the repository, with these variables on top of the test's. Asynchronous: a test's own
 * HTTP connections must go on living meanwhile.
 */
export function runCommand(args: string[], env: Record<string, string | undefined>, timeoutMs = 300_000): Promise<CommandResult> {
  const childEnv: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...process.env, ...env })) {
    if (value !== undefined) childEnv[key] = value
  }
  return new Promise((resolve, reject) => {
    execFile('npm', ['--silent', ...args], { cwd: ROOT, env: childEnv, encoding: 'utf8', timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : null) : 0
      if (err && code === null) reject(new Error(`npm ${args.join(' ')}: ${err.message}\n${stderr}`))
      else resolve({ code, stdout, stderr })
    })
  })
}

/** A new empty directory under the system's temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}
