import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { apiAs, DEMO, hasHorizontalScroll, openPage, SCREENSHOT_DIR, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const pad = (n: number) => String(n).padStart(2, '0')
const hhmm = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`

interface LabRow {
  id: string
  hubId: string
  name: string
  approvalRequired: boolean
  requiresGrant: boolean
  minDurationMinutes: number
  maxDurationMinutes: number
}

/**
 * The team member books a lab that needs approval, in a hub the demo operator manages: a pending request.
 * Tries the team's teams, the labs and the coming days until one slot is free and within the grants.
 */
async function createPendingBooking(title: string): Promise<{ id: string; labId: string; hubId: string }> {
  const team = await apiAs(e2e.server.url, DEMO.team)
  const operator = await apiAs(e2e.server.url, DEMO.operator)
  const me = await team.get<{ user: { teamIds: string[] } }>('/me')
  const concessions = await operator.get<{ hubId: string; status: string; inForce?: boolean }[]>('/concessions')
  const managed = new Set(concessions.body.filter((c) => c.inForce ?? c.status === 'active').map((c) => c.hubId))
  const labs = (await team.get<LabRow[]>('/labs?limit=1000')).body.filter((l) => l.approvalRequired && managed.has(l.hubId))
  expect(labs.length).toBeGreaterThan(0)
  // Grant-free labs first: fewer reasons to be refused.
  labs.sort((a, b) => Number(a.requiresGrant) - Number(b.requiresGrant))
  const start = addDays(new Date().toISOString().slice(0, 10), 21)
  const tried: string[] = []
  for (const lab of labs) {
    const minutes = Math.min(Math.max(120, lab.minDurationMinutes), lab.maxDurationMinutes)
    for (const teamId of me.body.user.teamIds) {
      for (let day = 0; day < 14; day++) {
        const date = addDays(start, day)
        const from = 10 * 60
        const res = await team.post<{ bookings: { id: string; status: string }[]; conflicts?: { reason: string }[] }>('/bookings', {
          labId: lab.id,
          teamId,
          title,
          start: `${date}T${hhmm(from)}`,
          end: `${date}T${hhmm(from + minutes)}`,
        })
        if (res.status === 201) {
          expect(res.body.bookings[0].status).toBe('pending')
          return { id: res.body.bookings[0].id, labId: lab.id, hubId: lab.hubId }
        }
        tried.push(`${lab.name} ${date}: ${res.status} ${(res.body.conflicts ?? []).map((c) => c.reason).join(',')}`)
        // A refusal that no other day will change (no grant for this lab and team): next team.
        if ((res.body.conflicts ?? []).some((c) => c.reason === 'no_grant' || c.reason === 'training_required')) break
      }
    }
  }
  throw new Error(`no free slot for a pending booking:\n${tried.slice(0, 30).join('\n')}`)
}

describe('an operator', () => {
  it('approves a team’s pending request in the approval queue', async () => {
    const title = `Laboratorio da approvare ${Date.now()}`
    const booking = await createPendingBooking(title)

    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.operator)
    expect(new URL(page.url()).pathname).toBe('/operator')
    await openPage(page, `/operator?tab=approvals`)
    await page.getByRole('heading', { level: 2, name: 'Richieste da approvare' }).waitFor()

    // The queue is in pages of 25, soonest first: go forward until the request shows.
    const approve = page.getByRole('button', { name: `Approva ${title}` })
    for (let i = 0; i < 40 && !(await approve.isVisible()); i++) {
      const next = page.getByRole('button', { name: 'Pagina successiva' })
      if (!(await next.isVisible()) || (await next.isDisabled())) break
      await next.click()
      await page
        .locator('main .spinner-border')
        .first()
        .waitFor({ state: 'detached', timeout: 15_000 })
        .catch(() => {})
      await page.waitForTimeout(200)
    }
    await approve.waitFor({ timeout: 15_000 })
    await screenshot(page, 'operator-approvals')
    await approve.click()
    await page.getByRole('status').filter({ hasText: 'Richieste approvate: 1.' }).waitFor({ timeout: 30_000 })
    await expect.poll(() => approve.count(), { timeout: 15_000 }).toBe(0)

    const operator = await apiAs(e2e.server.url, DEMO.operator)
    const after = await operator.get<{ status: string }>(`/bookings/${booking.id}`)
    expect(after.status).toBe(200)
    expect(after.body.status).toBe('confirmed')
    await context.close()
  })

  it('sees the schedule board of its hub: a day with labs as columns, a week and a month with labs as rows', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.operator)
    await openPage(page, '/operator?tab=board')
    await page.getByRole('heading', { level: 2, name: 'Calendario dei laboratori' }).waitFor()
    await page.locator('.sc-board .ec').waitFor({ timeout: 30_000 })
    await screenshot(page, 'operator-board-day')
    await page.getByRole('button', { name: 'Settimana', exact: true }).click()
    await page.locator('.sc-board.timeline .ec-timeline').waitFor()
    // One row per lab (its name in the row head), seven day columns.
    await screenshot(page, 'operator-board-week')
    expect(await page.locator('.sc-board .ec-row-head').count()).toBeGreaterThan(1)
    expect(await page.getByText('scorri in orizzontale').count()).toBe(1)
    // Events are buttons that open the booking, reached by keyboard.
    const event = page.locator('.sc-board .ec-event[role="button"]').first()
    if ((await event.count()) > 0) {
      await event.focus()
      await page.keyboard.press('Enter')
      await page.locator('#board-selected').getByRole('link', { name: 'Apri la pagina della prenotazione' }).waitFor()
    }
    await screenshot(page, 'operator-board-week')
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await hasHorizontalScroll(page)).toBe(false)
    await screenshot(page, 'operator-board-week-phone')
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.getByRole('button', { name: 'Mese', exact: true }).click()
    await page.locator('.sc-board.timeline .ec-month-view').waitFor()
    await page.getByRole('button', { name: 'Mese successivo' }).click()
    // December of the demo's year: Sant'Ambrogio and the Immacolata are closures of every hub, listed with their reason.
    await openPage(page, `/operator?tab=board&view=month&date=${new Date().getFullYear()}-12-01`)
    await page.locator('.sc-closures-list li', { hasText: "Sant'Ambrogio" }).waitFor()
    await screenshot(page, 'operator-board-month')
    await context.close()
  })
})

describe('the Comune', () => {
  it('reads its utilisation dashboard: charts, each with its data as a table', async () => {
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.admin)
    await openPage(page, '/reports')
    await page.getByRole('heading', { level: 1, name: 'Dati e report' }).waitFor()
    await page.locator('figure.sc-chart canvas').first().waitFor({ timeout: 60_000 })
    await expect.poll(() => page.locator('figure.sc-chart canvas').count(), { timeout: 60_000 }).toBeGreaterThanOrEqual(3)
    const charts = await page.locator('figure.sc-chart').count()
    expect(await page.locator('figure.sc-chart table').count()).toBe(charts)
    // The data of a chart is there in words for screen readers: at least one row of numbers.
    expect(await page.locator('figure.sc-chart table tbody tr').count()).toBeGreaterThan(0)
    await page.locator('table.sc-heatmap').waitFor({ timeout: 60_000 })
    // the heatmap comes from GET /reports/heatmap (the roll-up): the demo year fills some cells
    expect(await page.locator('table.sc-heatmap td').filter({ hasText: /\d/ }).count()).toBeGreaterThan(0)
    // the no-show rate by team, then by lab (issue 19)
    await page.getByRole('heading', { level: 2, name: 'Presenze e mancate presenze' }).waitFor()
    const byTeam = page.getByRole('table', { name: 'Tasso di mancate presenze per gruppo' })
    await byTeam.waitFor({ timeout: 60_000 })
    expect(await byTeam.locator('tbody tr').count()).toBeGreaterThan(0)
    expect(await byTeam.locator('thead th').allTextContents()).toContain('Tasso di assenze')
    await page.getByText(/Tasso di mancate presenze nel periodo: \d/).waitFor()
    // by its label, as a person does (Bootstrap Italia draws the radio on the label)
    await page.locator('label[for="attendance-by-lab"]').click()
    await expect.poll(() => page.locator('#attendance-by-lab').isChecked()).toBe(true)
    const byLab = page.getByRole('table', { name: 'Tasso di mancate presenze per laboratorio' })
    await byLab.waitFor({ timeout: 60_000 })
    expect(await byLab.locator('tbody tr').count()).toBeGreaterThan(0)
    await page
      .locator('section[aria-labelledby="attendance-title"]')
      .screenshot({ path: path.join(SCREENSHOT_DIR, 'reports-attendance.png') })
    await page.getByRole('heading', { level: 2, name: 'Rispetto delle concessioni' }).waitFor()
    expect(await page.getByRole('link', { name: /Scarica CSV/ }).count()).toBeGreaterThanOrEqual(5)
    await screenshot(page, 'reports-dashboard')
    await context.close()
  })
})

describe('the staff pages', () => {
  const PAGES: [string, string][] = [
    [DEMO.operator, '/operator'],
    [DEMO.operator, '/operator?tab=approvals'],
    [DEMO.operator, '/operator?tab=hours'],
    [DEMO.admin, '/reports'],
    [DEMO.admin, '/admin'],
    [DEMO.admin, '/admin?tab=users'],
  ]

  it('have no serious or critical axe violation (WCAG 2.1 AA)', async () => {
    const found: Record<string, unknown> = {}
    for (const who of [DEMO.operator, DEMO.admin]) {
      const { context, page } = await e2e.newPage()
      await signIn(page, who)
      for (const [, path] of PAGES.filter(([w]) => w === who)) {
        await openPage(page, path)
        await page.waitForTimeout(300)
        const violations = await seriousViolations(page)
        if (violations.length) found[path] = violations
        await screenshot(page, `staff${path.replace(/[/?=]/g, '-')}`)
      }
      await context.close()
    }
    expect(found).toEqual({})
  })

  it('fit a 390 px wide screen without horizontal scrolling', async () => {
    const scrolls: string[] = []
    for (const who of [DEMO.operator, DEMO.admin]) {
      const { context, page } = await e2e.newPage({ width: 390 })
      await signIn(page, who)
      for (const [, path] of PAGES.filter(([w]) => w === who)) {
        await openPage(page, path)
        if (await hasHorizontalScroll(page)) scrolls.push(path)
      }
      if (who === DEMO.admin) await screenshot(page, 'staff-admin-390')
      await context.close()
    }
    expect(scrolls).toEqual([])
  })
})
