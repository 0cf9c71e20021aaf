import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callBody } from '../helpers/calls.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** On PostgreSQL these run truly in parallel (a pool of connections); on PGlite they queue, and must hold too. */
describe('races of the call', () => {
  it('many concurrent submits get protocol numbers 1..N, without gaps or repeats', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const { body: call } = await admin.post('/calls', callBody())
    await admin.patch(`/calls/${call.id}`, { status: 'open' })
    const N = 16
    const applicants = await Promise.all(Array.from({ length: N }, async () => ctx.as(await ctx.make.user())))
    const drafts = await Promise.all(
      applicants.map((c, i) =>
        c.post(`/calls/${call.id}/applications`, {
          title: `Progetto ${i}`,
          summary: 'Sintesi',
          applicantType: 'association',
          organisationName: `Ente ${i}`,
          taxCode: '97123450150',
        }),
      ),
    )
    const results = await Promise.all(applicants.map((c, i) => c.post(`/applications/${drafts[i].body.id}/submit`)))
    expect(results.map((r) => r.status)).toEqual(Array(N).fill(200))
    const numbers = results.map((r) => r.body.protocolNumber).sort((x, y) => x - y)
    expect(numbers).toEqual(Array.from({ length: N }, (_, i) => i + 1))
    // a second submit of the same application gives no new number
    expect((await applicants[0].post(`/applications/${drafts[0].body.id}/submit`)).status).toBe(409)
    const counter = await ctx.db
      .selectFrom('call_protocol_counters')
      .select('last_number')
      .where('call_id', '=', call.id)
      .executeTakeFirstOrThrow()
    expect(counter.last_number).toBe(N)
  })

  it('concurrent awards never exceed the budget', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const applicant = await ctx.make.user()
    const { body: call } = await admin.post('/calls', callBody({ budgetCents: 1000, maxFundingCents: 300 }))
    await ctx.db.updateTable('calls').set({ status: 'ranked' }).where('id', '=', call.id).execute()
    const N = 10
    const apps = []
    for (let i = 1; i <= N; i++) {
      apps.push(
        await ctx.db
          .insertInto('applications')
          .values({
            call_id: call.id,
            applicant_user_id: applicant.id,
            status: 'ranked',
            title: `P${i}`,
            applicant_type: 'association',
            organisation_name: `Ente ${i}`,
            tax_code: '97123450150',
            protocol_number: i,
            submitted_at: new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow(),
      )
    }
    const results = await Promise.all(
      apps.map((a) => admin.post(`/calls/${call.id}/awards`, { applicationId: a.id, fundingCents: 300, hours: 0 })),
    )
    const created = results.filter((r) => r.status === 201)
    const refused = results.filter((r) => r.status === 409)
    expect(created).toHaveLength(3)
    expect(refused).toHaveLength(N - 3)
    for (const r of refused) expect(r.body.reason).toBe('budget_exceeded')
    const { sum } = await ctx.db
      .selectFrom('awards')
      .select((eb) => eb.fn.sum<number>('funding_cents').as('sum'))
      .where('call_id', '=', call.id)
      .executeTakeFirstOrThrow()
    expect(Number(sum)).toBe(900)
  })

  it('the database itself refuses an award over the budget, and a score over its maximum', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const applicant = await ctx.make.user()
    const team = await ctx.make.team()
    const { body: call } = await admin.post('/calls', callBody({ budgetCents: 1000, maxFundingCents: 1000 }))
    const app = await ctx.db
      .insertInto('applications')
      .values({
        call_id: call.id,
        applicant_user_id: applicant.id,
        status: 'ranked',
        title: 'P',
        applicant_type: 'association',
        organisation_name: 'Ente',
        protocol_number: 1,
        submitted_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const insert = ctx.db
      .insertInto('awards')
      .values({
        call_id: call.id,
        application_id: app.id,
        team_id: team.id,
        funding_cents: 1001,
        hours: 0,
        status: 'awarded',
        beneficiary_tax_code: '97123450150',
      })
      .execute()
    await expect(insert).rejects.toMatchObject({ code: '23514' })

    const evaluator = await ctx.make.user({ role: 'evaluator' })
    await ctx.db.insertInto('call_evaluators').values({ call_id: call.id, user_id: evaluator.id }).execute()
    await ctx.db
      .insertInto('evaluations')
      .values({ application_id: app.id, call_id: call.id, evaluator_id: evaluator.id, conflict_of_interest: false })
      .execute()
    const criterion = call.criteria[0]
    const score = (value: number, max = criterion.maxScore) =>
      ctx.db
        .insertInto('scores')
        .values({
          application_id: app.id,
          call_id: call.id,
          evaluator_id: evaluator.id,
          criterion_id: criterion.id,
          score: value,
          max_score: max,
        })
        .execute()
    await expect(score(10.01)).rejects.toMatchObject({ code: '23514' })
    await expect(score(11, 20)).rejects.toMatchObject({ code: '23503' }) // a made-up maximum matches no criterion
    await score(10)
    // an evaluator who declares a conflict cannot keep a score
    await expect(
      ctx.db.updateTable('evaluations').set({ conflict_of_interest: true }).where('application_id', '=', app.id).execute(),
    ).rejects.toMatchObject({ code: '23514' })
  })
})
