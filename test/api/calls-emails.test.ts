import fs from 'node:fs'
import path from 'node:path'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createOutboxWorker } from '../../backend/outbox/worker.ts'
import { callBody, fromNow, PDF, sleep, upload } from '../helpers/calls.ts'
import { createMailTestContext, type MailTestContext, type TestContext } from '../helpers/context.ts'

/**
 * The applicant's emails, through a real SMTP server and parsed with mailparser: one at each step of the
 * application's life, each linking to a page of the client that exists and that its reader may open; and the
 * reminders before a conditional award's deadline, sent when due and withdrawn once the codice fiscale is in.
 */

let ctx: MailTestContext
beforeAll(async () => {
  ctx = await createMailTestContext()
})
afterAll(() => ctx?.close())

/** The client's routes (frontend/src/app.tsx), as patterns a link's path must match. */
const CLIENT_ROUTES = [
  ...fs.readFileSync(path.resolve(import.meta.dirname, '../../frontend/src/app.tsx'), 'utf8').matchAll(/<Route path="([^"]+)"/g),
]
  .map((m) => m[1])
  .filter((p) => p !== '*404')
  .map((p) => new RegExp(`^${p.replace(/:[a-zA-Z]+/g, '[^/]+').replace(/\/\*$/, '(/.*)?')}$`))

function linksOf(mail: ParsedMail): string[] {
  const html = String(mail.html || '')
  const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replaceAll('&amp;', '&'))
  const urls = [...(mail.text ?? '').matchAll(/https?:\/\/[^\s<>"]+/g)].map((m) => m[0])
  return [...new Set([...hrefs, ...urls])].filter((u) => /^https?:/.test(u))
}

/**
 * Follows a link the way the client does: its path is one of the client's pages and, where that page shows an
 * application, the reader may open it (the page would otherwise say it does not exist).
 */
async function expectAPage(reader: Awaited<ReturnType<TestContext['as']>>, link: string) {
  const { pathname } = new URL(link)
  expect(
    CLIENT_ROUTES.some((r) => r.test(pathname)),
    `${link} is not a page of the client`,
  ).toBe(true)
  const application = pathname.match(/^\/applications\/([^/]+)$/)
  if (application) expect((await reader.get(`/applications/${application[1]}`)).status, link).toBe(200)
}

/** The subjects an address received, sorted (the worker sends in parallel: arrival order means nothing). */
const subjects = (address: string) =>
  ctx.smtp
    .to(address)
    .map((m) => m.parsed.subject ?? '')
    .sort()
const mailTo = (address: string, subject: string) => ctx.smtp.to(address).find((m) => m.parsed.subject === subject)!.parsed

it('the applicant gets an email at each step, each link leading to a page that exists', async () => {
  const area = await ctx.make.area({ is_target: true })
  const admin = await ctx.as(await ctx.make.admin())
  const evUser = await ctx.make.user({ role: 'evaluator' })
  const ev = await ctx.as(evUser)
  const [aUser, bUser, cUser, dUser] = [await ctx.make.user(), await ctx.make.user(), await ctx.make.user(), await ctx.make.user()]
  const [a, b, c, d] = [await ctx.as(aUser), await ctx.as(bUser), await ctx.as(cUser), await ctx.as(dUser)]

  const call = (await admin.post('/calls', callBody({ areaIds: [area.id], closesAt: fromNow(60_000), budgetCents: 5_000_000 }))).body
  await admin.patch(`/calls/${call.id}`, { status: 'open', evaluatorIds: [evUser.id] })
  const apply = async (who: typeof a, o: Record<string, unknown>) => {
    const res = await who.post(`/calls/${call.id}/applications`, {
      title: `Progetto ${Math.random().toString(36).slice(2, 7)}`,
      summary: 'Attività nel quartiere.',
      areaIds: [area.id],
      requestedFundingCents: 1_000_000,
      ...o,
    })
    expect(res.status).toBe(201)
    expect((await upload(ctx, who.cookie, res.body.id, PDF)).status).toBe(201)
    expect((await who.post(`/applications/${res.body.id}/submit`)).status).toBe(200)
    return res.body.id as string
  }
  const entity = { applicantType: 'association', organisationName: 'Ente APS', taxCode: '97123450150' }
  const appA = await apply(a, entity) // awarded at once
  const appB = await apply(b, {
    applicantType: 'informal',
    organisationName: 'Gruppo di via',
    promoters: [{ name: 'Bea Promotrice' }],
    commitToIncorporate: true,
  }) // conditional, then confirmed
  const appC = await apply(c, { ...entity, taxCode: '97000000156' }) // excluded
  const appD = await apply(d, { ...entity, taxCode: '97000000017' }) // ranked, not funded

  // the deadline arrives; admissibility, scores, ranking, awards, conclusion
  await admin.patch(`/calls/${call.id}`, { closesAt: fromNow(1_000) })
  await sleep(1_500)
  for (const id of [appA, appB, appD]) expect((await admin.put(`/applications/${id}/admissibility`, { admissible: true })).status).toBe(200)
  expect((await admin.put(`/applications/${appC}/admissibility`, { admissible: false, reason: 'Manca il piano economico.' })).status).toBe(
    200,
  )
  const [impact, feasibility] = call.criteria
  for (const [id, s] of [
    [appA, 9],
    [appB, 8],
    [appD, 4],
  ] as const) {
    const res = await ev.put(`/applications/${id}/scores`, {
      conflictOfInterest: false,
      scores: [
        { criterionId: impact.id, score: s },
        { criterionId: feasibility.id, score: s },
      ],
    })
    expect(res.status).toBe(200)
  }
  expect((await admin.post(`/calls/${call.id}/ranking/publish`)).status).toBe(200)
  expect((await admin.post(`/calls/${call.id}/awards`, { applicationId: appA, fundingCents: 2_000_000, hours: 20 })).status).toBe(201)
  const awardB = await admin.post(`/calls/${call.id}/awards`, { applicationId: appB, fundingCents: 1_500_000, hours: 10 })
  expect(awardB.body.status).toBe('conditional')
  expect((await admin.patch(`/calls/${call.id}`, { status: 'awarded' })).status).toBe(200)
  await ctx.worker.drain()

  // one email per step, in Italian, for the applicant only
  const S = {
    admissible: 'La tua domanda è stata ammessa alla valutazione',
    excluded: 'La tua domanda non è stata ammessa',
    ranked: 'Pubblicata la graduatoria del bando',
    awarded: 'Il tuo progetto è stato finanziato',
    conditional: 'Il tuo progetto è stato finanziato, a una condizione',
    notFunded: 'Esito del bando',
  }
  expect(subjects(aUser.email)).toEqual(['Domanda presentata — protocollo n. 1', S.admissible, S.ranked, S.awarded].sort())
  expect(subjects(bUser.email)).toEqual(['Domanda presentata — protocollo n. 2', S.admissible, S.ranked, S.conditional].sort())
  expect(subjects(cUser.email)).toEqual(['Domanda presentata — protocollo n. 3', S.excluded].sort())
  expect(subjects(dUser.email)).toEqual(['Domanda presentata — protocollo n. 4', S.admissible, S.ranked, S.notFunded].sort())
  // the receipt carries its PDF summary; the exclusion its reason
  const receipt = mailTo(aUser.email, 'Domanda presentata — protocollo n. 1')
  expect(receipt.attachments.map((x) => [x.contentType, x.content.subarray(0, 5).toString()])).toEqual([['application/pdf', '%PDF-']])
  expect(mailTo(cUser.email, S.excluded).text).toContain('Manca il piano economico.')

  // the codice fiscale confirms B's award: one more email
  expect(
    (await b.post(`/awards/${awardB.body.id}/tax-code`, { taxCode: '97654320157', name: 'Gruppo di via APS', legalStatus: 'association' }))
      .status,
  ).toBe(200)
  await ctx.worker.drain()
  expect(subjects(bUser.email)).toHaveLength(5)
  expect(ctx.smtp.to(bUser.email)[4].parsed.subject).toBe('Assegnazione confermata')

  // every link of every email leads to a page of the client its reader may open
  for (const [who, user] of [
    [a, aUser],
    [b, bUser],
    [c, cUser],
    [d, dUser],
  ] as const) {
    for (const mail of ctx.smtp.to(user.email)) {
      const links = linksOf(mail.parsed)
      expect(links.length, mail.parsed.subject).toBeGreaterThan(0)
      for (const link of links) await expectAPage(who, link)
    }
  }
  const own = (id: string, user: { email: string }) =>
    ctx.smtp.to(user.email).every((m) => linksOf(m.parsed).some((l) => new URL(l).pathname === `/applications/${id}`))
  expect([own(appA, aUser), own(appB, bUser), own(appC, cUser), own(appD, dUser)]).toEqual([true, true, true, true])
}, 120_000)

it('reminds a conditional award of its deadline 30, 7 and 1 days before, until the codice fiscale is in', async () => {
  const admin = await ctx.as(await ctx.make.admin())
  const evUser = await ctx.make.user({ role: 'evaluator' })
  const ev = await ctx.as(evUser)
  const user = await ctx.make.user()
  const group = await ctx.as(user)
  const call = (await admin.post('/calls', callBody({ closesAt: fromNow(60_000), incorporationDays: 40 }))).body
  await admin.patch(`/calls/${call.id}`, { status: 'open', evaluatorIds: [evUser.id] })
  const app = await group.post(`/calls/${call.id}/applications`, {
    title: 'Orti sul tetto',
    summary: 'Orti condivisi.',
    applicantType: 'informal',
    organisationName: 'Gruppo Orti',
    promoters: [{ name: 'Ada Promotrice' }],
    commitToIncorporate: true,
    requestedFundingCents: 500_000,
  })
  expect((await group.post(`/applications/${app.body.id}/submit`)).status).toBe(200)
  await admin.patch(`/calls/${call.id}`, { closesAt: fromNow(1_000) })
  await sleep(1_500)
  await admin.put(`/applications/${app.body.id}/admissibility`, { admissible: true })
  await ev.put(`/applications/${app.body.id}/scores`, {
    conflictOfInterest: false,
    scores: call.criteria.map((cr: { id: string }) => ({ criterionId: cr.id, score: 5 })),
  })
  await admin.post(`/calls/${call.id}/ranking/publish`)
  const award = (await admin.post(`/calls/${call.id}/awards`, { applicationId: app.body.id, fundingCents: 500_000, hours: 10 })).body
  expect(award.status).toBe('conditional')
  await ctx.worker.drain()
  const before = ctx.smtp.to(user.email).length
  const due = new Date(`${award.taxCodeDueOn}T09:00:00+01:00`).getTime()
  const DAY = 86_400_000

  // nothing before the first is due; then the 30-day reminder, and the 7-day one a little later
  const at = async (ms: number) => {
    const w = createOutboxWorker(ctx.deps, { now: () => new Date(ms) })
    await w.drain()
    await w.stop()
  }
  await at(due - 31 * DAY)
  expect(ctx.smtp.to(user.email)).toHaveLength(before)
  await at(due - 30 * DAY + 60_000)
  expect(ctx.smtp.to(user.email)).toHaveLength(before + 1)
  const first = ctx.smtp.to(user.email)[before].parsed
  expect(first.subject).toBe('Promemoria: il codice fiscale del nuovo ente')
  for (const link of linksOf(first)) await expectAPage(group, link)
  await at(due - 7 * DAY + 60_000)
  expect(ctx.smtp.to(user.email)).toHaveLength(before + 2)

  // the codice fiscale arrives: the last reminder is withdrawn (only the confirmation is sent)
  expect(
    (await group.post(`/awards/${award.id}/tax-code`, { taxCode: '97654320157', name: 'Orti APS', legalStatus: 'association' })).status,
  ).toBe(200)
  await at(due + DAY)
  const after = ctx.smtp.to(user.email).slice(before + 2)
  expect(after.map((m) => m.parsed.subject)).toEqual(['Assegnazione confermata'])
}, 120_000)
