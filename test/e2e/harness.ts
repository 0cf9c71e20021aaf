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

/**
 * Watches the page for the loading line «Caricamento in corso…» from now on (until the page navigates), for a
 * re-read that must keep the page in place (components/reloadable.ts). A MutationObserver looks at every node
 * added, not only at the page as it is when it runs: a line shown and taken away again before it runs (within
 * one task) is seen too. `seen()` tells how many times the line came in; the watcher checks itself first by
 * adding and removing such a line at once (a watcher that saw nothing would prove nothing).
 */
export async function watchLoadingLine(page: Page): Promise<{ seen: () => Promise<number> }> {
  await page.evaluate(() => {
    const w = window as unknown as { loadingLineSeen: number }
    w.loadingLineSeen = 0
    const loading = (node: Node) => node.textContent?.includes('Caricamento in corso') === true
    new MutationObserver((records) => {
      for (const r of records) {
        const added = [...r.addedNodes].some(loading)
        const changed = r.type === 'characterData' && loading(r.target)
        if (added || changed) w.loadingLineSeen++
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const seen = () => page.evaluate(() => (window as unknown as { loadingLineSeen: number }).loadingLineSeen)
  await page.evaluate(() => {
    const flash = document.createElement('div')
    flash.textContent = 'Caricamento in corso…'
    document.body.append(flash)
    flash.remove()
  })
  await expect.poll(seen).toBe(1)
  await page.evaluate(() => {
    ;(window as unknown as { loadingLineSeen: number }).loadingLineSeen = 0
  })
  return { seen }
}
