import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/**
 * Calendars that can be read and used (issue 12, items 2, 3, 7, 10): week and month on the lab page, "my
 * bookings" and the operator's board, choosing a free slot by dragging or by keyboard, closures as bands with
 * their reason, bookings a closure cancelled, closing a day over bookings, maintenance windows, subscribing.
 */

const e2e = useServerAndBrowser()

interface Lab {
  id: string
  hubId: string
  name: string
  maxDurationMinutes: number
}

const DESKTOP = 1366
const PHONE = 390

/** A date `days` ahead on the given ISO weekday (Monday = 1), as YYYY-MM-DD. */
function aheadOn(days: number, weekday: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + days)
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The closure form's period on one day: its dates typed as people do (dd/mm/yyyy), its times as HH:mm. */
async function fillPeriod(page: Page, date: string, from: string, to: string) {
  const italian = `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
  await page.getByLabel(/^Dal giorno/).fill(italian)
  await page.getByLabel(/^Dalle ore/).fill(from)
  await page.getByLabel(/^Al giorno/).fill(italian)
  await page.getByLabel(/^Alle ore/).fill(to)
}
function mondayOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7))
  return d.toISOString().slice(0, 10)
}

async function signedIn(email: string, width = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const session = await e2e.newPage({ width })
  await session.page.setViewportSize({ width, height: width === PHONE ? 844 : 900 })
  await signIn(session.page, email)
  return session
}

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: DESKTOP, height: 900 })
  await page.waitForTimeout(300)
  await screenshot(page, `${name}-desktop`)
  await page.setViewportSize({ width: PHONE, height: 844 })
  await page.waitForTimeout(300)
  await screenshot(page, `${name}-phone`)
  await page.setViewportSize({ width: DESKTOP, height: 900 })
}

/** The operator's first hub (as its page picks it) and its labs. */
async function operatorHub(page: Page): Promise<{ hubId: string; labs: Lab[] }> {
  const concessions = (await (await page.request.get('/api/v1/concessions?limit=1000')).json()) as Array<{ hubId: string; status: string }>
  const hubs = (await (await page.request.get('/api/v1/hubs?limit=1000')).json()) as Array<{ id: string; name: string }>
  const mine = hubs
    .filter((h) => concessions.some((c) => c.hubId === h.id && c.status === 'active'))
    .sort((a, b) => a.name.localeCompare(b.name))
  const hubId = mine[0].id
  const labs = ((await (await page.request.get(`/api/v1/labs?hubId=${hubId}&limit=1000`)).json()) as Lab[]).sort((a, b) =>
    a.name.localeCompare(b.name),
  )
  return { hubId, labs }
}

async function teamOf(page: Page): Promise<{ id: string; name: string }> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { teams: Array<{ id: string; name: string }> } }
  return me.user.teams[0]
}

/** The operator books a lab for the team (staff may record bookings for a team): the first lab that takes it. */
async function bookFor(operator: Page, labs: Lab[], teamId: string, date: string, title: string, from = '10:00', to = '12:00') {
  for (const lab of labs) {
    const res = await operator.request.post('/api/v1/bookings', {
      data: { labId: lab.id, teamId, title, start: `${date}T${from}`, end: `${date}T${to}` },
    })
    if (res.status() === 201) return { id: ((await res.json()) as { bookings: Array<{ id: string }> }).bookings[0].id, lab }
  }
  throw new Error(`no lab free on ${date}`)
}

describe('the lab page calendar', () => {
  it('shows a week and a month with closures as bands and their reason; a free slot opens the form by keyboard', async () => {
    const operator = await signedIn(DEMO.operator)
    const { labs } = await operatorHub(operator.page)
    const lab = labs[0]
    const closed = aheadOn(42, 3)
    const closure = await operator.page.request.post('/api/v1/closures', {
      data: { labId: lab.id, start: `${closed}T00:00`, end: `${closed}T23:59`, reason: 'Disinfestazione' },
    })
    // The day may already hold bookings of the demo: then the closure cancels them.
    if (closure.status() === 409) {
      await operator.page.request.post('/api/v1/closures', {
        data: { labId: lab.id, start: `${closed}T00:00`, end: `${closed}T23:59`, reason: 'Disinfestazione', cancelAffected: true },
      })
    }
    await operator.context.close()

    const team = await signedIn(DEMO.team)
    const page = team.page
    const week = mondayOf(closed)
    await page.goto(`/labs/${lab.id}?week=${week}`)
    await page.locator('.sc-week-calendar .ec-body').waitFor()
    await expect
      .poll(() => page.locator('.sc-week-calendar .sc-closure-event').filter({ hasText: 'Chiuso: Disinfestazione' }).count())
      .toBeGreaterThan(0)
    expect(await page.locator('.sc-closures-list').textContent()).toContain('Disinfestazione')
    // A band is not a button.
    expect(await page.locator('.sc-closure-event[role="button"]').count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'lab-week-closure')

    // By keyboard: the first free time of the list, focused and Enter, opens the form on that lab, day and time.
    const slot = page.locator('.sc-free-slot').first()
    const label = (await slot.getAttribute('aria-label')) ?? ''
    expect(label).toMatch(/^Prenota .+, \d\d:\d\d–\d\d:\d\d$/)
    await slot.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL((url) => url.pathname === '/bookings/new')
    const byKey = new URL(page.url()).searchParams
    expect(byKey.get('labId')).toBe(lab.id)
    expect(byKey.get('date')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    expect(byKey.get('start')).toBe(label.match(/(\d\d:\d\d)–/)?.[1])

    // The month: the choice is in the URL, the closure's band carries its reason.
    await page.goto(`/labs/${lab.id}?week=${week}`)
    await page.getByRole('button', { name: 'Mese', exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('view') === 'month')
    expect(new URL(page.url()).searchParams.get('month')).toBe(week.slice(0, 7))
    await page.goto(`/labs/${lab.id}?view=month&month=${closed.slice(0, 7)}`)
    await page.locator('.sc-week-calendar.month .ec-body').waitFor()
    await expect
      .poll(() => page.locator('.sc-week-calendar.month .sc-closure-event').filter({ hasText: 'Disinfestazione' }).count())
      .toBeGreaterThan(0)
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'lab-month')
    await team.context.close()
  })
})

describe('my bookings', () => {
  it('offers one-click calendar subscriptions at the top, a month view in the URL, and says which bookings a closure cancelled', async () => {
    const team = await signedIn(DEMO.team)
    const me = await teamOf(team.page)
    const operator = await signedIn(DEMO.operator)
    const { hubId, labs } = await operatorHub(operator.page)
    const date = aheadOn(35, 2)
    const booked = await bookFor(operator.page, labs, me.id, date, 'Corso di cucito')
    const closure = await operator.page.request.post('/api/v1/closures', {
      data: { labId: booked.lab.id, start: `${date}T09:00`, end: `${date}T13:00`, reason: 'Guasto elettrico', cancelAffected: true },
    })
    expect(closure.status()).toBe(201)
    expect(hubId).toBeTruthy()
    await operator.context.close()

    const page = team.page
    await page.goto(`/bookings?team=${me.id}&from=${date}&to=${date}`)
    const subscribe = page.getByRole('region', { name: 'Aggiungi al calendario' })
    await subscribe.getByRole('link', { name: /Calendario del dispositivo/ }).waitFor()
    expect(await subscribe.getByRole('link', { name: /Calendario del dispositivo/ }).getAttribute('href')).toMatch(/^webcal:\/\/.+\.ics/)
    expect(await subscribe.getByRole('link', { name: /Google Calendar/ }).getAttribute('href')).toMatch(
      /^https:\/\/calendar\.google\.com\/calendar\/render\?cid=webcal%3A%2F%2F/,
    )
    expect(await subscribe.getByRole('link', { name: /Outlook/ }).getAttribute('href')).toMatch(
      /^https:\/\/outlook\.live\.com\/calendar\/0\/addfromweb\?url=http/,
    )
    // It comes before the list.
    const order = await page.evaluate(() => {
      const sub = document.querySelector('.sc-subscribe')
      const table = document.querySelector('main table')
      return sub && table ? sub.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING : 0
    })
    expect(order).toBeTruthy()
    const row = page.locator('tr', { hasText: 'Corso di cucito' })
    await expect.poll(() => row.textContent()).toContain('Annullata per chiusura: Guasto elettrico')
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'bookings-list-subscribe')

    await page.goto(`/bookings/${booked.id}`)
    await page.locator('#status-reason').waitFor()
    expect(await page.locator('#status-reason').textContent()).toBe('Annullata per chiusura: Guasto elettrico')
    await page
      .getByRole('region', { name: 'Aggiungi al calendario' })
      .getByRole('link', { name: /Google Calendar/ })
      .waitFor()
    await shoot(page, 'booking-page-closure-cancelled')

    await page.goto(`/bookings?team=${me.id}`)
    await page.getByRole('button', { name: 'Calendario', exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('view') === 'week')
    await page.getByRole('button', { name: 'Mese', exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('view') === 'month' && Boolean(url.searchParams.get('month')))
    await page.locator('.sc-week-calendar.month .ec-body').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'bookings-month')
    await team.context.close()
  })
})

describe('the operator', () => {
  it('reads the board by week and month from the URL and books a time from it by keyboard', async () => {
    const { context, page } = await signedIn(DEMO.operator)
    const { hubId, labs } = await operatorHub(page)
    await page.goto(`/operator?hub=${hubId}&tab=board&view=month`)
    await page.locator('.sc-board.month .ec-body').waitFor()
    expect(await page.getByRole('button', { name: 'Mese', exact: true }).getAttribute('aria-pressed')).toBe('true')
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'board-month')
    await page.getByRole('button', { name: 'Giorno', exact: true }).click()
    await page.waitForURL((url) => !url.searchParams.has('view'))
    await page.getByLabel('Laboratorio', { exact: true }).selectOption(labs[1].id)
    await page.getByLabel('Dalle', { exact: true }).fill('15:00')
    await page.getByLabel('Alle', { exact: true }).fill('17:30')
    await page.getByRole('button', { name: 'Prenota questo orario' }).press('Enter')
    await page.waitForURL((url) => url.pathname === '/bookings/new')
    const q = new URL(page.url()).searchParams
    expect([q.get('labId'), q.get('start'), q.get('end')]).toEqual([labs[1].id, '15:00', '17:30'])
    await context.close()
  })

  it('closing a day lists whom it hurts and lets the operator close only the free labs, cancel them all, or go back', async () => {
    const { context, page } = await signedIn(DEMO.operator)
    const { hubId, labs } = await operatorHub(page)
    const team = await signedIn(DEMO.team)
    const me = await teamOf(team.page)
    await team.context.close()
    const date = aheadOn(49, 4)
    const booked = await bookFor(page, labs, me.id, date, 'Laboratorio di pasticceria')

    await page.goto(`/operator?hub=${hubId}&tab=closures`)
    await page.getByLabel(/^Motivo/).fill('Assemblea condominiale')
    await fillPeriod(page, date, '00:00', '23:00')
    await page.getByRole('button', { name: 'Crea la chiusura' }).click()
    const warning = page.getByRole('region', { name: /La chiusura cade su 1 prenotazione attiva/ })
    await warning.waitFor()
    const line = warning.locator('tbody tr').first()
    expect(await line.textContent()).toContain(booked.lab.name)
    expect(await line.textContent()).toContain(me.name)
    expect(await line.getByRole('link', { name: 'Laboratorio di pasticceria' }).getAttribute('href')).toBe(`/bookings/${booked.id}`)
    const cancelAll = warning.getByRole('button', { name: 'Chiudi e annulla 1 prenotazione' })
    expect(await cancelAll.getAttribute('class')).toContain('btn-danger')
    expect(await warning.getByRole('button', { name: 'Annulla', exact: true }).count()).toBe(0)
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'closing-day-affected')

    // Go back: nothing saved, the warning gone, focus back in the form.
    await warning.getByRole('button', { name: 'Torna al modulo senza chiudere' }).click()
    await expect.poll(() => warning.count()).toBe(0)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('closure-reason')

    // Only the free labs: the booked lab stays open, its booking untouched.
    await page.getByRole('button', { name: 'Crea la chiusura' }).click()
    await warning.waitFor()
    await warning.getByRole('button', { name: 'Chiudi solo i laboratori liberi' }).click()
    await expect.poll(() => page.getByText(/^Chiusi: .+\. Restano aperti, con le loro prenotazioni: /).count()).toBe(1)
    expect(
      await page.getByText(`Restano aperti, con le loro prenotazioni: ${booked.lab.name} (1 prenotazione)`, { exact: false }).count(),
    ).toBe(1)
    const still = (await (await page.request.get(`/api/v1/bookings/${booked.id}`)).json()) as { status: string }
    expect(still.status).not.toBe('cancelled')
    // Saved: the form is empty again, its day and time fields too (not the text typed before).
    const fields = ['#closure-reason', '#closure-start', '#closure-start-time', '#closure-end', '#closure-end-time']
    await expect.poll(() => Promise.all(fields.map((f) => page.locator(f).inputValue()))).toEqual(['', '', '', '', ''])
    await shoot(page, 'closing-day-free-labs')

    // Cancel them all, through a confirmation whose buttons cannot be confused.
    await page
      .getByLabel(/^Ambito|^Dove/)
      .selectOption({ index: 0 })
      .catch(() => undefined)
    await page.getByLabel(/^Motivo/).fill('Allagamento')
    await fillPeriod(page, date, '08:00', '22:00')
    await page.getByRole('button', { name: 'Crea la chiusura' }).click()
    await warning.waitFor()
    await warning.getByRole('button', { name: 'Chiudi e annulla 1 prenotazione' }).click()
    const dialog = page.getByRole('dialog')
    await dialog.getByRole('button', { name: 'No, non annullare' }).waitFor()
    await dialog.getByRole('button', { name: 'Sì, chiudi e annulla' }).click()
    await expect
      .poll(async () => ((await (await page.request.get(`/api/v1/bookings/${booked.id}`)).json()) as { cancelCause: string }).cancelCause)
      .toBe('closure')
    await context.close()
  })

  it('sees which equipment is in or scheduled for maintenance, and ends, edits or removes a window', async () => {
    const { context, page } = await signedIn(DEMO.operator)
    const { hubId } = await operatorHub(page)
    const assets = (await (await page.request.get(`/api/v1/equipment?hubId=${hubId}&status=active&limit=1000`)).json()) as Array<{
      id: string
      assetTag: string
      currentLoan: unknown
    }>
    const asset = assets.find((a) => !a.currentLoan) ?? assets[0]
    const local = (d: Date) =>
      new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Rome', dateStyle: 'short', timeStyle: 'short' }).format(d).replace(' ', 'T')
    const now = Date.now()
    const current = await page.request.post(`/api/v1/equipment/${asset.id}/maintenance`, {
      data: { start: local(new Date(now - 3_600_000)), end: local(new Date(now + 5 * 3_600_000)), reason: 'Cambio della lama' },
    })
    expect(current.status()).toBe(201)
    const coming = await page.request.post(`/api/v1/equipment/${asset.id}/maintenance`, {
      data: { start: local(new Date(now + 20 * 86_400_000)), end: local(new Date(now + 21 * 86_400_000)), reason: 'Taratura annuale' },
    })
    expect(coming.status()).toBe(201)

    await page.goto(`/operator?hub=${hubId}&tab=equipment`)
    const row = page.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^${asset.assetTag}$`) }) })
    await expect.poll(() => row.textContent()).toMatch(/In manutenzione fino al/)
    expect(await page.getByText(/^In uso$/).count()).toBe(0)
    const windows = page.getByRole('region', { name: 'Manutenzioni in corso e programmate' })
    await windows.getByText('Taratura annuale').waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await shoot(page, 'equipment-maintenance')

    const currentRow = windows.locator('tr', { hasText: 'Cambio della lama' })
    await currentRow.getByRole('button', { name: new RegExp(`Termina ora ${asset.assetTag}`) }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Termina ora' }).click()
    await page.getByText(`Manutenzione di ${asset.assetTag} terminata.`).waitFor()
    await expect.poll(() => row.textContent()).toMatch(/Manutenzione programmata dal/)

    const comingRow = windows.locator('tr', { hasText: 'Taratura annuale' })
    await comingRow.getByRole('button', { name: new RegExp(`Modifica ${asset.assetTag}`) }).click()
    const edit = page.getByRole('dialog')
    await edit.getByLabel(/^Motivo/).fill('Taratura e pulizia')
    await edit.getByRole('button', { name: 'Salva' }).click()
    await page.getByText(`Manutenzione di ${asset.assetTag} modificata.`).waitFor()
    await windows.getByText('Taratura e pulizia').waitFor()

    await windows
      .locator('tr', { hasText: 'Taratura e pulizia' })
      .getByRole('button', { name: new RegExp(`Elimina ${asset.assetTag}`) })
      .click()
    await page.getByRole('dialog').getByRole('button', { name: 'Elimina la manutenzione' }).click()
    await page.getByText(`Manutenzione di ${asset.assetTag} eliminata.`).waitFor()
    await expect.poll(() => row.textContent()).toMatch(/Disponibile/)
    await context.close()
  })
})
