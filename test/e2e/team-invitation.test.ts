import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEMO, hasHorizontalScroll, SCREENSHOT_DIR, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { type SmtpTestServer, startSmtpServer } from '../helpers/mail.ts'
import { useServerAndBrowser } from './harness.ts'

let smtp: SmtpTestServer

beforeAll(async () => {
  smtp = await startSmtpServer()
})
afterAll(async () => {
  await smtp?.close()
})
const e2e = useServerAndBrowser(() => ({ SMTP_URL: smtp.url }))

describe('inviting someone into a team', () => {
  it('a member invites an address from the team page; the invitee follows the emailed link, signs up and is in the team', async () => {
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.team)
    await page.goto('/bookings')
    const invitee = `invitata-${Date.now()}@example.org`
    await page.getByLabel('Email della persona da invitare').fill(invitee)
    await page.getByRole('button', { name: 'Invia l’invito' }).click()
    await page.getByText(`Invito inviato a ${invitee}.`).waitFor()
    await page.locator('.sc-invitations .fw-semibold', { hasText: invitee }).waitFor()
    await screenshot(page, 'team-invitations')

    let link: string | undefined
    await expect
      .poll(
        () => {
          const mail = smtp.to(invitee)[0]
          link = /https?:\/\/\S+\/invitations\/accept\?token=[A-Za-z0-9_-]+/.exec(mail?.parsed.text ?? '')?.[0]
          return link
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBeDefined()
    await context.close()

    const visitor = await e2e.newPage()
    await visitor.page.goto(link!)
    await visitor.page.getByText(/Hai ricevuto un invito a entrare nella squadra/).waitFor()
    await screenshot(visitor.page, 'invitation-accept')
    // the name field has a border one can see (a typed input: the theme draws text inputs only)
    const border = await visitor.page
      .getByLabel('Il tuo nome e cognome')
      .evaluate((el) => Number.parseFloat(getComputedStyle(el).borderBottomWidth))
    expect(border).toBeGreaterThan(0)
    await visitor.page.setViewportSize({ width: 390, height: 844 })
    expect(await hasHorizontalScroll(visitor.page)).toBe(false)
    expect(await seriousViolations(visitor.page)).toEqual([])
    await visitor.page.screenshot({ path: `${SCREENSHOT_DIR}/invitation-accept-390.png` })
    await visitor.page.getByLabel('Il tuo nome e cognome').fill('Ilaria Invitata')
    await visitor.page.getByRole('button', { name: 'Accetta e crea l’account' }).click()
    await visitor.page.waitForURL(/\/bookings\?team=/)
    const me = await visitor.page.evaluate(async () => (await fetch('/api/v1/me')).json())
    expect(me.user).toMatchObject({ email: invitee, name: 'Ilaria Invitata', role: 'member' })
    expect(me.user.teamIds).toHaveLength(1)
    await visitor.context.close()
  })
})
