import fs from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { BOOKING_EMAIL_KINDS, renderBookingEmail, renderMagicLinkEmail } from '../../emails/templates.ts'
import { DEMO, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/** The booking's page, /bookings/:id: what every email links to, for each person who gets one. */

const e2e = useServerAndBrowser()

interface Lab {
  id: string
  name: string
  approvalRequired: boolean
  requiresGrant: boolean
  type: string
}

/** A date `days` ahead on the given ISO weekday (Monday = 1), as YYYY-MM-DD. */
function aheadOn(days: number, weekday: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + days)
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

async function signedIn(email: string, width?: number): Promise<{ context: BrowserContext; page: Page }> {
  const session = await e2e.newPage({ width })
  await signIn(session.page, email)
  return session
}

/** Books through the API (as the signed-in page), trying labs until one is free for every occurrence. */
async function bookSomewhere(
  page: Page,
  options: { approval: boolean; days: number; weekday: number; count?: number; title: string },
): Promise<{ ids: string[]; lab: Lab }> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { user: { teams: Array<{ id: string; name: string }> } }
  const team = me.user.teams.find((tm) => tm.name.includes('Cucine')) ?? me.user.teams[0]
  const labs = ((await (await page.request.get('/api/v1/labs?limit=1000')).json()) as Lab[]).filter(
    (l) => l.approvalRequired === options.approval,
  )
  const date = aheadOn(options.days, options.weekday)
  for (const lab of labs) {
    const res = await page.request.post('/api/v1/bookings', {
      data: {
        labId: lab.id,
        teamId: team.id,
        title: options.title,
        start: `${date}T10:00`,
        end: `${date}T12:00`,
        expectedParticipants: 6,
        ...(options.count ? { recurrence: { rrule: `FREQ=WEEKLY;COUNT=${options.count}` } } : {}),
      },
    })
    if (res.status() === 201) {
      const body = (await res.json()) as { bookings: Array<{ id: string }> }
      return { ids: body.bookings.map((b) => b.id), lab }
    }
  }
  throw new Error(`no lab free on ${date}`)
}

/** Every link of an email: the HTML's hrefs and the URLs of its text part. */
function linksOf(html: string, text: string): string[] {
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'))
  const urls = [...text.matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0])
  return [...new Set([...hrefs, ...urls])].filter((u) => /^https?:/.test(u))
}

/** The link on this test's server (PUBLIC_URL names another port). */
function onServer(link: string): string {
  const u = new URL(link)
  return `${u.pathname}${u.search}`
}

async function expectAPage(page: Page, link: string) {
  await page.goto(onServer(link))
  const h1 = page.getByRole('heading', { level: 1 })
  await h1.waitFor({ timeout: 30_000 })
  await expect.poll(() => page.locator('[role="status"]').filter({ hasText: 'Caricamento' }).count(), { timeout: 30_000 }).toBe(0)
  const heading = (await h1.textContent()) ?? ''
  expect(heading, link).not.toMatch(/Pagina non trovata|Page not found/)
  expect(await page.getByText('non esiste o il tuo account non può vederla').count(), link).toBe(0)
}

describe('the booking page', () => {
  it('takes an anonymous visitor to sign in and back to the booking', async () => {
    const team = await signedIn(DEMO.team)
    const { ids } = await bookSomewhere(team.page, { approval: false, days: 120, weekday: 2, title: 'Prova del ritorno' })
    await team.context.close()

    const { context, page } = await e2e.newPage()
    // An anonymous visitor meets no 401 (the session is asked for in a way that answers 200 with no user).
    const unauthorized: string[] = []
    page.on('response', (r) => {
      if (r.status() === 401) unauthorized.push(r.url())
    })
    await page.goto('/')
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.goto(`/bookings/${ids[0]}`)
    await page.waitForURL((url) => url.pathname === '/login')
    expect(new URL(page.url()).searchParams.get('next')).toBe(`/bookings/${ids[0]}`)
    await page.getByLabel('Email').fill(DEMO.team)
    await page.getByLabel('Password').fill('spazi-demo')
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()
    await page.waitForURL((url) => url.pathname === `/bookings/${ids[0]}`)
    await page.getByRole('heading', { level: 1, name: 'Prova del ritorno' }).waitFor()
    expect(unauthorized).toEqual([])
    await context.close()
  })

  it('shows a series to its team, who cancels one occurrence with its scope; the operator rejects one with a reason', async () => {
    const team = await signedIn(DEMO.team)
    const title = `Laboratorio del giovedì ${Date.now()}`
    const { ids, lab } = await bookSomewhere(team.page, { approval: true, days: 90, weekday: 4, count: 4, title })
    const page = team.page
    // the team's list says the series' rule in words on each of its rows
    const first = aheadOn(90, 4)
    await page.goto(`/bookings?from=${first}&to=${first}`)
    const row = page.locator('tr', { hasText: title })
    await row.locator('.sc-series-rule').waitFor()
    expect(await row.locator('.sc-series-rule').textContent()).toBe('ogni giovedì, dalle 10:00 alle 12:00, per 4 volte')
    await screenshot(page, 'bookings-list-series-rule')
    await page.goto(`/bookings/${ids[1]}`)
    await page.getByRole('heading', { level: 1, name: title }).waitFor()
    expect(await page.locator('#series-rule').textContent()).toMatch(/^Si ripete ogni giovedì, dalle 10:00 alle 12:00, per 4 volte\.$/)
    expect(await page.locator('.sc-occurrences-list li').count()).toBe(4)
    expect(await page.locator('.sc-occurrences-list li[aria-current="page"]').count()).toBe(1)
    await expect.poll(() => page.getByText(lab.name).count()).toBeGreaterThan(0)
    expect(await page.getByText('In attesa di approvazione').count()).toBeGreaterThan(0)
    expect(await page.locator('.sc-history li').first().textContent()).toContain('Prenotazione creata')
    expect(await seriousViolations(page)).toEqual([])
    await page.setViewportSize({ width: 1366, height: 900 })
    await screenshot(page, 'booking-page-team-desktop')
    await page.setViewportSize({ width: 390, height: 844 })
    await screenshot(page, 'booking-page-team-phone')
    await page.setViewportSize({ width: 1366, height: 900 })

    const cancel = page.getByRole('button', { name: 'Annulla…' })
    await cancel.click()
    const dialog = page.getByRole('dialog')
    await dialog.getByLabel('Solo questo appuntamento').check()
    await dialog.getByLabel('Motivo (facoltativo)').fill('Festa di quartiere')
    await dialog.getByRole('button', { name: 'Annulla la prenotazione' }).click()
    await dialog.waitFor({ state: 'detached' })
    // a cancellation is told in the shared toast, with «Ripristina» (test/e2e/feedback.test.ts)
    await page.locator('.sc-toast', { hasText: '1 appuntamento annullato.' }).waitFor()
    await page.locator('#status-reason').getByText('Motivo: Festa di quartiere').waitFor()
    expect(await page.locator('.sc-history li').last().textContent()).toContain('Annullata')
    await team.context.close()

    // The operator of the hub approves the first and rejects the third, with a reason the team then reads.
    const op = await signedIn(DEMO.admin)
    await op.page.goto(`/bookings/${ids[0]}`)
    await op.page.getByRole('heading', { level: 1, name: title }).waitFor()
    await op.page.getByRole('button', { name: 'Approva', exact: true }).click()
    await op.page.locator('#booking-notice').getByText('1 appuntamento approvato.').waitFor()
    await op.page.goto(`/bookings/${ids[2]}`)
    await op.page.getByRole('button', { name: 'Rifiuta…' }).click()
    const reject = op.page.getByRole('dialog')
    await reject.getByLabel(/Motivo/).fill('Il laboratorio serve per un corso del Comune')
    await reject.getByRole('button', { name: 'Rifiuta la richiesta' }).click()
    await op.page.locator('#booking-notice').getByText('1 appuntamento rifiutato.').waitFor()
    await screenshot(op.page, 'booking-page-staff-desktop')
    expect(await seriousViolations(op.page)).toEqual([])
    await op.context.close()

    const again = await signedIn(DEMO.team)
    await again.page.goto(`/bookings/${ids[2]}`)
    await again.page.locator('#status-reason').getByText('Motivo: Il laboratorio serve per un corso del Comune').waitFor()
    await again.page.getByRole('button', { name: 'English' }).click()
    await again.page.getByRole('heading', { level: 2, name: 'History' }).waitFor()
    expect(await again.page.locator('#series-rule').textContent()).toBe('Repeats every Thursday, 10:00–12:00, 4 times.')
    expect(await seriousViolations(again.page)).toEqual([])
    await again.page.getByRole('button', { name: 'Italiano' }).click()
    await again.context.close()
  })

  it('every link in every email leads to a page that exists', async () => {
    const team = await signedIn(DEMO.team)
    const { ids } = await bookSomewhere(team.page, { approval: true, days: 150, weekday: 3, count: 2, title: 'Corso delle email' })

    // 1. The emails the server really wrote (demo mailbox), for this booking: confirmation/pending, approval request.
    const mailDir = path.join(e2e.server.dataDir, 'mail')
    const sent: Array<{ subject: string; links: string[] }> = []
    await expect
      .poll(
        async () => {
          sent.length = 0
          for (const file of fs.existsSync(mailDir) ? fs.readdirSync(mailDir) : []) {
            if (!file.endsWith('.eml')) continue
            const mail = await simpleParser(fs.readFileSync(path.join(mailDir, file)))
            if (!mail.subject?.includes('Corso delle email')) continue
            sent.push({ subject: mail.subject, links: linksOf(String(mail.html || ''), mail.text ?? '') })
          }
          return sent.length
        },
        { timeout: 60_000, interval: 1000 },
      )
      .toBeGreaterThanOrEqual(2)
    const sentLinks = [...new Set(sent.flatMap((m) => m.links))]
    expect(sentLinks.length).toBeGreaterThan(0)
    for (const link of sentLinks) expect(new URL(link).pathname).toBe(`/bookings/${ids[0]}`)

    // 2. Every template, in both languages, with this booking's link; and the sign-in link.
    const place = { labName: 'Cucina', hubName: 'Hub', address: 'Via Roma 1', phone: null, email: null, zone: 'Europe/Rome' }
    const slot = { start: new Date('2027-03-03T09:00:00Z'), end: new Date('2027-03-03T11:00:00Z') }
    const templateLinks = new Set<string>()
    for (const locale of ['it', 'en'] as const) {
      for (const kind of BOOKING_EMAIL_KINDS) {
        const mail = renderBookingEmail({
          kind,
          locale,
          title: 'Corso',
          teamName: 'Squadra',
          place,
          slots: [slot, slot],
          previous: slot,
          link: `http://localhost:8080/bookings/${ids[0]}`,
          reason: 'Motivo',
        })
        const links = linksOf(mail.html, mail.text)
        expect(links.length, kind).toBeGreaterThan(0)
        for (const l of links) templateLinks.add(l)
      }
    }
    for (const link of [...sentLinks, ...templateLinks]) await expectAPage(team.page, link)
    await team.context.close()

    // The booking's link works for the hub's staff too (the approval request goes to them).
    const admin = await signedIn(DEMO.admin)
    for (const link of sentLinks) await expectAPage(admin.page, link)
    await admin.context.close()

    const magic = renderMagicLinkEmail({ locale: 'it', name: 'Sara', url: 'http://localhost:8080/login?token=abc', minutes: 15 })
    const anonymous = await e2e.newPage()
    for (const link of linksOf(magic.html, magic.text)) await expectAPage(anonymous.page, link)
    await anonymous.context.close()
  })
})
