import { describe, expect, it } from 'vitest'
import { DEMO, screenshot, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

/** dd/mm/yyyy of a day in Rome, `days` from today (and `months` back). */
function romeDay(days: number, months = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date())
  const d = new Date(`${today}T12:00:00Z`)
  d.setUTCMonth(d.getUTCMonth() - months)
  d.setUTCDate(d.getUTCDate() + days)
  const iso = d.toISOString().slice(0, 10)
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`
}

describe('the reports page', () => {
  it('opens on the period with data, says which, and puts every hub side by side', async () => {
    for (const width of [1366, 390]) {
      const { context, page } = await e2e.newPage({ width })
      await signIn(page, DEMO.admin)
      await page.goto('/reports')
      await page.getByRole('heading', { level: 1, name: 'Dati e report' }).waitFor()
      // The demo has a year of bookings: the last twelve months, today included.
      const said = page.getByText(`Dati dal ${romeDay(1, 12)} al ${romeDay(0)} compreso`)
      await said.waitFor({ timeout: 60_000 })
      const comparison = page.getByRole('region', { name: 'Confronto tra gli hub' })
      const table = comparison.getByRole('table', { name: 'Confronto tra gli hub: utilizzo, ore, prenotazioni e partecipanti' })
      await table.waitFor({ timeout: 60_000 })
      const hubs = await table.locator('tbody tr th').allTextContents()
      expect(hubs).toEqual(expect.arrayContaining(['CFL Corvetto', 'Hub di Comunità Giambellino']))
      expect(hubs.length).toBe(6)
      await comparison.locator('figure.sc-chart canvas').waitFor()
      // office files for every report, for the period shown
      const xlsx = page.getByRole('region', { name: 'Scarica per l’ufficio (Excel)' }).getByRole('link')
      expect(await xlsx.count()).toBe(8)
      expect(await xlsx.first().getAttribute('href')).toMatch(/\/api\/v1\/reports\/utilisation\.xlsx\?.*groupBy=month/)
      // the period sticks to what the person chose
      await page.goto('/reports?from=2026-09-01&to=2026-12-01')
      await page.getByText('Dati dal 01/09/2026 al 30/11/2026 compreso').waitFor({ timeout: 60_000 })
      await screenshot(page, `reports-period-${width}`)
      await context.close()
    }
  })
})
