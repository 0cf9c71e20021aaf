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

describe('a visitor', () => {
  it('sees the catalogue of the demo hubs in Italian', async () => {
    const { context, page } = await newPage(browser, server.url)
    await page.goto('/')
    expect(await page.getAttribute('html', 'lang')).toBe('it')
    await page.getByRole('heading', { level: 1, name: 'Laboratori e hub di comunità' }).waitFor()
    const hubHeadings = page.locator('main section h2')
    await hubHeadings.first().waitFor()
    expect(await hubHeadings.count()).toBeGreaterThanOrEqual(3)
    expect(await page.locator('main article h3 a').count()).toBeGreaterThan(0)
    await screenshot(page, 'catalogue')
    await context.close()
  })

  it('signs in as a team member through the form and lands on its bookings', async () => {
    const { context, page } = await newPage(browser, server.url)
    await signIn(page, DEMO.team)
    expect(new URL(page.url()).pathname).toBe('/bookings')
    await page.getByRole('button', { name: 'Esci' }).waitFor()
    await screenshot(page, 'after-login')
    await context.close()
  })

  it('is told in words when the password is wrong', async () => {
    const { context, page } = await newPage(browser, server.url)
    await page.goto('/login')
    await page.getByLabel('Email').fill(DEMO.team)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Email o password non corrette.' }).waitFor()
    await context.close()
  })
})
