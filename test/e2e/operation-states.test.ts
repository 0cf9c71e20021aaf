import type { Page, Route } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { apiAs, DEMO, screenshot, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/**
 * The pending and error states of the operations that run through createOperation: every button says it is
 * working while its request is on its way (held here), and every refusal is said where the person looks.
 */

const e2e = useServerAndBrowser()

/** Holds the next `method` request whose URL matches `re` until `release` lets it through to the server. */
async function hold(page: Page, re: RegExp, method: string) {
  let got!: (r: Route) => void
  const route = new Promise<Route>((resolve) => {
    got = resolve
  })
  const handler = (r: Route) => (r.request().method() === method ? got(r) : r.fallback())
  await page.route(re, handler)
  return {
    arrived: route,
    release: async () => {
      await (await route).fallback()
      await page.unroute(re, handler)
    },
  }
}

/** Screenshots of the page at a desktop's 1280×800 and a phone's 390×844, for a person to look at (not compared). */
async function shoot(page: Page, name: string) {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height })
    await screenshot(page, `operation-${name}-${width}`)
  }
}

/** A date `days` ahead on the given weekday (0 = Sunday), YYYY-MM-DD. */
function ahead(days: number, weekday: number): string {
  const d = new Date()
  d.setUTCDate(d.getUTCDate() + days)
  while (d.getUTCDay() !== weekday) d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

describe('operations in progress and refused', () => {
  it('sign-in: a refused link says so, a wrong password after it says the password; the link request says it is sending', async () => {
    const { context, page } = await e2e.newPage()
    await page.goto('/login?token=corto')
    await page.getByText('Questo link di accesso non è più valido').waitFor()
    expect(await page.getByText('Troppo piccolo').count()).toBe(0)
    await page.getByLabel('Email').fill(DEMO.team)
    await page.getByLabel('Password').fill('sbagliata')
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()
    await page.getByText('Email o password non corrette').waitFor()
    expect(await page.getByText('Questo link di accesso non è più valido').count()).toBe(0)

    const held = await hold(page, /\/api\/v1\/auth\/magic-link$/, 'POST')
    const ask = page.getByRole('button', { name: 'Ricevi un link di accesso via email' })
    await ask.click()
    await held.arrived
    await page.getByRole('status').filter({ hasText: 'Invio del link in corso…' }).waitFor()
    expect(await ask.isDisabled()).toBe(true)
    // starting the link's request cleared the sign-in's message: only the latest operation speaks
    expect(await page.getByText('Email o password non corrette').count()).toBe(0)
    await held.release()
    await page.getByText('Se l’indirizzo è registrato').waitFor()
    expect(await page.getByText('Email o password non corrette').count()).toBe(0)
    await shoot(page, 'login-link-after-password')
    // and a sign-in after it clears the link's answer
    await page.setViewportSize({ width: 1280, height: 800 })
    await page.getByRole('button', { name: 'Accedi', exact: true }).click()
    await page.getByText('Email o password non corrette').waitFor()
    expect(await page.getByText('Se l’indirizzo è registrato').count()).toBe(0)

    // a failure on the server's side: its sentence as it is, and the request's code for support
    await page.route(/\/api\/v1\/auth\/magic-link$/, (r) =>
      r.fulfill({
        status: 500,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'about:blank',
          title: 'Errore',
          status: 500,
          detail: 'Errore interno del server.',
          requestId: 'req-prova-1',
        }),
      }),
    )
    await ask.click()
    const failed = page.locator('[role="alert"]').filter({ hasText: 'Si è verificato un errore imprevisto.' })
    await failed.getByText('Errore interno del server.').waitFor()
    expect(await failed.textContent()).toContain('Codice per l’assistenza: req-prova-1')
    expect(await page.getByText('Email o password non corrette').count()).toBe(0)
    expect(await page.getByText('Dettaglio tecnico').count()).toBe(0)
    await shoot(page, 'login-link-server-error')
    await context.close()
  })

  it('booking form: a slot taken while submitting is refused, and the preview no longer says it is free', async () => {
    const team = await apiAs(e2e.server.url, DEMO.team)
    const [mine] = await team.ok<Array<{ id: string }>>('GET', '/teams')
    const labs = await team.ok<Array<{ id: string; approvalRequired: boolean }>>('GET', '/labs?limit=1000')
    const date = ahead(63, 4)
    const body = { teamId: mine.id, title: 'Laboratorio di prova', start: `${date}T10:00`, end: `${date}T12:00` }
    let labId = ''
    for (const lab of labs.filter((l) => !l.approvalRequired)) {
      const r = await team.request<{ skipped: unknown[] }>('POST', '/bookings?dryRun=true', { ...body, labId: lab.id })
      if (r.status === 200 && r.body.skipped.length === 0) {
        labId = lab.id
        break
      }
    }
    expect(labId).not.toBe('')
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.team)
    await page.goto(`/bookings/new?labId=${labId}&date=${date}&start=10:00&end=12:00`)
    await page.getByLabel('Titolo dell’attività').fill('Laboratorio di prova')
    await page.getByText('L’appuntamento è libero.').waitFor({ timeout: 30_000 })
    const held = await hold(page, /\/api\/v1\/bookings$/, 'POST')
    await page.getByRole('button', { name: 'Prenota', exact: true }).click()
    await held.arrived
    // someone else takes the slot meanwhile
    await team.ok('POST', '/bookings', { ...body, labId, title: 'Altra attività' })
    await held.release()
    await page.locator('#submit-problem').getByText('il laboratorio è già prenotato').waitFor()
    await expect.poll(() => page.locator('.sc-preview').textContent(), { timeout: 30_000 }).not.toContain('L’appuntamento è libero.')
    await context.close()
  })

  it('booking page: approving says it is working, and a booking no longer pending is refused in words', async () => {
    const team = await apiAs(e2e.server.url, DEMO.team)
    const [mine] = await team.ok<Array<{ id: string }>>('GET', '/teams')
    const labs = await team.ok<Array<{ id: string; approvalRequired: boolean }>>('GET', '/labs?limit=1000')
    const date = ahead(52, 2)
    let id = ''
    for (const lab of labs.filter((l) => l.approvalRequired)) {
      const r = await team.request<{ bookings: Array<{ id: string }> }>('POST', '/bookings', {
        labId: lab.id,
        teamId: mine.id,
        title: 'Corso da approvare',
        start: `${date}T10:00`,
        end: `${date}T12:00`,
      })
      if (r.status === 201) {
        id = r.body.bookings[0].id
        break
      }
    }
    expect(id).not.toBe('')
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.admin)
    await page.goto(`/bookings/${id}`)
    const approve = page.locator('[data-action="approve"] button').first()
    await approve.waitFor()
    const held = await hold(page, /\/approve$/, 'POST')
    await approve.click()
    await held.arrived
    expect(await approve.textContent()).toContain('Operazione in corso…')
    expect(await approve.isDisabled()).toBe(true)
    expect(await approve.getAttribute('aria-busy')).toBe('true')
    // another operator approves it meanwhile
    const other = await apiAs(e2e.server.url, DEMO.admin)
    await other.ok('POST', `/bookings/${id}/approve`, { scope: 'occurrence' })
    await held.release()
    // the refusal stays in words above the actions, and the booking is read again: its status is true
    const alert = page.locator('#booking-refusal [role="alert"]')
    await alert.getByText('Non è possibile farlo ora.').waitFor()
    // the server's reason is a sentence for people: no «Dettaglio tecnico:» before it, nor a code for support on a 409
    await alert.locator('p', { hasText: /^Solo le prenotazioni in attesa si approvano\.$/ }).waitFor()
    expect(await alert.textContent()).not.toContain('Dettaglio tecnico')
    expect(await alert.textContent()).not.toContain('Codice per l’assistenza')
    expect(await alert.textContent()).not.toContain('in conflitto con altri impegni')
    await page.locator('.sc-status').getByText('Confermata').waitFor()
    expect(await page.getByText('In attesa di approvazione').count()).toBe(0)
    expect(await page.locator('[data-action="approve"]').count()).toBe(0)
    await shoot(page, 'booking-refused')
    await context.close()
  })

  it('application: a refused submit takes the focus to its problem; admit and exclude wait while one decision is on its way', async () => {
    const admin = await apiAs(e2e.server.url, DEMO.admin)
    const iso = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', '+00:00')
    const call = await admin.ok<{ id: string }>('POST', '/calls', {
      title: 'Bando degli stati',
      description: 'Il Comune invita enti non profit e gruppi informali a proporre progetti.',
      opensAt: iso(-3_600_000),
      closesAt: iso(30 * 86_400_000),
      budgetCents: 30_000_000,
      maxFundingCents: 2_500_000,
      applicantTypes: ['informal', 'association'],
      requiredDocuments: ['progetto'],
      criteria: [{ name: 'Impatto sociale', weight: 3, maxScore: 10 }],
    })
    await admin.ok('PATCH', `/calls/${call.id}`, { status: 'open' })
    const team = await apiAs(e2e.server.url, DEMO.team)
    const app = await team.ok<{ id: string }>('POST', `/calls/${call.id}/applications`, {
      title: 'Cucine di quartiere',
      applicantType: 'informal',
      organisationName: 'Gruppo Cucine',
    })

    const applicant = await e2e.newPage({ width: 1280, height: 800 })
    await signIn(applicant.page, DEMO.team)
    await applicant.page.goto(`/applications/${app.id}`)
    await applicant.page.getByRole('button', { name: 'Presenta la domanda' }).click()
    const problem = applicant.page.locator('#draft-problem')
    await problem.getByText('Alcuni dati non sono validi').waitFor()
    await expect.poll(() => applicant.page.evaluate(() => document.activeElement?.id)).toBe('draft-problem')
    // in view (the page scrolls smoothly: wait for it to arrive)
    await expect
      .poll(async () => {
        const box = await problem.boundingBox()
        return box !== null && box.y >= 0 && box.y < 800
      })
      .toBe(true)
    await applicant.context.close()

    await team.ok('PATCH', `/applications/${app.id}`, { applicantType: 'association', taxCode: '97123450150', summary: 'Corsi di cucina.' })
    await team.ok('POST', `/applications/${app.id}/submit`)
    const { context, page } = await e2e.newPage()
    await signIn(page, DEMO.admin)
    await page.goto(`/applications/${app.id}`)
    const admit = page.getByRole('button', { name: 'Ammetti' })
    const exclude = page.getByRole('button', { name: 'Escludi' })
    await admit.waitFor()
    const held = await hold(page, /\/admissibility$/, 'PUT')
    await admit.click()
    await held.arrived
    expect(await page.locator('.btn-success').textContent()).toContain('Operazione in corso…')
    expect(await page.locator('.btn-success').isDisabled()).toBe(true)
    expect(await exclude.isDisabled()).toBe(true)
    await held.release()
    await page.getByText('Ammessa alla valutazione').waitFor()
    await context.close()
  })
})
