/**
 * Browser tests: the real server (npx tsx backend/main.ts, embedded database, demo seed, PORT=0) and Debian
 * Chromium driven by playwright-core.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'
import { findBrowser } from './find-browser.ts'

const ROOT = path.resolve(import.meta.dirname, '..', '..')
export const SCREENSHOT_DIR = path.join(ROOT, 'test-results', 'screenshots')
export { DEMO_PASSWORD } from '../../db/seed/demo.ts'

import { DEMO_PASSWORD } from '../../db/seed/demo.ts'
export const DEMO = {
  admin: 'admin@spazicomuni.demo',
  operator: 'operatore@spazicomuni.demo',
  team: 'team@spazicomuni.demo',
}

export interface RunningServer {
  url: string
  dataDir: string
  output: () => string
  /** Stops the server; `keepData` leaves its data directory for the test to read (and remove). A second call
   * only removes the data directory (unless `keepData`). */
  stop: (options?: { keepData?: boolean }) => Promise<void>
}

/** Starts the real server on a free port with a fresh data directory; resolves once it listens. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'spazi-e2e-'))
  const child: ChildProcess = spawn('npx', ['tsx', 'backend/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, SEED_DEMO: '1', DATABASE_URL: '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let output = ''
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), 150_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/)
      if (match) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code}:\n${output}`))
    })
  })
  let stopped = false
  return {
    url,
    dataDir,
    output: () => output,
    stop: async (options: { keepData?: boolean } = {}) => {
      // A second call (the harness's afterAll after a test stopped it) only removes the data directory.
      if (!stopped && child.exitCode === null && child.pid) {
        stopped = true
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
        // The whole process group: npx → tsx → node.
        process.kill(-child.pid, 'SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))])
        if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL')
      }
      if (!options.keepData) fs.rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: findBrowser() ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  })
}

export interface PageOptions {
  width?: number
  height?: number
  /** The browser's language: Italian unless a test is about another one (`en-US`). */
  locale?: string
  timezoneId?: string
}

/** A fresh browser context (own cookies; Italian, Milan time and 1280×900 unless told otherwise) on the server. */
export async function newPage(
  browser: Browser,
  baseURL: string,
  options: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: options.locale ?? 'it-IT',
    timezoneId: options.timezoneId ?? 'Europe/Rome',
    viewport: { width: options.width ?? 1280, height: options.height ?? 900 },
  })
  const page = await context.newPage()
  return { context, page }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true })
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true })
}

/** Opens a page and waits until its data has arrived (no spinner left in the main content). */
export async function openPage(page: Page, path: string): Promise<void> {
  await page.goto(path)
  await page.locator('h1').first().waitFor()
  await page.waitForLoadState('networkidle')
  await page
    .locator('main .spinner-border')
    .first()
    .waitFor({ state: 'detached', timeout: 30_000 })
    .catch(() => {})
}

/**
 * A plain API client signed in as a demo account, for arranging the world the way staff would (it sends no
 * Origin header: the CSRF check lets scripts through). `request` answers whatever the status; `ok` returns
 * the body of a successful answer and throws with the answer otherwise.
 */
export async function apiAs(baseUrl: string, email: string, password = DEMO_PASSWORD) {
  const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  if (login.status !== 200) throw new Error(`sign-in of ${email} → ${login.status} ${await login.text()}`)
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const request = async <T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: { Cookie: cookie, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
  }
  const ok = async <T = any>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request<T>(method, path, body)
    if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`)
    return res.body
  }
  return {
    request,
    ok,
    get: <T>(path: string) => request<T>('GET', path),
    post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  }
}

/** Signs in through the form, as a person does. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Accedi', exact: true }).click()
  await page.waitForURL((url) => !url.pathname.startsWith('/login'))
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: { target: string[]; html: string }[]
}

const AXE_SOURCE = () => fs.readFileSync(path.join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8')

/** Runs axe-core (WCAG 2.0/2.1 A and AA) on the page; returns the serious and critical violations. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the app's Content-Security-Policy forbids inline scripts.
  await page.evaluate(AXE_SOURCE())
  const violations = await page.evaluate(async () => {
    // Colours are read once the transitions under way have ended (a button just pressed fades to its new colours:
    // read halfway, its contrast is neither's); endless animations (a spinner) are not waited for.
    const ending = document.getAnimations().filter((a) => Number.isFinite(Number(a.effect?.getComputedTiming().endTime)))
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)))
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: unknown) => Promise<{ violations: unknown[] }> } }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return result.violations
  })
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html })) }))
}

/** True when the page scrolls horizontally (it must not, down to 390 px). */
export async function hasHorizontalScroll(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1)
}
