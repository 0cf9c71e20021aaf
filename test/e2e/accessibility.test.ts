import { beforeAll, describe, expect, it } from 'vitest'
import { DEMO, hasHorizontalScroll, openPage, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()
let labPath = ''

beforeAll(async () => {
  const labs = (await (await fetch(`${e2e.server.url}/api/v1/labs`)).json()) as { id: string }[]
  labPath = `/labs/${labs[0].id}`
})

const PUBLIC_PAGES = () => ['/', labPath, '/login', '/find', '/pagina-che-non-esiste']
const TEAM_PAGES = ['/bookings', '/bookings?view=calendar', '/bookings/new']

describe('every page of the visitor and the team', () => {
  it('has no serious or critical axe violation (WCAG 2.1 AA), signed out', async () => {
    const { context, page } = await e2e.newPage()
    const found: Record<string, unknown> = {}
    for (const path of PUBLIC_PAGES()) {
      await openPage(page, path)
      const violations = await seriousViolations(page)
      if (violations.length) found[path] = violations
    }
    expect(found).toEqual({})
    await context.close()
  })

  it('has no serious or critical axe violation, signed in as a team member', async () => {
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.team)
    const found: Record<string, unknown> = {}
    for (const path of TEAM_PAGES) {
      await openPage(page, path)
      const violations = await seriousViolations(page)
      if (violations.length) found[path] = violations
    }
    // The booking form with its live preview and the cancel dialog open.
    await openPage(page, `/bookings/new?${new URLSearchParams({ labId: labPath.slice(6) })}`)
    await page.getByLabel('Titolo dell’attività').fill('Prova di accessibilità')
    await page.locator('.sc-preview p.fw-semibold, .sc-preview .alert').first().waitFor({ timeout: 30_000 })
    const form = await seriousViolations(page)
    if (form.length) found['/bookings/new (preview)'] = form
    expect(found).toEqual({})
    await context.close()
  })

  it('never scrolls sideways on a 390 px phone', async () => {
    const { context, page } = await e2e.newPage({ width: 390 })
    const wide: string[] = []
    for (const path of PUBLIC_PAGES()) {
      await openPage(page, path)
      if (await hasHorizontalScroll(page)) wide.push(path)
    }
    await screenshot(page, 'phone-not-found')
    await signIn(page, DEMO.team)
    for (const path of TEAM_PAGES) {
      await openPage(page, path)
      if (await hasHorizontalScroll(page)) wide.push(path)
      await screenshot(page, `phone${path.replaceAll(/[/?=]/g, '-')}`)
    }
    expect(wide).toEqual([])
    await context.close()
  })

  it('switches to English and back, remembering the choice', async () => {
    const { context, page } = await e2e.newPage()
    await openPage(page, '/')
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Labs and community hubs' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('en')
    await page.reload()
    await page.getByRole('heading', { level: 1, name: 'Labs and community hubs' }).waitFor()
    await page.getByRole('button', { name: 'Passa all’italiano' }).click()
    await page.getByRole('heading', { level: 1, name: 'Laboratori e hub di comunità' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('it')
    await context.close()
  })

  it('offers a skip link to the main content as the first thing a keyboard reaches', async () => {
    const { context, page } = await e2e.newPage()
    await openPage(page, '/')
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => ({
      text: document.activeElement?.textContent,
      href: document.activeElement?.getAttribute('href'),
    }))
    expect(focused).toEqual({ text: 'Vai al contenuto principale', href: '#main' })
    await context.close()
  })
})

describe('the pages of the call and of certificates', () => {
  it('have no serious or critical axe violation for the Comune, an operator and a team, and never scroll sideways at 390 px', async () => {
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.admin)
    const created = await page.request.post('/api/v1/calls', {
      data: {
        title: 'Bando di prova accessibilità',
        opensAt: '2030-01-10T09:00',
        closesAt: '2030-03-10T12:00',
        budgetCents: 10_000_000,
        maxFundingCents: 2_000_000,
        applicantTypes: ['informal', 'association'],
        criteria: [{ name: 'Impatto', weight: 1, maxScore: 10 }],
      },
    })
    expect(created.status()).toBe(201)
    const callId = (await created.json()).id as string
    const tabs = ['details', 'evaluators', 'applications', 'ranking', 'awards', 'summary']
    const byRole: Array<[string, string[]]> = [
      [
        DEMO.admin,
        [
          '/calls',
          '/calls/new',
          ...tabs.map((tab) => `/calls/${callId}/manage?tab=${tab}`),
          '/admin?tab=certification-kinds',
          '/certifications',
        ],
      ],
      [DEMO.operator, ['/certifications']],
      [DEMO.team, ['/certifications', '/applications']],
    ]
    const found: Record<string, unknown> = {}
    const wide: string[] = []
    await context.close()
    for (const [who, paths] of byRole) {
      const session = await e2e.newPage()
      await signIn(session.page, who)
      for (const path of paths) {
        await session.page.setViewportSize({ width: 1366, height: 900 })
        await openPage(session.page, path)
        const violations = await seriousViolations(session.page)
        if (violations.length) found[`${who} ${path}`] = violations
        await session.page.setViewportSize({ width: 390, height: 844 })
        if (await hasHorizontalScroll(session.page)) wide.push(`${who} ${path}`)
      }
      await session.context.close()
    }
    expect(found).toEqual({})
    expect(wide).toEqual([])
  }, 300_000)
})
