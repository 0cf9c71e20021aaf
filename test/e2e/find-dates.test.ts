import { describe, expect, it } from 'vitest'
import { screenshot } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

function nextMonday(weeksAhead: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + weeksAhead * 7)
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

describe('search results that say which dates', () => {
  it('lists each date a lab is not free on with its reason, as many as it is short of', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    const from = nextMonday(6)
    const until = new Date(Date.parse(`${from}T00:00:00Z`) + 13 * 86_400_000).toISOString().slice(0, 10)
    // Mondays and Sundays for two weeks: the demo hubs close on Sunday, so no lab is free on every date.
    await page.goto(`/find?days=1,7&start=10:00&end=12:00&from=${from}&until=${until}`)
    const card = page.locator('.sc-card', { hasText: /Libero in \d+ dat[ae] su 4/ }).first()
    await card.waitFor({ timeout: 60_000 })
    const [, free] = ((await card.textContent()) ?? '').match(/Libero in (\d+) dat[ae] su 4/) ?? []
    const dates = card.locator('.sc-busy-dates li')
    expect(await dates.count()).toBe(4 - Number(free))
    for (const text of await dates.allTextContents()) {
      // "domenica 14 febbraio 2027, 10:00–12:00: fuori dall’orario di apertura"
      expect(text).toMatch(/\d{1,2}:\d{2}.*: \S/)
    }
    expect(await card.locator('.sc-busy-dates').textContent()).toMatch(/Non è libero in (questa data|queste \d+ date)/)
    await screenshot(page, 'find-busy-dates-1366')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'find-busy-dates-390')
    await context.close()
  })
  it('says before searching that a period is beyond what a series may be (two years, 366 sessions)', async () => {
    const { context, page } = await e2e.newPage({ width: 390 })
    const from = nextMonday(1)
    const years = (n: number, days = 0) => {
      const d = new Date(`${from}T00:00:00Z`)
      d.setUTCFullYear(d.getUTCFullYear() + n)
      d.setUTCDate(d.getUTCDate() + days)
      return d.toISOString().slice(0, 10)
    }
    const searches: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/availability')) searches.push(r.url())
    })
    await page.goto(`/find?days=1&start=10:00&end=12:00&from=${from}&until=${years(2, 1)}`)
    await page.locator('.alert-warning', { hasText: 'L’ultimo giorno può essere al massimo due anni dopo il primo.' }).waitFor()
    await page.goto(`/find?days=1,2,3,4,5,6,7&start=10:00&end=12:00&from=${from}&until=${years(1, 7)}`)
    await page.locator('.alert-warning', { hasText: 'Sono più di 366 appuntamenti' }).waitFor()
    await screenshot(page, 'find-period-too-long-390')
    expect(searches).toEqual([])
    await context.close()
  })
})
