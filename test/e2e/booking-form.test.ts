/**
 * The booking form as someone whose browser speaks American English: dates and times still read the Italian
 * way (dd/mm/yyyy, 24 hours), typed or chosen from the calendar; the chosen lab shows its hub; required
 * fields carry the same mark; the recurrence reads in words.
 */
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, screenshot, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

async function americanPage(width = 1366, height = 900): Promise<Page> {
  return (await e2e.newPage({ width, height, locale: 'en-US', timezoneId: 'America/New_York' })).page
}

describe('the booking form in a browser set to en-US', () => {
  it('shows and reads dates as dd/mm/yyyy and times on 24 hours, typed or chosen in the calendar', async () => {
    const page = await americanPage()
    expect(await page.evaluate(() => navigator.language)).toBe('en-US')
    await signIn(page, DEMO.team)
    await page.goto('/bookings/new?start=14:00&end=17:00')
    const date = page.getByLabel('Giorno (il primo, se si ripete)')
    await date.waitFor()
    // Tomorrow, as dd/mm/yyyy: never the browser's mm/dd/yyyy.
    expect(await date.inputValue()).toMatch(/^\d{2}\/\d{2}\/\d{4}$/)
    expect(await page.getByLabel('Ora di inizio').inputValue()).toBe('14:00')

    await date.fill('15/03/2027')
    await page.getByLabel('Ora di inizio').fill('9.30')
    await page.getByLabel('Ora di fine').fill('1130')
    await page.getByLabel('Ora di fine').blur()
    expect(await page.getByLabel('Ora di inizio').inputValue()).toBe('09:30')
    expect(await page.getByLabel('Ora di fine').inputValue()).toBe('11:30')

    // An American date is no date here: the field says how to write it.
    await date.fill('03/15/2027')
    await date.blur()
    expect(await date.getAttribute('aria-invalid')).toBe('true')
    expect(await page.locator('#b-date-format').textContent()).toContain('gg/mm/aaaa')

    // The calendar, by keyboard: it opens on the typed date's month, arrows move, Enter chooses.
    await date.fill('15/03/2027')
    const toggle = page.getByRole('button', { name: /Scegli dal calendario: Giorno/ })
    await toggle.click()
    const calendar = page.getByRole('dialog', { name: /Giorno/ })
    await calendar.waitFor()
    expect(await calendar.textContent()).toContain('marzo 2027')
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('lunedì 15 marzo 2027')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('Enter')
    await calendar.waitFor({ state: 'detached' })
    expect(await date.inputValue()).toBe('16/03/2027')

    // Escape closes it and gives the focus back to the button that opened it.
    await toggle.click()
    await calendar.waitFor()
    await page.keyboard.press('Escape')
    await calendar.waitFor({ state: 'detached' })
    expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true)

    // The rule in words uses the typed day and times.
    await page.getByLabel('Ogni settimana').check()
    await page.getByLabel('Numero di appuntamenti').fill('3')
    await expect.poll(() => page.locator('#b-rule-words').textContent()).toContain('ogni martedì, dalle 09:30 alle 11:30, per 3 volte')
    await page.context().close()
  })

  it('marks every required field the same way and keeps the chosen lab’s hub in sight', async () => {
    const page = await americanPage()
    await signIn(page, DEMO.team)
    await page.goto('/bookings/new')
    await page.locator('#b-lab').waitFor()
    for (const id of ['b-lab', 'b-title', 'b-date', 'b-start', 'b-end']) {
      expect(await page.locator(`label[for="${id}"] .sc-required`).textContent(), id).toContain('obbligatorio')
    }
    const first = await page.locator('#b-lab option[value]:not([value=""])').first()
    const labId = (await first.getAttribute('value')) as string
    const hub = (await page.locator('#b-lab optgroup', { has: page.locator(`option[value="${labId}"]`) }).getAttribute('label')) as string
    await page.locator('#b-lab').selectOption(labId)
    expect(await page.locator('#b-lab-hub').textContent()).toContain(hub)
    // No two options read the same: a name two hubs share carries its hub.
    const texts = await page.locator('#b-lab option').allTextContents()
    expect(new Set(texts).size).toBe(texts.length)
    await screenshot(page, 'booking-form-en-US-1366')
    await page.setViewportSize({ width: 390, height: 844 })
    await page.getByRole('button', { name: /Scegli dal calendario: Giorno/ }).click()
    await screenshot(page, 'booking-form-calendar-390')
    await page.context().close()
  })
})
