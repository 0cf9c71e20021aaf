/**
 * The screenshots of the users' guides (docs/guida-operatore.md, docs/guida-team.md) and of docs/client.md:
 * starts the server on a temporary data directory (embedded database, demo seed), signs in as each persona
 * with Chromium and writes docs/screenshots/<name>-<desktop|phone>.png at 1366×900 and 390×844.
 * Run again after the client changes: `npx tsx scripts/screenshots.ts` (needs a built client:
 * `npx vite build --config frontend/vite.config.ts`).
 */
import fs from 'node:fs'
import path from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { DEMO, launchBrowser, startServer } from '../test/helpers/browser.ts'

const OUT = path.resolve(import.meta.dirname, '..', 'docs', 'screenshots')
const SIZES = [
  { name: 'desktop', width: 1366, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const

interface Shot {
  name: string
  as: string | null
  path: string
  /** Waits for what the picture must show. */
  ready?: (page: Page) => Promise<unknown>
}

const SHOTS: Shot[] = [
  // each persona's main page (docs/client.md)
  { name: 'visitatore-catalogo', as: null, path: '/', ready: (p) => p.locator('main h1').first().waitFor() },
  { name: 'team-prenotazioni', as: DEMO.team, path: '/bookings', ready: (p) => p.locator('main h1').first().waitFor() },
  { name: 'operatore-tabellone', as: DEMO.operator, path: '/operator', ready: (p) => p.locator('main h1').first().waitFor() },
  {
    name: 'comune-report',
    as: DEMO.admin,
    path: '/reports',
    ready: (p) => p.locator('figure.sc-chart canvas').first().waitFor({ timeout: 90_000 }),
  },
  // the team's guide
  { name: 'team-cerca', as: DEMO.team, path: '/find', ready: (p) => p.locator('main h1').first().waitFor() },
  { name: 'team-nuova-prenotazione', as: DEMO.team, path: '/bookings/new', ready: (p) => p.locator('main h1').first().waitFor() },
  // the operator's guide
  {
    name: 'operatore-approvazioni',
    as: DEMO.operator,
    path: '/operator?tab=approvals',
    ready: (p) => p.locator('main h1').first().waitFor(),
  },
  { name: 'operatore-chiusure', as: DEMO.operator, path: '/operator?tab=closures', ready: (p) => p.locator('main h1').first().waitFor() },
  { name: 'operatore-orari', as: DEMO.operator, path: '/operator?tab=hours', ready: (p) => p.locator('main h1').first().waitFor() },
  {
    name: 'operatore-attrezzature',
    as: DEMO.operator,
    path: '/operator?tab=equipment',
    ready: (p) => p.locator('main h1').first().waitFor(),
  },
  { name: 'operatore-presenze', as: DEMO.operator, path: '/operator?tab=attendance', ready: (p) => p.locator('main h1').first().waitFor() },
]

async function signedInPage(browser: Browser, url: string, size: (typeof SIZES)[number], email: string | null) {
  const context = await browser.newContext({ baseURL: url, viewport: { width: size.width, height: size.height }, locale: 'it-IT' })
  const page = await context.newPage()
  if (email) {
    await page.goto('/login')
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('spazi-demo')
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()
    await page.waitForURL((u) => !u.pathname.startsWith('/login'))
  }
  return { context, page }
}

async function main() {
  fs.mkdirSync(OUT, { recursive: true })
  const only = process.argv.slice(2)
  const server = await startServer()
  const browser = await launchBrowser()
  try {
    for (const size of SIZES) {
      for (const shot of SHOTS.filter((s) => !only.length || only.includes(s.name))) {
        const { context, page } = await signedInPage(browser, server.url, size, shot.as)
        await page.goto(shot.path)
        await shot.ready?.(page).catch((e) => console.warn(`${shot.name}: ${e instanceof Error ? e.message : e}`))
        await page.waitForLoadState('networkidle').catch(() => {})
        const file = path.join(OUT, `${shot.name}-${size.name}.png`)
        await page.screenshot({ path: file })
        console.log(`wrote ${path.relative(process.cwd(), file)}`)
        await context.close()
      }
    }
  } finally {
    await browser.close()
    await server.stop()
  }
}

await main()
