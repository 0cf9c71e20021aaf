import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fiscalCodeCheckCharacter } from '../../backend/features/oidc/fiscal-code.ts'
import { newPage, screenshot, seriousViolations } from '../helpers/browser.ts'
import { startTestProvider, type TestProvider } from '../helpers/oidc-provider.ts'
import { useServerAndBrowser } from './harness.ts'

let idp: TestProvider
let site: string
const FISCAL_CODE = `BNCGLI90M41F205${fiscalCodeCheckCharacter('BNCGLI90M41F205')}`

// The Comune's provider, in this process; the app (a child process) discovers it at the first sign-in.
beforeAll(async () => {
  idp = await startTestProvider()
})
afterAll(async () => {
  await idp?.close()
})
const e2e = useServerAndBrowser(() => ({
  OIDC_ISSUER: idp.issuer,
  OIDC_CLIENT_ID: 'spazi-comuni-e2e',
  OIDC_CLIENT_SECRET: 'e2e-client-secret',
  AUTH_PASSWORD: 'staff',
}))

beforeAll(async () => {
  // PUBLIC_URL defaults to http://localhost:<bound port>: the redirect URI registered at the provider, and the
  // site the browser uses (the flow cookie set at the start must come back with the callback).
  site = e2e.server.url.replace('127.0.0.1', 'localhost')
  idp.register({ clientId: 'spazi-comuni-e2e', clientSecret: 'e2e-client-secret', publicUrl: site })
  idp.people.set('spid-giulia', {
    given_name: 'Giulia',
    family_name: 'Bianchi',
    email: 'giulia.bianchi@example.org',
    fiscal_number: `TINIT-${FISCAL_CODE}`,
  })
})

describe('signing in with SPID or CIE', () => {
  it('shows the button first on the login page, above the staff sign-in, reachable by keyboard', async () => {
    const { context, page } = await newPage(e2e.browser, site, { width: 1366 })
    await page.goto('/login')
    const button = page.getByRole('link', { name: 'Entra con SPID o CIE' })
    await button.waitFor()
    // First interactive element of the page's content, and before the staff form.
    const first = page.locator('main').locator('a, button, input, select, textarea').first()
    expect(await first.textContent()).toContain('Entra con SPID o CIE')
    const buttonBox = await button.boundingBox()
    const emailBox = await page.getByLabel('Email').boundingBox()
    expect(buttonBox && emailBox && buttonBox.y < emailBox.y).toBe(true)
    expect(await page.getByText('riservati al personale').count()).toBe(1)
    expect(await seriousViolations(page)).toEqual([])
    await button.focus()
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Entra con SPID o CIE')
    await screenshot(page, 'login-spid-desktop')
    await context.close()
  })

  it('fits a phone', async () => {
    const { context, page } = await newPage(e2e.browser, site, { width: 390 })
    await page.setViewportSize({ width: 390, height: 844 })
    await page.goto('/login')
    await page.getByRole('link', { name: 'Entra con SPID o CIE' }).waitFor()
    await screenshot(page, 'login-spid-phone')
    await context.close()
  })

  it('clicks the button, signs in at the provider and lands back signed in with name and codice fiscale', async () => {
    const { context, page } = await newPage(e2e.browser, site, { width: 1366 })
    await page.goto('/login')
    await page.getByRole('link', { name: 'Entra con SPID o CIE' }).click()
    // The provider's own page.
    await page.getByRole('heading', { name: 'Provider SPID di prova' }).waitFor()
    await page.getByLabel('Identità').selectOption('spid-giulia')
    await page.getByRole('button', { name: 'Autorizza' }).click()
    await page
      .waitForURL((url) => url.pathname === '/benvenuto', { timeout: 30_000 })
      .catch(async (err) => {
        throw new Error(`landed on ${page.url()}: ${(await page.textContent('body'))?.slice(0, 500)}`, { cause: err })
      })
    await page.getByText('Hai effettuato l’accesso come Giulia Bianchi.').waitFor()
    await page.getByText(FISCAL_CODE).waitFor()
    await page.getByText('non fa ancora parte di un team').waitFor()
    await page.getByRole('button', { name: 'Esci' }).waitFor()
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'spid-welcome-desktop')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'spid-welcome-phone')

    // Signing out ends the provider's session too: the browser goes through its end-session page.
    await page.getByRole('button', { name: 'Esci' }).click()
    await page.waitForURL((url) => url.href.startsWith(idp.issuer))
    await context.close()
  })
})
