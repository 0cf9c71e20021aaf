import { DateTime } from 'luxon'
import type { BrowserContext, Locator, Page } from 'playwright-core'
import { afterAll, expect, it } from 'vitest'
import { DEMO, signIn } from '../helpers/browser.ts'
import { PDF } from '../helpers/calls.ts'
import { desktopAndPhone, useServerAndBrowser, watchLoadingLine } from './harness.ts'

/**
 * The "Done when" in the browser, each persona on their own screens: the Comune drafts and opens a
 * call, an association and an informal group apply, a third misses the deadline, two evaluators score, the
 * ranking is published, the winners are awarded within budget (with a tranche paid), the informal group is
 * conditional and then confirmed with its entity's codice fiscale, and its team books a lab with its hours.
 * Where the browser would only repeat a screen already driven (the second evaluator, the informal group's
 * application), the API sets the data up.
 */

const e2e = useServerAndBrowser()
const contexts: BrowserContext[] = []

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {})
})

const PASSWORD = 'Bando-di-prova-2027!'
/** Local Rome wall time for a datetime-local field, `ms` from now. */
const romeLocal = (ms: number) => DateTime.now().plus({ milliseconds: ms }).setZone('Europe/Rome').toFormat("yyyy-MM-dd'T'HH:mm")
/** Fills a DateTimeField (dd/mm/yyyy and HH:mm in two inputs) from a wall-clock `YYYY-MM-DDTHH:mm`. */
async function fillDateTime(page: Page, id: string, local: string) {
  const [y, m, d] = local.slice(0, 10).split('-')
  await page.locator(`#${id}`).fill(`${d}/${m}/${y}`)
  await page.locator(`#${id}-time`).fill(local.slice(11, 16))
}
const isoFromNow = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', '+00:00')

async function person(email?: string, width?: number): Promise<Page> {
  const s = await e2e.newPage({ width })
  contexts.push(s.context)
  if (email) await signIn(s.page, email, email.endsWith('.demo') ? undefined : PASSWORD)
  return s.page
}

/** A table row's cells, spaces (Intl's no-break ones too) made plain. */
const cells = async (row: Locator) => (await row.locator('td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim())

/**
 * Ticks a checkbox or radio as a person does, by its label (Bootstrap Italia draws the box on the label, which
 * takes the pointer), and checks it took.
 */
async function tick(input: Locator) {
  if (await input.isChecked()) return
  const id = await input.getAttribute('id')
  await input.page().locator(`label[for="${id}"]`).click()
  await expect.poll(() => input.isChecked()).toBe(true)
}

async function tab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click()
  await page.waitForLoadState('networkidle')
}

it('a call from its draft to a funded informal group booking a lab with its hours', async () => {
  const admin = await person(DEMO.admin)
  const api = admin.request
  const stamp = Date.now().toString(36)
  const makeUser = async (name: string, role: string) => {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${stamp}@example.org`
    const res = await api.post('/api/v1/users', { data: { email, name, role, password: PASSWORD } })
    expect(res.status(), await res.text()).toBe(201)
    return { email, id: (await res.json()).id as string }
  }
  const [ev1, ev2] = [await makeUser('Elena Valutatrice', 'evaluator'), await makeUser('Ettore Valutatore', 'evaluator')]
  const bruno = await makeUser('Bruno Promotore', 'member')
  const carla = await makeUser('Carla Ritardataria', 'member')
  const areas = (await (await api.get('/api/v1/areas?limit=1000')).json()) as Array<{ id: string; name: string; isTarget: boolean }>
  const area = areas.find((a) => a.isTarget)!

  // 1. The Comune drafts the call in the browser, every field, then assigns the evaluators and opens it.
  await admin.goto('/calls')
  await admin.getByRole('link', { name: 'Nuovo bando' }).click()
  await admin.getByRole('heading', { level: 1, name: 'Nuovo bando' }).waitFor()
  const title = `Quartieri in comune ${stamp}`
  await admin.locator('#c-title').fill(title)
  await admin.locator('#c-description').fill('Progetti di innovazione sociale nei quartieri prioritari: spazi, contributi e crowdfunding.')
  await fillDateTime(admin, 'c-opens', romeLocal(-3_600_000))
  await fillDateTime(admin, 'c-closes', romeLocal(2 * 86_400_000))
  await admin.locator('#c-budget').fill('40000')
  await admin.locator('#c-max').fill('25000')
  await tick(admin.getByLabel('Cooperativa'))
  await tick(admin.locator(`#c-area-${area.id}`))
  await admin.locator('#c-crit-name-0').fill('Impatto sociale')
  await admin.locator('#c-crit-weight-0').fill('3')
  await admin.getByRole('button', { name: 'Aggiungi un criterio' }).click()
  await admin.locator('#c-crit-name-1').fill('Fattibilità')
  await admin.locator('#c-crit-weight-1').fill('2')
  await admin.locator('#c-crit-max-1').fill('5')
  await admin.locator('#c-documents').fill('progetto')
  await admin.getByRole('button', { name: 'Crea la bozza' }).click()
  await admin.waitForURL(/\/calls\/[0-9a-f-]+\/manage/)
  const callId = admin.url().split('/').at(-2)!
  const draft = await (await api.get(`/api/v1/calls/${callId}`)).json()
  expect(draft).toMatchObject({
    title,
    status: 'draft',
    budgetCents: 4_000_000,
    maxFundingCents: 2_500_000,
    applicantTypes: ['informal', 'association', 'cooperative'],
    areaIds: [area.id],
    requiredDocuments: ['progetto'],
    criteria: [
      { name: 'Impatto sociale', weight: 3, maxScore: 10 },
      { name: 'Fattibilità', weight: 2, maxScore: 5 },
    ],
  })
  await admin.getByText('Il bando è una bozza').waitFor()
  await desktopAndPhone(admin, 'call-manage-draft')
  await tab(admin, 'Valutatori')
  await tick(admin.getByLabel(`Elena Valutatrice (${ev1.email})`))
  await tick(admin.getByLabel(`Ettore Valutatore (${ev2.email})`))
  await admin.getByRole('button', { name: 'Salva i valutatori' }).click()
  await admin.getByText('Valutatori salvati').waitFor()
  await tab(admin, 'Testo e regole')
  await admin.getByRole('button', { name: 'Apri il bando' }).click()
  await admin.getByText('Aperto', { exact: true }).waitFor()
  expect((await (await api.get(`/api/v1/calls/${callId}`)).json()).evaluatorIds.sort()).toEqual([ev1.id, ev2.id].sort())

  // 2. An association (the demo team's Sara) applies in the browser: fields, target area, an indicator, the PDF.
  const sara = await person(DEMO.team)
  await sara.goto(`/calls/${callId}`)
  await sara.getByRole('button', { name: 'Presenta una domanda' }).click()
  await sara.waitForURL(/\/applications\//)
  const appA = sara.url().split('/').pop()!
  const commit = async (label: string, value: string) => {
    await sara.getByLabel(label, { exact: true }).fill(value)
    await sara.getByLabel(label, { exact: true }).blur()
  }
  await commit('Titolo del progetto', 'Cucine di quartiere')
  await sara.getByLabel('Natura giuridica').selectOption('association')
  await commit('Nome dell’ente o del gruppo', 'Associazione Cucine Aperte')
  await commit('Codice fiscale dell’ente', '97123450150')
  await commit('Sintesi', 'Corsi di cucina per giovani e famiglie del quartiere.')
  await commit('Contributo richiesto (€)', '20000')
  await tick(sara.getByLabel(new RegExp(`^${area.name}`)))
  await commit('Indicatore', 'Partecipanti ai corsi')
  await commit('Unità', 'persone')
  await commit('Obiettivo', '120')
  await sara.getByLabel('Tipo di documento').selectOption('progetto')
  await sara.getByLabel('Carica un PDF').setInputFiles({ name: 'progetto.pdf', mimeType: 'application/pdf', buffer: PDF })
  await sara.getByRole('link', { name: 'progetto.pdf' }).waitFor()
  await expect
    .poll(async () => (await (await sara.request.get(`/api/v1/applications/${appA}`)).json()).indicators)
    .toEqual([{ name: 'Partecipanti ai corsi', unit: 'persone', baseline: 0, target: 120 }])
  expect(await (await sara.request.get(`/api/v1/applications/${appA}`)).json()).toMatchObject({
    areaIds: [area.id],
    requestedFundingCents: 2_000_000,
    taxCode: '97123450150',
  })
  await desktopAndPhone(sara, 'application-draft-indicators')
  await sara.getByRole('button', { name: 'Presenta la domanda' }).click()
  await sara.getByText('Domanda presentata: protocollo n. 1').waitFor()

  // 3. An informal group applies (through the API: the same screens as above).
  const b = await person(bruno.email)
  const created = await b.request.post(`/api/v1/calls/${callId}/applications`, {
    data: {
      title: 'Orti condivisi',
      summary: 'Orti sui tetti delle case popolari.',
      applicantType: 'informal',
      organisationName: 'Gruppo Orti Giambellino',
      promoters: [{ name: 'Bruno Promotore' }, { name: 'Carla Vicina' }],
      commitToIncorporate: true,
      areaIds: [area.id],
      labNeeds: [{ labType: 'multipurpose', hoursPerWeek: 2, weeks: 10 }],
      requestedFundingCents: 1_500_000,
    },
  })
  const appB = (await created.json()).id as string
  const pdf = await b.request.post(`/api/v1/applications/${appB}/attachments?kind=progetto&filename=orti.pdf`, {
    headers: { 'Content-Type': 'application/pdf' },
    data: PDF,
  })
  expect(pdf.status()).toBe(201)
  expect((await (await b.request.post(`/api/v1/applications/${appB}/submit`)).json()).protocolNumber).toBe(2)

  // 4. A third group is late: the deadline arrives while its draft waits, and the browser shows the refusal.
  const c = await person(carla.email)
  const late = await c.request.post(`/api/v1/calls/${callId}/applications`, {
    data: {
      title: 'Ciclofficina',
      summary: 'Riparazioni.',
      applicantType: 'association',
      organisationName: 'Ciclo APS',
      taxCode: '97000000017',
    },
  })
  const appC = (await late.json()).id as string
  const deadline = Date.now() + 4_000
  expect((await api.patch(`/api/v1/calls/${callId}`, { data: { closesAt: isoFromNow(4_000) } })).status()).toBe(200)
  await c.goto(`/applications/${appC}`)
  await c.getByRole('button', { name: 'Presenta la domanda' }).waitFor()
  await c.waitForTimeout(Math.max(0, deadline - Date.now() + 1_000))
  await c.getByRole('button', { name: 'Presenta la domanda' }).click()
  await c.getByText('Il bando è chiuso: le domande non sono più accettate.').waitFor()
  expect((await (await c.request.get(`/api/v1/applications/${appC}`)).json()).status).toBe('draft')

  // 5. The Comune decides admissibility on each application's page.
  await admin.goto(`/calls/${callId}/manage?tab=applications`)
  await admin.getByRole('link', { name: 'Orti condivisi' }).waitFor()
  await desktopAndPhone(admin, 'call-manage-applications')
  for (const name of ['Cucine di quartiere', 'Orti condivisi']) {
    await admin.goto(`/calls/${callId}/manage?tab=applications`)
    await admin.getByRole('link', { name }).click()
    await admin.getByRole('button', { name: 'Ammetti' }).click()
    await admin.getByText('Ammessa alla valutazione').waitFor()
  }

  // 6. Two evaluators score: Elena in the browser (declaration, a score per criterion, a comment), Ettore by API.
  const elena = await person(ev1.email)
  await elena.goto('/applications')
  await elena.getByRole('link', { name: 'Cucine di quartiere' }).click()
  await elena.getByRole('heading', { name: 'Valutazione' }).waitFor()
  await tick(elena.getByLabel('Dichiaro di non avere conflitti di interessi con questa domanda'))
  await elena.getByLabel('Impatto sociale (su 10)').fill('8')
  await elena.getByLabel('Fattibilità (su 5)').fill('4')
  await elena.getByLabel('Commento').fill('Progetto solido, buona rete di quartiere.')
  await desktopAndPhone(elena, 'evaluation-scoring')
  await elena.getByRole('button', { name: 'Salva la valutazione' }).click()
  await elena.getByText('Valutazione salvata').waitFor()
  const [impact, feasibility] = draft.criteria as Array<{ id: string }>
  const e1 = elena.request
  expect(
    (
      await e1.put(`/api/v1/applications/${appB}/scores`, {
        data: {
          conflictOfInterest: false,
          scores: [
            { criterionId: impact.id, score: 6 },
            { criterionId: feasibility.id, score: 3 },
          ],
        },
      })
    ).status(),
  ).toBe(200)
  const ettore = await person(ev2.email)
  for (const [id, s] of [
    [appA, [9, 4]],
    [appB, [7, 5]],
  ] as const) {
    const r = await ettore.request.put(`/api/v1/applications/${id}/scores`, {
      data: {
        conflictOfInterest: false,
        comment: 'Valutata.',
        scores: [
          { criterionId: impact.id, score: s[0] },
          { criterionId: feasibility.id, score: s[1] },
        ],
      },
    })
    expect(r.status()).toBe(200)
  }

  // 7. The Comune publishes the ranking, awards both within budget, records and pays a tranche, concludes.
  // Each action on the desk reads the call again in place: the loading line never shows after the first read,
  // and the tabs (the page) stay the same nodes.
  await admin.goto(`/calls/${callId}/manage?tab=ranking`)
  await admin.getByRole('button', { name: 'Pubblica la graduatoria' }).waitFor()
  let desk = await watchLoadingLine(admin)
  let tabs = await admin.getByRole('tablist').first().elementHandle()
  await admin.getByRole('button', { name: 'Pubblica la graduatoria' }).click()
  await admin.getByText('Graduatoria pubblicata.').first().waitFor()
  expect(await desk.seen()).toBe(0)
  expect(await tabs!.evaluate((el) => el.isConnected)).toBe(true)
  await admin.goto(`/calls/${callId}/manage?tab=awards`)
  const formA = admin.locator('form', { hasText: 'Cucine di quartiere' })
  await formA.waitFor()
  desk = await watchLoadingLine(admin)
  tabs = await admin.getByRole('tablist').first().elementHandle()
  await formA.getByLabel('Contributo (€)').fill('20000')
  await formA.getByLabel('Ore di spazio').fill('40')
  await formA.getByRole('button', { name: 'Assegna' }).click()
  const cardA = admin.locator('section.card', { hasText: 'Associazione Cucine Aperte' })
  await cardA.getByText('Confermata', { exact: true }).waitFor()
  const formB = admin.locator('form', { hasText: 'Orti condivisi' })
  await formB.getByLabel('Contributo (€)').fill('25000')
  await formB.getByLabel('Ore di spazio').fill('30')
  await formB.getByRole('button', { name: 'Assegna' }).click()
  // 20 000 + 25 000 is over the 40 000 budget: refused, in words
  await formB.getByRole('alert').waitFor()
  expect(await formB.getByRole('alert').textContent()).toContain('supererebbe il budget')
  await formB.getByLabel('Contributo (€)').fill('15000')
  await formB.getByRole('button', { name: 'Assegna' }).click()
  await admin.getByText(/Impegnati 35\.000,00\s€ su 40\.000,00\s€/).waitFor()
  await admin.locator('section.card', { hasText: 'Gruppo Orti Giambellino' }).getByText('Condizionata', { exact: true }).waitFor()
  await cardA.getByLabel('Importo (€)').fill('10000')
  await cardA.getByRole('button', { name: 'Aggiungi una tranche' }).click()
  await cardA.getByRole('button', { name: 'Segna pagata oggi' }).click()
  await cardA.getByText('Pagata', { exact: false }).first().waitFor()
  expect(await desk.seen()).toBe(0)
  await desktopAndPhone(admin, 'call-manage-awards')
  await admin.getByRole('button', { name: 'Concludi le assegnazioni' }).click()
  await admin.getByText('Assegnato', { exact: true }).waitFor()
  expect(await desk.seen()).toBe(0)
  expect(await tabs!.evaluate((el) => el.isConnected)).toBe(true)

  // the public ranking names projects and organisations, never the promoters
  const visitor = await person()
  await visitor.goto(`/calls/${callId}`)
  await visitor.getByRole('heading', { name: 'Graduatoria' }).waitFor()
  const publicText = (await visitor.locator('main').textContent()) ?? ''
  expect(publicText).toContain('Orti condivisi')
  expect(publicText).not.toContain('Bruno Promotore')
  expect(publicText).not.toContain('Carla Vicina')

  // 8. The informal group sees its conditional award, records its new entity's codice fiscale, is confirmed.
  await b.goto(`/applications/${appB}`)
  await b.getByText('Finanziata con condizione').waitFor()
  await b.getByRole('link', { name: 'Pagina del gruppo e prenotazioni' }).click()
  await b.waitForURL(/\/teams\/[0-9a-f-]+\/award/)
  const teamId = b.url().split('/').at(-2)!
  await b.getByText('Condizionata', { exact: true }).waitFor()
  await desktopAndPhone(b, 'team-award-conditional')
  // the confirmation reads the awards and the hours again in place: no loading line, the same card
  const awardPage = await watchLoadingLine(b)
  const awardCard = await b.locator('section.card', { hasText: 'Condizionata' }).first().elementHandle()
  await b.getByLabel('Codice fiscale del nuovo ente').fill('97654320157')
  await b.getByLabel('Nome dell’ente').fill('Orti Giambellino APS')
  await b.getByRole('button', { name: 'Conferma l’assegnazione' }).click()
  await b.getByText('Confermata', { exact: true }).waitFor()
  expect(await awardPage.seen()).toBe(0)
  expect(await awardCard!.evaluate((el) => el.isConnected)).toBe(true)
  const award = (await (await b.request.get(`/api/v1/teams/${teamId}/awards`)).json())[0]
  expect(award).toMatchObject({ status: 'awarded', beneficiaryTaxCode: '97654320157', fundingCents: 1_500_000, hours: 30 })

  // 9. Its team books a lab with the awarded hours, and its page shows them booked.
  await b.goto('/bookings/new')
  await b.getByRole('heading', { level: 1, name: 'Nuova prenotazione' }).waitFor()
  await b.getByLabel('Titolo dell’attività').fill('Primo incontro degli orti')
  const day = DateTime.now().setZone('Europe/Rome').plus({ days: 21 })
  const date = (day.weekday === 7 ? day.plus({ days: 1 }) : day).toISODate()!
  await b.getByLabel('Giorno (il primo, se si ripete)').fill(date)
  await b.getByLabel('Ora di inizio').fill('09:00')
  await b.getByLabel('Ora di fine').fill('11:00')
  const labs = await b
    .locator('#b-lab option')
    .evaluateAll((options) =>
      options.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })).filter((o) => o.value),
    )
  let free = false
  for (const lab of labs) {
    await b.locator('#b-lab').selectOption(lab.value)
    await b.waitForTimeout(600)
    await b
      .locator('.sc-preview [role="status"]')
      .waitFor({ state: 'detached', timeout: 30_000 })
      .catch(() => {})
    const summary =
      (await b
        .locator('.sc-preview p.fw-semibold')
        .textContent({ timeout: 30_000 })
        .catch(() => '')) ?? ''
    if (summary.includes('L’appuntamento è libero.')) {
      free = true
      break
    }
  }
  expect(free).toBe(true)
  await b.getByRole('button', { name: 'Prenota', exact: true }).click()
  await b.locator('#booking-success').waitFor({ timeout: 30_000 })
  await b.goto(`/teams/${teamId}/award`)
  const hoursRow = b.locator('tr', { hasText: `Bando: ${title}` })
  await hoursRow.waitFor()
  expect(await cells(hoursRow)).toEqual([`Bando: ${title}`, expect.any(String), '30', '2', '0', '28'])
  await desktopAndPhone(b, 'team-award-confirmed')

  // 10. The Comune's summary: applications, money committed and paid, hours granted, by priority area.
  await admin.goto(`/calls/${callId}/manage?tab=summary`)
  const byArea = admin.locator('tr', { hasText: area.name })
  await byArea.waitFor()
  expect(await cells(byArea)).toEqual([expect.stringContaining(area.name), '2', '35.000,00 €', '10.000,00 €', '70', '0'])
  // «Domande» are the two sent; the late group's draft is shown apart, not counted
  const figure = (label: string) => admin.locator('dl.sc-figures dt', { hasText: label }).locator('xpath=following-sibling::dd[1]')
  expect(await figure('Domande inviate').textContent()).toBe('2')
  expect(await figure('Bozze non inviate').textContent()).toBe('1')
  await desktopAndPhone(admin, 'call-manage-summary')
}, 600_000)
