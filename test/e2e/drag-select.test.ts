import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/**
 * Choosing a free time on the lab's week (issue 12, item 2): dragging over free time, and by keyboard, opens
 * the booking form with the lab, the day and the times filled in.
 */

const e2e = useServerAndBrowser()

/** The Monday three weeks ahead, as YYYY-MM-DD: a week wholly in the future. */
function mondayAhead(weeks: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + 7 * weeks - ((d.getUTCDay() + 6) % 7))
  return d.toISOString().slice(0, 10)
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))
const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`

/** A free time of at least two hours on the lab's week, from the list under the calendar. */
async function longFreeSlot(page: Page): Promise<{ date: string; from: string; to: string }> {
  for (const link of await page.locator('.sc-free-slot').all()) {
    const href = (await link.getAttribute('href')) ?? ''
    const q = new URL(href, 'http://x').searchParams
    const [from, to] = ((await link.textContent()) ?? '').split('–')
    if (q.get('date') && minutes(to) - minutes(from) >= 120) return { date: q.get('date') as string, from, to }
  }
  throw new Error('no free time of two hours in the week')
}

/** The page's y of a wall-clock time in the week's grid (07:00–23:00), from the grid's own geometry. */
async function yOf(page: Page, time: string): Promise<number> {
  const box = await page.locator('.sc-week-calendar .ec-body').boundingBox()
  if (!box) throw new Error('no calendar body')
  return box.y + ((minutes(time) - 7 * 60) / (16 * 60)) * box.height
}

describe('the lab week', () => {
  it('dragging over free time opens the form with lab, day and times filled in', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.team)
    const labs = (await (await page.request.get('/api/v1/labs?limit=1000')).json()) as Array<{ id: string; name: string }>
    const lab = labs[0]
    const week = mondayAhead(3)
    await page.goto(`/labs/${lab.id}?week=${week}`)
    await page.locator('.sc-week-calendar .ec-body').waitFor()
    await page.locator('.sc-free-slot').first().waitFor()
    expect(await seriousViolations(page)).toEqual([])
    const slot = await longFreeSlot(page)
    const day = (new Date(`${slot.date}T00:00:00Z`).getUTCDay() + 6) % 7
    const start = minutes(slot.from) + 30
    const end = start + 90
    // The pointer only reaches what is on screen: bring the chosen time to the middle of the window, at once
    // (the site scrolls smoothly otherwise, and the grid would move under the pointer).
    const middle = await yOf(page, clock(start))
    await page.evaluate((dy) => window.scrollBy({ top: dy, behavior: 'instant' }), middle - 450)
    const column = page.locator('.sc-week-calendar .ec-body .ec-day').nth(day)
    const col = await column.boundingBox()
    if (!col) throw new Error('no day column')
    const x = col.x + col.width / 2
    await page.mouse.move(x, (await yOf(page, clock(start))) + 3)
    await page.mouse.down()
    await page.mouse.move(x, (await yOf(page, clock(start + 45))) + 3, { steps: 8 })
    await page.mouse.move(x, (await yOf(page, clock(end))) - 3, { steps: 8 })
    await page.mouse.up()
    await page.waitForURL((url) => url.pathname === '/bookings/new')
    const q = new URL(page.url()).searchParams
    expect([q.get('labId'), q.get('date'), q.get('start'), q.get('end')]).toEqual([lab.id, slot.date, clock(start), clock(end)])
    await page.getByLabel('Ora di inizio').waitFor()
    expect(await page.getByLabel('Ora di inizio').inputValue()).toBe(clock(start))
    expect(await page.getByLabel('Ora di fine').inputValue()).toBe(clock(end))
    expect(await page.getByLabel('Giorno (il primo, se si ripete)').inputValue()).toBe(slot.date.split('-').reverse().join('/'))
    await screenshot(page, 'drag-select-form-desktop')
    await context.close()
  })
})
