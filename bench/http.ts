import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/**
 * What the benchmark's clients do as the browser's client does (frontend/src/api/client.ts): JSON both ways,
 * the session cookie, and on unsafe methods the Origin and Sec-Fetch-Site a browser sends (the CSRF rule).
 */
export class Client {
  constructor(
    readonly base: string,
    readonly cookie = '',
  ) {}

  /** Signs in over HTTP (POST /api/v1/auth/login) and keeps the session cookie. */
  static async signIn(base: string, email: string, password: string): Promise<Client> {
    const anonymous = new Client(base)
    const res = await anonymous.fetch('POST', '/api/v1/auth/login', { email, password })
    await res.text()
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('sc_session='))
    if (res.status !== 200 || !cookie) throw new Error(`sign-in of ${email} answered ${res.status}`)
    return new Client(base, cookie.split(';')[0])
  }

  /** The same session on another server (the floor reads the same sessions table). */
  on(base: string): Client {
    return new Client(base, this.cookie)
  }

  fetch(method: string, pathAndQuery: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
    const unsafe = method !== 'GET' && method !== 'HEAD'
    return fetch(`${this.base}${pathAndQuery}`, {
      method,
      headers: {
        Accept: 'application/json, application/problem+json',
        'Accept-Language': 'it',
        ...(this.cookie ? { Cookie: this.cookie } : {}),
        ...(unsafe ? { Origin: this.base, 'Sec-Fetch-Site': 'same-origin' } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
        ...headers,
      },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    })
  }

  /** A JSON request whose answer must have the expected status; the body is parsed, as the client does. */
  async json<T = unknown>(method: string, pathAndQuery: string, expected: number, body?: unknown): Promise<T> {
    const res = await this.fetch(method, pathAndQuery, body)
    const text = await res.text()
    if (res.status !== expected) throw new Error(`${method} ${pathAndQuery} answered ${res.status}: ${text.slice(0, 300)}`)
    return (text ? JSON.parse(text) : null) as T
  }

  /** A GET whose body is read whole as text (CSV, iCalendar). */
  async text(pathAndQuery: string, expected = 200, headers: Record<string, string> = {}): Promise<string> {
    const res = await this.fetch('GET', pathAndQuery, undefined, headers)
    const text = await res.text()
    if (res.status !== expected) throw new Error(`GET ${pathAndQuery} answered ${res.status}: ${text.slice(0, 300)}`)
    return text
  }
}

export interface Started {
  url: string
  child: ChildProcess
  stop(): Promise<void>
}

/** Starts a node process (through tsx) and waits for its `listening on http://…` line. */
export async function startProcess(script: string, env: Record<string, string>, nodeArgs: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  const url = await new Promise<string>((resolve, reject) => {
    // a loaded shared machine may take minutes (tsx compiles on start)
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${script} did not start in 300 s:\n${out}`))
    }, 300_000)
    const onData = (chunk: Buffer) => {
      out += chunk
      const match = /listening on (http:\/\/\S+:\d+)/.exec(out)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`${script} exited before listening:\n${out}`))
    })
  })
  return {
    url,
    child,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
