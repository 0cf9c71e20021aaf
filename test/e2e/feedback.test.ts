/** Feedback people can see: focus returns to what opened a dialog; the operator sees how many requests wait. */
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, launchBrowser, newPage, type RunningServer, screenshot, signIn, startServer } from '../helpers/browser.ts'

let server: RunningServer
let browser: Browser

beforeAll(async () => {
  server = await startServer()
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.stop()
})

describe('feedback', () => {
  it('gives the focus back to the button that opened a dialog when it closes (WCAG 2.4.3)', async () => {
    const { context, page } = await newPage(browser, server.url)
    await signIn(page, DEMO.team)
    await page.goto('/bookings')
    const move = page.getByRole('button', { name: /^Sposta/ }).first()
    await move.waitFor({ timeout: 30_000 })
    await move.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => move.evaluate((el) => el === document.activeElement)).toBe(true)

    await context.close()
  })

  it('shows the operator how many booking requests wait for approval, beside "Gestione"', async () => {
    const { context, page } = await newPage(browser, server.url, { width: 1366 })
    await signIn(page, DEMO.operator)
    const waiting = await page.evaluate(async () => {
      const res = await fetch('/api/v1/bookings?status=pending&limit=1')
      return Number(res.headers.get('X-Total-Count'))
    })
    // The demo has requests waiting in the labs that need approval.
    expect(waiting).toBeGreaterThan(0)
    const badge = page.locator('#main-nav [data-testid="pending-approvals"]')
    await badge.waitFor()
    expect(await badge.textContent()).toMatch(new RegExp(`^${waiting} ${waiting === 1 ? 'richiesta' : 'richieste'} da approvare$`))
    const link = page.locator('#main-nav a', { has: page.locator('[data-testid="pending-approvals"]') })
    expect(await link.textContent()).toContain('Gestione')
    await screenshot(page, 'operator-nav-badge-1366')
    await context.close()
  })
})
