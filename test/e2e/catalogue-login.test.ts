import fs from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { DEMO, screenshot, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

const e2e = useServerAndBrowser()

describe('a visitor', () => {
  it('sees the catalogue of the demo hubs in Italian', async () => {
    const { context, page } = await e2e.newPage()
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
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.team)
    expect(new URL(page.url()).pathname).toBe('/bookings')
    await page.getByRole('button', { name: 'Esci' }).waitFor()
    await screenshot(page, 'after-login')
    await context.close()
  })

  it('is told in words when the password is wrong', async () => {
    const { context, page } = await e2e.newPage()
    await page.goto('/login')
    await page.getByLabel('Email').fill(DEMO.team)
    await page.getByLabel('Password').fill('not-the-password')
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()
    await page.getByRole('alert').filter({ hasText: 'Email o password non corrette.' }).waitFor()
    await context.close()
  })

  it('asks for a sign-in link by email and signs in by following it', async () => {
    const { context, page } = await e2e.newPage()
    await page.goto('/login')
    await page.getByLabel('Email').fill(DEMO.team)
    await page.getByRole('button', { name: 'Ricevi un link di accesso via email' }).click()
    await page.getByRole('status').filter({ hasText: 'riceverai a breve' }).waitFor()

    // The outbox worker writes the message under DATA_DIR/mail (no SMTP_URL in tests).
    const mailDir = path.join(e2e.server.dataDir, 'mail')
    const findToken = () => {
      if (!fs.existsSync(mailDir)) return undefined
      for (const file of fs.readdirSync(mailDir).filter((f) => f.endsWith('.eml'))) {
        // Undo quoted-printable soft line breaks and "=3D" before looking for the link.
        const text = fs
          .readFileSync(path.join(mailDir, file), 'utf8')
          .replace(/=\r?\n/g, '')
          .replace(/=3D/g, '=')
        const match = text.match(/\/login\?token=([A-Za-z0-9_-]+)/)
        if (match) return match[1]
      }
      return undefined
    }
    await expect.poll(findToken, { timeout: 30_000, interval: 500 }).toBeTruthy()
    const token = findToken()
    await page.goto(`/login?token=${token}`)
    await page.waitForURL((url) => url.pathname === '/bookings')
    await page.getByRole('button', { name: 'Esci' }).waitFor()
    await context.close()
  })

  it('loads under 250 kB of compressed JavaScript on the first page', async () => {
    const { context, page } = await e2e.newPage()
    const scripts: Promise<Buffer>[] = []
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body())
    })
    await page.goto('/')
    await page.locator('main section h2').first().waitFor()
    await page.waitForLoadState('networkidle')
    const bodies = await Promise.all(scripts)
    expect(bodies.length).toBeGreaterThan(0)
    const gzipped = bodies.reduce((sum, body) => sum + gzipSync(body).length, 0)
    expect(gzipped).toBeLessThan(250 * 1024)
    await context.close()
  })
})
