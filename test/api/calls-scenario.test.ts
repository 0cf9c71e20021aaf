import { DateTime } from 'luxon'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { callBody, fromNow, PDF, sleep, upload } from '../helpers/calls.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/**
 * The "Done when": a call is drafted and opened, two groups apply (one informal), one application
 * misses the deadline, two evaluators score, the ranking is published, the winners are awarded within
 * budget, the informal group becomes conditional then confirmed, and its team books a lab with its hours.
 */
it('from a call to a funded team booking its hours', async () => {
  const area = await ctx.make.area({ is_target: true })
  const admin = await ctx.as(await ctx.make.admin())
  const e1User = await ctx.make.user({ role: 'evaluator' })
  const e2User = await ctx.make.user({ role: 'evaluator' })
  const [e1, e2] = [await ctx.as(e1User), await ctx.as(e2User)]
  const aUser = await ctx.make.user({ name: 'Anna Applicante' })
  const bUser = await ctx.make.user({ name: 'Bruno Promotore' })
  const cUser = await ctx.make.user()
  const [a, b, c] = [await ctx.as(aUser), await ctx.as(bUser), await ctx.as(cUser)]

  // drafted, then opened with its evaluators; the deadline is a few seconds away
  const deadline = Date.now() + 15_000
  const draft = await admin.post('/calls', callBody({ areaIds: [area.id], requiredDocuments: ['project'], closesAt: fromNow(15_000) }))
  expect(draft.status).toBe(201)
  const call = draft.body
  expect((await ctx.anonymous.get(`/calls/${call.id}`)).status).toBe(404)
  const opened = await admin.patch(`/calls/${call.id}`, { status: 'open', evaluatorIds: [e1User.id, e2User.id] })
  expect(opened.body.status).toBe('open')
  expect((await ctx.anonymous.get(`/calls/${call.id}`)).body.status).toBe('open')
  const [impact, feasibility] = call.criteria

  // an association applies
  const appA = await a.post(`/calls/${call.id}/applications`, {
    title: 'Cucina di quartiere',
    summary: 'Corsi di cucina per giovani del quartiere.',
    applicantType: 'association',
    organisationName: 'Associazione Cucine Aperte',
    taxCode: '97123450150',
    areaIds: [area.id],
    labNeeds: [{ labType: 'kitchen', hoursPerWeek: 4, weeks: 20 }],
    requestedFundingCents: 2_500_000,
    indicators: [{ name: 'Partecipanti', unit: 'persone', baseline: 0, target: 120 }],
  })
  expect(appA.status).toBe(201)
  expect(appA.body).toEqual({ id: expect.any(String), status: 'draft' })

  // an informal group applies, saving as it goes
  const appB = await b.post(`/calls/${call.id}/applications`, {
    title: 'Orti condivisi',
    summary: '',
    applicantType: 'informal',
    organisationName: 'Gruppo Orti Giambellino',
    areaIds: [area.id],
    labNeeds: [],
    requestedFundingCents: 1_500_000,
  })
  expect(appB.status).toBe(201)
  const saved = await b.patch(`/applications/${appB.body.id}`, {
    summary: 'Orti sui tetti delle case popolari.',
    promoters: [{ name: 'Bruno Promotore' }, { name: 'Carla Vicina', email: 'carla@example.org' }],
    commitToIncorporate: true,
    labNeeds: [{ labType: 'kitchen', hoursPerWeek: 2, weeks: 10 }],
  })
  expect(saved.status).toBe(200)
  expect(saved.body.promoters).toHaveLength(2)

  // attachments are PDFs by content, private to the applicant and the commission
  expect((await upload(ctx, a.cookie, appA.body.id, Buffer.from('GIF89a not a pdf'), 'project', 'finto.pdf')).status).toBe(415)
  const attA = await upload(ctx, a.cookie, appA.body.id, PDF)
  expect(attA.status).toBe(201)
  expect(attA.body).toEqual({ id: expect.any(String), kind: 'project', filename: 'progetto.pdf', sizeBytes: PDF.length })
  const attB = await upload(ctx, b.cookie, appB.body.id, PDF)
  expect(attB.status).toBe(201)
  expect((await upload(ctx, a.cookie, appB.body.id, PDF)).status).toBe(404)
  expect((await a.get(`/applications/${appB.body.id}`)).status).toBe(404)
  expect((await a.get(`/applications/${appB.body.id}/attachments/${attB.body.id}`)).status).toBe(404)
  expect((await e1.get(`/applications/${appB.body.id}`)).status).toBe(404) // a draft is the applicant's alone

  // both submit before the deadline: protocol numbers 1 and 2, a receipt with its PDF
  const subA = await a.post(`/applications/${appA.body.id}/submit`)
  expect(subA.status).toBe(200)
  expect(subA.body).toEqual({ status: 'submitted', protocolNumber: 1 })
  const subB = await b.post(`/applications/${appB.body.id}/submit`)
  expect(subB.body).toEqual({ status: 'submitted', protocolNumber: 2 })
  expect((await a.patch(`/applications/${appA.body.id}`, { title: 'Altro' })).status).toBe(409)
  const receipt = await ctx.db
    .selectFrom('outbox')
    .selectAll()
    .where('dedupe_key', '=', `application:${appA.body.id}:submitted`)
    .executeTakeFirstOrThrow()
  expect(receipt.recipient).toBe(aUser.email)
  expect(receipt.subject).toContain('protocollo n. 1')
  expect(receipt.attachments[0].contentType).toBe('application/pdf')
  expect(Buffer.from(receipt.attachments[0].content, 'base64').subarray(0, 5).toString()).toBe('%PDF-')

  // a third group starts too late
  const appC = await c.post(`/calls/${call.id}/applications`, {
    title: 'Sartoria sociale',
    summary: 'Riparazioni e corsi.',
    applicantType: 'association',
    organisationName: 'Fili Sociali',
    taxCode: '97000000156',
  })
  expect(appC.status).toBe(201)
  // a draft's PDF can be taken off
  const attC = await upload(ctx, c.cookie, appC.body.id, PDF)
  expect(attC.status).toBe(201)
  expect((await c.delete(`/applications/${appC.body.id}/attachments/${attC.body.id}`)).status).toBe(204)
  await sleep(Math.max(0, deadline - Date.now() + 100))
  const late = await c.post(`/applications/${appC.body.id}/submit`)
  expect(late.status).toBe(409)
  expect(late.body.reason).toBe('call_closed')
  // nor can a late draft take PDFs any more (uploading follows the deadline)
  const lateUpload = await upload(ctx, c.cookie, appC.body.id, PDF)
  expect(lateUpload.status).toBe(409)
  expect(lateUpload.body.reason).toBe('call_closed')
  expect((await ctx.anonymous.get(`/calls/${call.id}`)).body.status).toBe('closed')
  expect((await c.get(`/applications/${appC.body.id}`)).body.attachments).toEqual([])

  // each reads what is theirs: the applicant its applications and PDFs, the Comune and evaluators the submitted ones
  const mine = await a.get('/me/applications')
  expect(mine.status).toBe(200)
  expect(mine.body.map((x: { id: string; protocolNumber: number }) => [x.id, x.protocolNumber])).toEqual([[appA.body.id, 1]])
  const pdf = await a.get(`/applications/${appA.body.id}/attachments/${attA.body.id}`)
  expect(pdf.status).toBe(200)
  expect(pdf.headers.get('content-type')).toBe('application/pdf')
  expect(pdf.text.startsWith('%PDF-')).toBe(true)
  const listed = await admin.get(`/calls/${call.id}/applications`)
  expect(listed.status).toBe(200)
  expect(listed.body.map((x: { id: string }) => x.id)).toEqual([appA.body.id, appB.body.id]) // not C's draft
  expect(listed.body[1].promoters[1]).toEqual({ name: 'Carla Vicina', email: 'carla@example.org' })
  const forEvaluator = await e1.get(`/calls/${call.id}/applications`)
  expect(forEvaluator.status).toBe(200)
  expect(forEvaluator.body[1].promoters).toEqual([{ name: 'Bruno Promotore' }, { name: 'Carla Vicina' }])
  expect(forEvaluator.body[1].applicantUserId).toBeUndefined()
  expect((await c.get(`/calls/${call.id}/applications`)).status).toBe(403)

  // admissibility first, then the two evaluators score; one abstains on B
  expect((await e1.put(`/applications/${appA.body.id}/scores`, { conflictOfInterest: false, scores: [] })).status).toBe(409)
  for (const id of [appA.body.id, appB.body.id]) {
    const checks = await admin.get(`/applications/${id}/admissibility`)
    expect(checks.body.suggested).toBe(true)
    expect((await admin.put(`/applications/${id}/admissibility`, { admissible: true })).status).toBe(200)
  }
  const over = await e1.put(`/applications/${appA.body.id}/scores`, {
    conflictOfInterest: false,
    scores: [
      { criterionId: impact.id, score: 11 },
      { criterionId: feasibility.id, score: 5 },
    ],
  })
  expect(over.status).toBe(400)
  const scoresOf = (i: number, f: number) => ({
    conflictOfInterest: false,
    comment: 'Valutato',
    scores: [
      { criterionId: impact.id, score: i },
      { criterionId: feasibility.id, score: f },
    ],
  })
  expect((await e1.put(`/applications/${appA.body.id}/scores`, scoresOf(10, 8))).status).toBe(200) // 28
  expect((await e2.put(`/applications/${appA.body.id}/scores`, scoresOf(8, 6))).status).toBe(200) // 22
  expect((await e1.put(`/applications/${appB.body.id}/scores`, scoresOf(9, 9))).status).toBe(200) // 27
  expect((await e2.put(`/applications/${appB.body.id}/scores`, { conflictOfInterest: true, scores: [] })).status).toBe(200)
  const own = await e1.get(`/applications/${appA.body.id}/scores`)
  expect(own.status).toBe(200)
  // the scores come in no set order
  expect(own.body).toEqual({ ...scoresOf(10, 8), scores: expect.arrayContaining(scoresOf(10, 8).scores) })
  expect(own.body.scores).toHaveLength(2)
  expect((await e2.get(`/applications/${appB.body.id}/scores`)).body).toEqual({ conflictOfInterest: true, comment: null, scores: [] })

  // the ranking: staff only until published, then public without personal data
  expect((await ctx.anonymous.get(`/calls/${call.id}/ranking`)).status).toBe(401)
  const published = await admin.post(`/calls/${call.id}/ranking/publish`)
  expect(published.status).toBe(200)
  const ranking = await ctx.anonymous.get(`/calls/${call.id}/ranking`)
  expect(ranking.status).toBe(200)
  expect(
    ranking.body.map((r: { applicationId: string; rank: number; score: number; admissible: boolean }) => [
      r.applicationId,
      r.rank,
      r.score,
      r.admissible,
    ]),
  ).toEqual([
    [appB.body.id, 1, 27, true],
    [appA.body.id, 2, 25, true],
  ])
  expect(ranking.text).not.toContain('Bruno')
  expect(ranking.text).not.toContain('Carla')
  expect((await ctx.anonymous.get(`/calls/${call.id}`)).body.status).toBe('ranked')

  // awards within the budget (5,000,000): 2,000,000 to B, then 3,500,000 to A is too much, 3,000,000 fits
  const awardB = await admin.post(`/calls/${call.id}/awards`, {
    applicationId: appB.body.id,
    fundingCents: 2_000_000,
    hours: 20,
    labType: 'kitchen',
  })
  expect(awardB.status).toBe(201)
  expect(awardB.body).toMatchObject({
    id: expect.any(String),
    teamId: expect.any(String),
    grantId: expect.any(String),
    status: 'conditional',
  })
  const tooMuch = await admin.post(`/calls/${call.id}/awards`, { applicationId: appA.body.id, fundingCents: 3_000_001, hours: 0 })
  expect(tooMuch.status).toBe(400) // over the ceiling per project
  await admin.patch(`/calls/${call.id}`, { budgetCents: 4_500_000 })
  const overBudget = await admin.post(`/calls/${call.id}/awards`, { applicationId: appA.body.id, fundingCents: 3_000_000, hours: 10 })
  expect(overBudget.status).toBe(409)
  expect(overBudget.body.reason).toBe('budget_exceeded')
  await admin.patch(`/calls/${call.id}`, { budgetCents: 5_000_000 })
  const awardA = await admin.post(`/calls/${call.id}/awards`, { applicationId: appA.body.id, fundingCents: 3_000_000, hours: 10 })
  expect(awardA.status).toBe(201)
  expect(awardA.body.status).toBe('awarded')

  const awards = await admin.get(`/calls/${call.id}/awards`)
  expect(awards.status).toBe(200)
  expect(awards.body.map((x: { id: string; fundingCents: number }) => [x.id, x.fundingCents])).toEqual([
    [awardB.body.id, 2_000_000],
    [awardA.body.id, 3_000_000],
  ])
  expect((await b.get(`/awards/${awardB.body.id}`)).body).toEqual(awardB.body)
  expect((await a.get(`/awards/${awardB.body.id}`)).status).toBe(404)

  // B's team: the applicant is its contact and member, its grant names the call
  const team = await b.get(`/teams/${awardB.body.teamId}`)
  expect(team.status).toBe(200)
  expect(team.body).toMatchObject({ name: 'Gruppo Orti Giambellino', legalStatus: 'informal', contactEmail: bUser.email })
  const grants = await b.get(`/teams/${awardB.body.teamId}/grants`)
  expect(grants.body).toHaveLength(1)
  expect(grants.body[0]).toMatchObject({ hours: 20, labType: 'kitchen' })
  expect(grants.body[0].reference).toContain(call.title)
  expect((await b.get(`/applications/${appB.body.id}`)).body.status).toBe('conditional')

  // no money while conditional; the codice fiscale confirms it
  const tranche = await admin.post(`/awards/${awardB.body.id}/tranches`, { amountCents: 1_000_000, dueOn: '2027-06-30' })
  expect(tranche.status).toBe(201)
  const trancheId = tranche.body.tranches[0].id
  const early = await admin.patch(`/tranches/${trancheId}`, { status: 'paid', paidOn: '2027-06-30' })
  expect(early.status).toBe(409)
  expect(early.body.reason).toBe('award_conditional')
  const confirmed = await b.post(`/awards/${awardB.body.id}/tax-code`, {
    taxCode: '97999990157',
    name: 'Orti Giambellino APS',
    legalStatus: 'association',
  })
  expect(confirmed.status).toBe(200)
  expect(confirmed.body.status).toBe('awarded')
  expect((await b.get(`/applications/${appB.body.id}`)).body.status).toBe('awarded')
  const paid = await admin.patch(`/tranches/${trancheId}`, { status: 'paid', paidOn: '2027-06-30' })
  expect(paid.status).toBe(200)
  expect(paid.body.tranches).toEqual([{ id: trancheId, amountCents: 1_000_000, dueOn: '2027-06-30', status: 'paid', paidOn: '2027-06-30' }])
  const teamAwards = await b.get(`/teams/${awardB.body.teamId}/awards`)
  expect(teamAwards.status).toBe(200)
  expect(teamAwards.body).toEqual([paid.body])

  // the team books a lab that requires a grant, with its awarded hours
  const lab = await ctx.make.lab({ type: 'kitchen', requires_grant: true })
  const tuesday = DateTime.now().setZone('Europe/Rome').plus({ weeks: 1 }).set({ weekday: 2 }).toISODate()
  const booking = await b.post('/bookings', {
    labId: lab.id,
    teamId: awardB.body.teamId,
    title: 'Laboratorio orti',
    start: `${tuesday}T10:00`,
    end: `${tuesday}T12:00`,
  })
  expect(booking.status).toBe(201)
  const after = await b.get(`/teams/${awardB.body.teamId}/grants`)
  expect(after.body[0].hoursRemaining).toBe(18)

  // open data: entities only, never a natural person's name
  const csv = await ctx.anonymous.get('/open-data/awards.csv')
  expect(csv.status).toBe(200)
  expect(csv.text).toContain('Orti Giambellino APS;97999990157')
  expect(csv.text).toContain('Associazione Cucine Aperte;97123450150')
  for (const name of ['Anna', 'Bruno', 'Carla']) expect(csv.text).not.toContain(name)

  // the awarding closes
  const done = await admin.patch(`/calls/${call.id}`, { status: 'awarded' })
  expect(done.body.status).toBe('awarded')
  const summary = await admin.get(`/calls/${call.id}/summary`)
  expect(summary.body).toMatchObject({ applications: 2, drafts: 1, committedCents: 5_000_000, paidCents: 1_000_000, hoursGranted: 30 })
  expect(ctx.errors).toEqual([])
}, 60_000)
