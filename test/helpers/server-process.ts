import { type ChildProcess, spawn } from 'node:child_process'
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

/**
 * Starts `backend/main.ts` as `npm start` does (node + tsx), on any free port, and waits for its
 * `listening on http://ADDRESS:PORT` line (127.0.0.1 unless `HOST` says otherwise).
 */
export async function startServer(env: Record<string, string | undefined>, timeoutMs = 150_000): Promise<ServerProcess> {
  const childEnv: Record<string, string> = {}
  for (const [key, value] of Object.entries({ ...process.env, PORT: '0', LOG_LEVEL: 'info', ...env })) {
    if (value !== undefined) childEnv[key] = value
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'backend/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
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

/**
 * Builds the client once for every test process at a time (a lock directory), so that servers started by
 * tests find frontend/dist fresh instead of building it concurrently.
 */
export async function ensureClientBuiltOnce(): Promise<void> {
  const lock = path.join(os.tmpdir(), 'spazi-comuni-client-build.lock')
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
    await ensureClientBuilt(() => {})
  } finally {
    fs.rmSync(lock, { recursive: true, force: true })
  }
}

/** A new empty directory under the system's temporary directory. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}
