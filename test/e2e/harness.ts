/**
 * The setup every browser test file shares: one real server and one Chromium for the whole file.
 *
 *   const e2e = useServerAndBrowser()
 *   it('…', async () => { const { context, page } = await e2e.newPage({ width: 390 }) … })
 *
 * Call it at the top of the file, before the file's own hooks: its beforeAll runs first (the file's own
 * beforeAll find the server and browser ready) and its afterAll last (vitest runs after-hooks in reverse).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, expect } from 'vitest'
import {
  launchBrowser,
  newPage,
  type PageOptions,
  type RunningServer,
  screenshot,
  seriousViolations,
  startServer,
} from '../helpers/browser.ts'

export interface ServerAndBrowser {
  /** The server of this file (set once beforeAll has run). */
  readonly server: RunningServer
  /** Chromium for this file (set once beforeAll has run). */
  readonly browser: Browser
  /** A fresh context (own cookies; Italian, Milan time unless told otherwise) and page on this file's server. */
  newPage: (options?: PageOptions) => Promise<{ context: BrowserContext; page: Page }>
}

/**
 * beforeAll: starts the server (`startServer(env)`; `env` may be a function, called then, to name what an
 * earlier hook started, e.g. a mail server) and launches Chromium. afterAll: closes the browser, stops the
 * server (a test that stopped it already, keeping its data, is fine: the data directory is removed then).
 */
export function useServerAndBrowser(env: Record<string, string> | (() => Record<string, string>) = {}): ServerAndBrowser {
  let server: RunningServer | undefined
  let browser: Browser | undefined
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} is not ready: useServerAndBrowser's beforeAll has not run`)
    return value
  }
  beforeAll(async () => {
    server = await startServer(typeof env === 'function' ? env() : env)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.stop()
  })
  return {
    get server() {
      return ready(server, 'the server')
    },
    get browser() {
      return ready(browser, 'the browser')
    },
    newPage: (options) => newPage(ready(browser, 'the browser'), ready(server, 'the server').url, options),
  }
}

/**
 * A page as a person sees it on a desktop (1366 × 900) and a phone (390 × 844): a screenshot of each, and no
 * serious accessibility violation on the phone. The page is left at the desktop size.
 */
export async function desktopAndPhone(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1366, height: 900 })
  await screenshot(page, `${name}-1366`)
  await page.setViewportSize({ width: 390, height: 844 })
  await screenshot(page, `${name}-390`)
  expect(await seriousViolations(page), name).toEqual([])
  await page.setViewportSize({ width: 1366, height: 900 })
}
