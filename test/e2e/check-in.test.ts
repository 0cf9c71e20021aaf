import { describe, expect, it } from 'vitest'
import { apiAs, DEMO, DEMO_PASSWORD, hasHorizontalScroll, screenshot, seriousViolations } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

describe('check-in from a phone', () => {
  it('the team scans the lab’s poster, signs in and checks in with one tap at 390×844', async () => {
    // Staff open a lab that requires check-in (always open, so that the test runs at any hour) and print its poster.
    const admin = await apiAs(e2e.server.url, DEMO.admin)
    const [area] = await admin.ok<Array<{ id: string }>>('GET', '/areas')
    const hub = await admin.ok<{ id: string }>('POST', '/hubs', {
      name: 'Hub del check-in',
      kind: 'community_hub',
      address: 'Via Padova 36, Milano',
      areaId: area.id,
    })
    await admin.ok(
      'PUT',
      `/hubs/${hub.id}/opening-hours`,
      [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })),
    )
    const lab = await admin.ok<{ id: string }>('POST', '/labs', {
      hubId: hub.id,
      name: 'Aula digitale',
      type: 'digital',
      capacity: 20,
      checkInRequired: true,
    })
    const poster = await admin.ok<{ code: string; url: string }>('GET', `/labs/${lab.id}/check-in-code`)

    // The team booked it, starting in five minutes.
    const team = await apiAs(e2e.server.url, DEMO.team)
    const [mine] = await team.ok<Array<{ id: string }>>('GET', '/teams')
    const start = new Date(Date.now() + 5 * 60_000)
    start.setUTCSeconds(0, 0)
    const booked = await team.ok<{ bookings: Array<{ id: string }> }>('POST', '/bookings', {
      labId: lab.id,
      teamId: mine.id,
      title: 'Corso di programmazione',
      start: start.toISOString(),
      end: new Date(start.getTime() + 30 * 60_000).toISOString(),
    })
    const bookingId = booked.bookings[0].id

    const context = await e2e.browser.newContext({
      baseURL: e2e.server.url,
      locale: 'it-IT',
      timezoneId: 'Europe/Rome',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const page = await context.newPage()
    try {
      // The phone opens the poster's address: signed out, it is sent to sign in and brought back.
      await page.goto(new URL(poster.url).pathname)
      await page.waitForURL(/\/login\?next=/)
      await page.getByLabel('Email').fill(DEMO.team)
      await page.getByLabel('Password').fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: 'Accedi', exact: true }).click()
      await page.waitForURL((url) => url.pathname === `/check-in/${poster.code}`)
      await page.getByRole('heading', { level: 1, name: 'Check-in' }).waitFor()
      await page.getByText('Corso di programmazione').waitFor()
      expect(await hasHorizontalScroll(page)).toBe(false)
      await screenshot(page, 'check-in-phone-before')

      // while the check-in is on its way the button says so and waits
      let release!: () => void
      const sent = new Promise<void>((resolve) => {
        release = resolve
      })
      await page.route(/\/api\/v1\/check-in\/[^/]+$/, async (route) => {
        if (route.request().method() === 'POST') await sent
        await route.fallback()
      })
      const button = page.getByRole('button', { name: 'Fai il check-in' })
      await button.tap()
      const busy = page.locator('.sc-check-in-card button[aria-busy="true"]')
      await busy.getByText('Operazione in corso…').waitFor()
      expect(await busy.isDisabled()).toBe(true)
      await screenshot(page, 'check-in-phone-pending')
      release()
      await page.getByText(/Fatto! Check-in registrato alle \d{2}:\d{2}/).waitFor()
      await page.getByText(/^Check-in registrato alle \d{2}:\d{2}\.$/).waitFor()
      await screenshot(page, 'check-in-phone-done')
      expect(await seriousViolations(page)).toEqual([])
      const view = await team.ok<{ checkedInAt: string | null }>('GET', `/bookings/${bookingId}`)
      expect(view.checkedInAt).not.toBeNull()

      // the old poster stops working once staff change the code
      await admin.ok('POST', `/labs/${lab.id}/check-in-code`)
      await page.reload()
      await page.getByText('Questo codice QR non è valido o è stato sostituito').waitFor()
    } finally {
      await context.close()
    }
  })
})
