import { afterAll, beforeAll, expect, it } from 'vitest'
import { callBody, PDF, upload } from '../helpers/calls.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** The per-call summary counts submitted applications as «Domande»; drafts are counted apart. */
it('counts submitted applications, and drafts apart, overall and per area', async () => {
  const [north, south] = [await ctx.make.area({ is_target: true }), await ctx.make.area({ is_target: true })]
  const admin = await ctx.as(await ctx.make.admin())
  const call = (await admin.post('/calls', callBody({ areaIds: [north.id, south.id], requiredDocuments: ['project'] }))).body
  expect((await admin.patch(`/calls/${call.id}`, { status: 'open' })).status).toBe(200)

  const apply = async (areaIds: string[], submit: boolean) => {
    const user = await ctx.make.user()
    const client = await ctx.as(user)
    const app = await client.post(`/calls/${call.id}/applications`, {
      title: 'Progetto',
      summary: 'Attività nel quartiere.',
      applicantType: 'association',
      organisationName: 'Associazione Vicini',
      taxCode: '97123450150',
      areaIds,
      requestedFundingCents: 1_000_000,
    })
    expect(app.status).toBe(201)
    if (submit) {
      expect((await upload(ctx, client.cookie, app.body.id, PDF)).status).toBe(201)
      expect((await client.post(`/applications/${app.body.id}/submit`)).status).toBe(200)
    }
  }
  await apply([north.id], true)
  await apply([north.id, south.id], true)
  await apply([north.id], false) // a draft never sent
  await apply([south.id], false)
  await apply([], false)

  const summary = await admin.get(`/calls/${call.id}/summary`)
  expect(summary.status).toBe(200)
  expect(summary.body).toMatchObject({ applications: 2, drafts: 3, byStatus: { submitted: 2 } })
  expect(summary.body.byStatus).not.toHaveProperty('draft')
  const byArea = Object.fromEntries(summary.body.byArea.map((r: { areaId: string }) => [r.areaId, r]))
  expect(byArea[north.id]).toMatchObject({ applications: 2, drafts: 1 })
  expect(byArea[south.id]).toMatchObject({ applications: 1, drafts: 1 })

  // the Comune's alone
  const member = await ctx.as((await ctx.make.member()).user)
  expect([403, 404]).toContain((await member.get(`/calls/${call.id}/summary`)).status)
  expect(ctx.errors).toEqual([])
})
