/**
 * My bookings (/bookings, issue 12): a row says the equipment booked with it; dragging over free time on the
 * team's week opens the booking form with the day and the times filled in.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiAs, DEMO, openPage, SCREENSHOT_DIR, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/** What the window shows (the helper's screenshots are of the whole page, too long to look at on a phone). */
const inView = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })

const e2e = useServerAndBrowser()

/** The Monday `weeks` weeks ahead, as YYYY-MM-DD: a week wholly in the future. */
function mondayAhead(weeks: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + 7 * weeks - ((d.getUTCDay() + 6) % 7))
  return d.toISOString().slice(0, 10)
}

const addDays = (date: string, n: number) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10)
const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

/** The page's y of a wall-clock time in the week's grid (07:00–23:00), from the grid's own geometry. */
async function yOf(page: Page, time: string): Promise<number> {
  const box = await page.locator('.sc-week-calendar .ec-body').boundingBox()
  if (!box) throw new Error('no calendar body')
  return box.y + ((minutes(time) - 7 * 60) / (16 * 60)) * box.height
}

describe('my bookings', () => {
  it('a booking made with equipment says so on its row', async () => {
    const team = await apiAs(e2e.server.url, DEMO.team)
    const me = await team.ok<{ user: { teams: Array<{ id: string }> } }>('GET', '/me')
    const labs = await team.ok<Array<{ id: string; approvalRequired: boolean }>>('GET', '/labs?limit=1000')
    const title = `Laboratorio con attrezzatura ${Date.now()}`
    let booked: { typeName: string; day: string } | undefined
    const refusals: string[] = []
    // a weekday two or three weeks ahead (within every lab's booking horizon), in the afternoon
    search: for (const day of [addDays(mondayAhead(2), 2), addDays(mondayAhead(2), 3), addDays(mondayAhead(3), 1)]) {
      for (const lab of labs) {
        const types = await team.ok<Array<{ id: string; name: string; quantity?: number; requiresTraining?: boolean }>>(
          'GET',
          `/equipment-types?labId=${lab.id}`,
        )
        const type = types.find((ty) => (ty.quantity ?? 0) > 0 && !ty.requiresTraining)
        if (!type) continue
        for (const teamId of me.user.teams.map((tm) => tm.id)) {
          const res = await team.post<{ type?: string; detail?: string }>('/bookings', {
            labId: lab.id,
            teamId,
            title,
            start: `${day}T15:00`,
            end: `${day}T17:00`,
            expectedParticipants: 4,
            equipment: [{ typeId: type.id, quantity: 1 }],
          })
          if (res.status === 201) {
            booked = { typeName: type.name, day }
            break search
          }
          refusals.push(`${res.status} ${res.body?.type ?? ''} ${res.body?.detail ?? ''}`)
        }
      }
    }
    if (!booked) throw new Error(`no lab with equipment free for the team: ${refusals.slice(0, 5).join('; ')}`)

    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.team)
    await openPage(page, `/bookings?view=list&from=${booked.day}&to=${booked.day}`)
    const row = page.locator('tr', { hasText: title })
    await row.waitFor({ timeout: 30_000 })
    expect(await row.locator('.sc-equipment-line').textContent()).toBe(`Attrezzatura: ${booked.typeName} × 1`)
    await row.scrollIntoViewIfNeeded()
    await inView(page, 'my-bookings-equipment-1366')
    expect(await seriousViolations(page)).toEqual([])
    // on a phone the row is a card and still says it
    await page.setViewportSize({ width: 390, height: 844 })
    await row.scrollIntoViewIfNeeded()
    expect(await row.locator('.sc-equipment-line').isVisible()).toBe(true)
    await inView(page, 'my-bookings-equipment-390')
    await context.close()
  })

  it('dragging over free time on the team’s week opens the form with the day and the times', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.team)
    const week = mondayAhead(4)
    await openPage(page, `/bookings?view=week&week=${week}`)
    await page.locator('.sc-week-calendar .ec-body').waitFor({ timeout: 30_000 })
    // Sunday early in the morning, where the demo's team books nothing: 08:00–09:30
    const sunday = addDays(week, 6)
    const middle = await yOf(page, '08:30')
    await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: 'instant' }), middle - 450)
    const col = await page.locator('.sc-week-calendar .ec-body .ec-day').nth(6).boundingBox()
    if (!col) throw new Error('no day column')
    const x = col.x + col.width / 2
    await page.mouse.move(x, (await yOf(page, '08:00')) + 3)
    await page.mouse.down()
    await page.mouse.move(x, (await yOf(page, '08:45')) + 3, { steps: 8 })
    await page.mouse.move(x, (await yOf(page, '09:30')) - 3, { steps: 8 })
    await page.mouse.up()
    await page.waitForURL((url) => url.pathname === '/bookings/new')
    const q = new URL(page.url()).searchParams
    expect([q.get('date'), q.get('start'), q.get('end')]).toEqual([sunday, '08:00', '09:30'])
    await page.getByLabel('Ora di inizio').waitFor()
    expect(await page.getByLabel('Ora di inizio').inputValue()).toBe('08:00')
    expect(await page.getByLabel('Ora di fine').inputValue()).toBe('09:30')
    expect(await page.getByLabel('Giorno (il primo, se si ripete)').inputValue()).toBe(sunday.split('-').reverse().join('/'))
    await inView(page, 'my-bookings-drag-form-1366')
    await context.close()
  })
})
