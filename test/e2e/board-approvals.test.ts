import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { apiAs, DEMO, hasHorizontalScroll, openPage, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/**
 * The operator's board and approval queue, as "my bookings" shows a booking (issue 12, what operators meet in
 * their first week): a series' rule in words, the equipment booked, a lab named with its hub where two labs
 * share a name; what was done and what failed said in the shared toast; choosing a free time on the day's
 * board by dragging and by keyboard (24-hour times typed the Italian way).
 */

const e2e = useServerAndBrowser()

interface Lab {
  id: string
  hubId: string
  name: string
}

const WEEKDAYS = ['lunedì', 'martedì', 'mercoledì', 'giovedì', 'venerdì', 'sabato', 'domenica']
const TITLE = `Modellistica per la sfilata ${Date.now()}`

/** The world of the tests: a weekly series of three requests in a lab whose name another hub's lab shares. */
const world = {
  hub: { id: '', name: '' },
  lab: { id: '', name: '' } as Lab,
  dates: [] as string[],
  ids: [] as string[],
  rule: '',
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}
const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7

beforeAll(async () => {
  const admin = await apiAs(e2e.server.url, DEMO.admin)
  const team = await apiAs(e2e.server.url, DEMO.team)
  const hubs = (await admin.ok<Array<{ id: string; name: string }>>('GET', '/hubs?limit=1000')).filter(Boolean)
  const labs = await admin.ok<Lab[]>('GET', '/labs?limit=1000')
  world.hub = hubs.find((h) => h.name === 'CFL Corvetto') as { id: string; name: string }
  world.lab = labs.find((l) => l.hubId === world.hub.id && l.name === 'Laboratorio moda') as Lab
  expect(world.lab).toBeTruthy()
  // Another hub's lab takes the same name: both must now say their hub.
  const other = labs.find((l) => l.hubId !== world.hub.id && !['Laboratorio moda'].includes(l.name)) as Lab
  await admin.ok('PATCH', `/labs/${other.id}`, { name: 'Laboratorio moda' })

  const me = await team.ok<{ user: { teams: Array<{ id: string; name: string }> } }>('GET', '/me')
  const sartoria = me.user.teams.find((tm) => tm.name.startsWith('Sartoria')) as { id: string }
  const types = await team.ok<Array<{ id: string; name: string }>>('GET', '/equipment-types?limit=1000')
  const sewing = types.find((ty) => ty.name === 'Macchina da cucire') as { id: string }
  const tried: string[] = []
  for (let day = 0; day < 21 && world.ids.length === 0; day++) {
    const first = addDays(new Date().toISOString().slice(0, 10), 40 + day)
    if (weekday(first) > 4) continue
    const res = await team.post<{ bookings: Array<{ id: string; status: string; start: string }> }>('/bookings', {
      labId: world.lab.id,
      teamId: sartoria.id,
      title: TITLE,
      start: `${first}T10:00`,
      end: `${first}T12:00`,
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
      equipment: [{ typeId: sewing.id, quantity: 2 }],
    })
    if (res.status !== 201) {
      tried.push(`${first}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`)
      continue
    }
    expect(res.body.bookings.map((b) => b.status)).toEqual(['pending', 'pending', 'pending'])
    world.ids = res.body.bookings.map((b) => b.id)
    world.dates = res.body.bookings.map((b) => b.start.slice(0, 10))
    world.rule = `ogni ${WEEKDAYS[weekday(first)]}, dalle 10:00 alle 12:00, per 3 volte`
  }
  if (world.ids.length === 0) throw new Error(`no free week for the series:\n${tried.join('\n')}`)
}, 240_000)

/** The row of one occurrence of the series in a table of the page. */
const rowOf = (page: Page, date: string) =>
  page.locator('tbody tr', { hasText: TITLE }).filter({ hasText: new RegExp(formatItalianDay(date)) })

function formatItalianDay(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('it-IT', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** What "my bookings" says of the series, said of each row: no RFC 5545 text anywhere. */
async function expectBookingLines(row: ReturnType<Page['locator']>) {
  const text = (await row.textContent()) ?? ''
  expect(text).toContain(`Laboratorio moda · ${world.hub.name}`)
  expect(text).toContain(world.rule)
  expect(text).toContain('Attrezzatura: Macchina da cucire × 2')
  expect(text).not.toMatch(/FREQ=|COUNT=/)
}

describe('the approval queue', () => {
  it('shows a series’ rule in words, its equipment and the lab’s hub; says what was done and what failed in the toast', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.operator)
    await openPage(page, `/operator?tab=approvals`)
    await page.getByRole('heading', { level: 2, name: 'Richieste da approvare' }).waitFor()
    await page.locator('#approvals-hub').selectOption(world.hub.id)
    // The queue is in pages of 25, soonest first: go forward until the series shows.
    const first = rowOf(page, world.dates[0])
    for (let i = 0; i < 40 && !(await first.isVisible()); i++) {
      const next = page.getByRole('button', { name: 'Pagina successiva' })
      if ((await next.isVisible()) && !(await next.isDisabled())) await next.click()
      await page.waitForTimeout(300)
    }
    await first.waitFor()
    await expectBookingLines(first)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'approvals-series-desktop')
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await hasHorizontalScroll(page)).toBe(false)
    await expectBookingLines(first)
    await screenshot(page, 'approvals-series-phone')
    await page.setViewportSize({ width: 1366, height: 900 })

    // Approving one: said in the shared toast, not under the table; the focus goes to what was said.
    await first.getByRole('button', { name: `Approva ${TITLE}` }).click()
    const done = page.locator('.sc-toast', { hasText: 'Richieste approvate: 1.' })
    await done.waitFor()
    expect(await page.locator('section[aria-labelledby="approvals-title"] .alert').count()).toBe(0)
    await expect.poll(() => first.count()).toBe(0)
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.sc-toast') !== null)).toBe(true)

    // A request another member of staff rejected meanwhile: the problem, naming the request, in the toast.
    const second = rowOf(page, world.dates[1])
    await second.waitFor()
    const operator = await apiAs(e2e.server.url, DEMO.operator)
    await operator.ok('POST', `/bookings/${world.ids[1]}/reject`, { scope: 'occurrence', reason: 'Laboratorio già promesso' })
    await second.getByRole('button', { name: `Approva ${TITLE}` }).click()
    const failed = page.locator('.sc-toast-error', { hasText: `Non riuscito per «${TITLE}»` })
    await failed.waitFor()
    expect(await failed.getByRole('alert').count()).toBe(1)
    expect(await page.locator('section[aria-labelledby="approvals-title"] .alert').count()).toBe(0)
    await screenshot(page, 'approvals-toast-desktop')
    await context.close()
  })
})

/** The page's y of a wall-clock time on the day's board, from the grid's geometry and the hub's hours. */
async function yOnBoard(page: Page, time: string, range: { min: number; max: number }): Promise<number> {
  const box = await page.locator('.sc-board .ec-body').boundingBox()
  if (!box) throw new Error('no board body')
  const m = Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
  return box.y + ((m - range.min) / (range.max - range.min)) * box.height
}

describe('the board', () => {
  it('lists the series as "my bookings" does, and its chosen booking too', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.operator)
    await openPage(page, `/operator?hub=${world.hub.id}&tab=board&view=week&date=${world.dates[2]}`)
    const row = rowOf(page, world.dates[2])
    await row.waitFor({ timeout: 30_000 })
    await expectBookingLines(row)
    await row.getByRole('button', { name: `Apri ${TITLE}` }).click()
    const chosen = page.locator('#board-selected')
    await chosen.waitFor()
    expect(await chosen.textContent()).toContain(world.rule)
    expect(await chosen.textContent()).toContain('Attrezzatura: Macchina da cucire × 2')
    expect(await chosen.textContent()).not.toMatch(/FREQ=/)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'board-series-desktop')
    // Approving from the board: said in the toast, nothing under the buttons.
    await chosen.getByRole('button', { name: 'Approva', exact: true }).click()
    await page.locator('.sc-toast', { hasText: 'Prenotazione approvata.' }).waitFor()
    expect(await chosen.locator('.alert').count()).toBe(0)
    await expect.poll(async () => (await row.textContent()) ?? '').toContain('Confermata')
    await page.setViewportSize({ width: 390, height: 844 })
    expect(await hasHorizontalScroll(page)).toBe(false)
    await screenshot(page, 'board-series-phone')
    await context.close()
  })

  it('dragging over free time on the day opens the form with lab, day and times; so does the keyboard, 24-hour', async () => {
    // An American browser: the board's times are still typed and read the Italian way.
    const { context, page } = await e2e.newPage({ width: 1366, locale: 'en-US' })
    await signIn(page, DEMO.operator)
    const hours = (await (await page.request.get(`/api/v1/hubs/${world.hub.id}/opening-hours`)).json()) as Array<{
      open: string
      close: string
    }>
    const hour = (hhmm: string, up: boolean) => Number(hhmm.slice(0, 2)) * 60 + (up && hhmm.slice(3, 5) !== '00' ? 60 : 0)
    const range = {
      min: Math.min(...hours.map((h) => hour(h.open, false))),
      max: Math.max(...hours.map((h) => hour(h.close, true))),
    }
    // The lab's day holds the series at 10–12: 14:00–15:30 is free.
    const day = world.dates[2]
    await openPage(page, `/operator?hub=${world.hub.id}&tab=board&date=${day}`)
    await page.locator('.sc-board .ec-body').waitFor()
    const labs = ((await (await page.request.get(`/api/v1/labs?hubId=${world.hub.id}&limit=1000`)).json()) as Lab[]).sort((a, b) =>
      a.name.localeCompare(b.name),
    )
    const column = labs.findIndex((l) => l.id === world.lab.id)
    const middle = await yOnBoard(page, '14:45', range)
    await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: 'instant' }), middle - 450)
    const col = await page.locator('.sc-board .ec-body .ec-day').nth(column).boundingBox()
    if (!col) throw new Error('no lab column')
    const x = col.x + col.width / 2
    await page.mouse.move(x, (await yOnBoard(page, '14:00', range)) + 3)
    await page.mouse.down()
    await page.mouse.move(x, (await yOnBoard(page, '14:45', range)) + 3, { steps: 8 })
    await page.mouse.move(x, (await yOnBoard(page, '15:30', range)) - 3, { steps: 8 })
    await page.mouse.up()
    await page.waitForURL((url) => url.pathname === '/bookings/new')
    const dragged = new URL(page.url()).searchParams
    expect([dragged.get('labId'), dragged.get('date'), dragged.get('start'), dragged.get('end')]).toEqual([
      world.lab.id,
      day,
      '14:00',
      '15:30',
    ])
    await page.getByLabel('Ora di inizio').waitFor()
    expect(await page.getByLabel('Ora di inizio').inputValue()).toBe('14:00')
    expect(await page.getByLabel('Ora di fine').inputValue()).toBe('15:30')
    expect(await page.getByLabel('Giorno (il primo, se si ripete)').inputValue()).toBe(day.split('-').reverse().join('/'))

    // By keyboard: the lab, then times typed as people do (930 is 09:30, 17.15 is 17:15), then Enter.
    await openPage(page, `/operator?hub=${world.hub.id}&tab=board&date=${day}`)
    await page.getByLabel('Laboratorio', { exact: true }).selectOption(world.lab.id)
    const from = page.getByLabel('Dalle', { exact: true })
    const to = page.getByLabel('Alle', { exact: true })
    expect(await from.getAttribute('type')).toBe('text')
    await from.fill('17.15')
    await to.fill('930')
    await page.getByRole('button', { name: 'Prenota questo orario' }).press('Enter')
    // An end before the start is said, and nothing is opened.
    await page.getByRole('alert').filter({ hasText: 'L’ora di fine deve seguire quella di inizio.' }).waitFor()
    expect(new URL(page.url()).pathname).toBe('/operator')
    await from.fill('930')
    await to.fill('17.15')
    await to.blur()
    expect(await to.inputValue()).toBe('17:15')
    await screenshot(page, 'board-book-slot-desktop')
    await page.getByRole('button', { name: 'Prenota questo orario' }).press('Enter')
    await page.waitForURL((url) => url.pathname === '/bookings/new')
    const typed = new URL(page.url()).searchParams
    expect([typed.get('labId'), typed.get('date'), typed.get('start'), typed.get('end')]).toEqual([world.lab.id, day, '09:30', '17:15'])
    await context.close()
  })
})
