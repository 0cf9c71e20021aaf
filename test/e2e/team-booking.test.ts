import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, screenshot, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

/** A Wednesday about ten weeks ahead: past the demo's bookings, inside the demo grants. */
function futureWednesday(): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + 70)
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

async function previewSummary(page: Page): Promise<string> {
  const summary = page.locator('.sc-preview p.fw-semibold')
  await summary.waitFor({ timeout: 30_000 })
  return (await summary.textContent()) ?? ''
}

describe('a project team', () => {
  it('books a weekly series through the form and sees it in its list', async () => {
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.team)
    await page.goto('/bookings/new')
    await page.getByRole('heading', { level: 1, name: 'Nuova prenotazione' }).waitFor()

    // Sara books for "Associazione Cucine Aperte"; its kitchen grant is nearly spent in the demo, so the test
    // looks for a lab where all four sessions are free (a lab no grant covers and none is required for).
    const teamSelect = page.getByLabel('Squadra')
    const teamOptions = await teamSelect.locator('option').allTextContents()
    const cucine = teamOptions.find((o) => o.includes('Cucine Aperte'))
    expect(cucine).toBeDefined()
    await teamSelect.selectOption({ label: cucine as string })

    const title = `Incontro del mercoledì ${Date.now()}`
    const date = futureWednesday()
    await page.getByLabel('Titolo dell’attività').fill(title)
    await page.getByLabel('Giorno (il primo, se si ripete)').fill(date)
    await page.getByLabel('Ora di inizio').fill('10:00')
    await page.getByLabel('Ora di fine').fill('12:00')
    await page.getByLabel('Ogni settimana').check()
    await expect.poll(() => page.getByLabel('mercoledì').isChecked()).toBe(true)
    await page.getByLabel('Numero di appuntamenti').fill('4')

    const labs = await page.locator('#b-lab option').evaluateAll((options) =>
      options
        .map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' }))
        .filter((o) => o.value)
        // Labs without a grant requirement first: multipurpose rooms are the likeliest to be free.
        .sort((a, b) => Number(b.text.includes('Polivalente')) - Number(a.text.includes('Polivalente')))
        .map((o) => o.value),
    )
    expect(labs.length).toBeGreaterThan(0)
    let summary = ''
    for (const labId of labs) {
      await page.locator('#b-lab').selectOption(labId)
      await page.waitForTimeout(600)
      await page
        .locator('.sc-preview [role="status"]')
        .waitFor({ state: 'detached', timeout: 30_000 })
        .catch(() => {})
      summary = await previewSummary(page)
      if (summary.includes('Tutti i 4 appuntamenti sono liberi')) break
    }
    expect(summary).toContain('Tutti i 4 appuntamenti sono liberi')
    expect(await page.locator('.sc-occurrences li').count()).toBe(4)
    // The rule in words, never its RFC 5545 text.
    expect(await page.locator('#b-rule-words').textContent()).toContain('ogni mercoledì, dalle 10:00 alle 12:00, per 4 volte')
    expect(await page.locator('form').textContent()).not.toContain('FREQ=')
    await screenshot(page, 'booking-form-preview')

    await page.getByRole('button', { name: 'Prenota', exact: true }).click()
    const success = page.locator('#booking-success')
    await success.waitFor({ timeout: 30_000 })
    expect(await success.textContent()).toMatch(/4 appuntamenti (confermati|in attesa)/)
    await screenshot(page, 'booking-form-success')

    await page.goto(`/bookings?from=${date}&to=${addDays(date, 28)}`)
    const rows = page.locator('tbody tr', { hasText: title })
    await rows.first().waitFor()
    expect(await rows.count()).toBe(4)
    await screenshot(page, 'bookings-list')
    await context.close()
  })

  it('cancels one occurrence of its series after confirming in a dialog', async () => {
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.team)
    const date = futureWednesday()
    await page.goto(`/bookings?from=${date}&to=${addDays(date, 28)}`)
    const row = page.locator('tbody tr', { hasText: 'Incontro del mercoledì' }).first()
    await row.waitFor()
    const before = await page.locator('tbody tr', { hasText: 'Incontro del mercoledì' }).filter({ hasText: 'Annullata' }).count()
    await row.getByRole('button', { name: /Annulla/ }).click()
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await dialog.getByLabel('Solo questo appuntamento').check()
    await dialog.getByRole('button', { name: 'Annulla la prenotazione' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('status').filter({ hasText: '1 appuntamento annullato.' }).waitFor()
    await expect
      .poll(() => page.locator('tbody tr', { hasText: 'Incontro del mercoledì' }).filter({ hasText: 'Annullata' }).count())
      .toBe(before + 1)
    await context.close()
  })
})
