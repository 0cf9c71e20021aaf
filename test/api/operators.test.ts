import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const taxCode = () => `${Math.floor(Math.random() * 1e11)}`.padStart(11, '0')

describe('operators', () => {
  it('lets the Comune register an operator and audits it', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const code = taxCode()
    const res = await admin.post('/operators', {
      name: 'Cooperativa Sociale Il Giambellino',
      legalForm: 'cooperativa sociale',
      taxCode: code,
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      id: expect.any(String),
      name: 'Cooperativa Sociale Il Giambellino',
      legalForm: 'cooperativa sociale',
      taxCode: code,
    })
    const audit = await ctx.db.selectFrom('audit_log').selectAll().where('entity_id', '=', res.body.id).execute()
    expect(audit.map((a) => a.action)).toEqual(['operator.created'])

    const got = await admin.get(`/operators/${res.body.id}`)
    expect(got.status).toBe(200)
    expect(got.body.taxCode).toBe(code)
  })

  it('refuses a second operator with the same tax code with 409', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const code = taxCode()
    expect((await admin.post('/operators', { name: 'Uno', legalForm: 'associazione', taxCode: code })).status).toBe(201)
    const dup = await admin.post('/operators', { name: 'Due', legalForm: 'associazione', taxCode: code })
    expect(dup.status).toBe(409)
    expect(dup.headers.get('content-type')).toContain('application/problem+json')
  })

  it('validates every field', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const res = await admin.post('/operators', { name: '', taxCode: '123' })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['legalForm', 'name', 'taxCode'])
  })

  it('updates an operator', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const op = await ctx.make.operator()
    const res = await admin.patch(`/operators/${op.id}`, { name: 'Nuovo nome', email: 'Info@Coop.IT' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ name: 'Nuovo nome', email: 'info@coop.it', taxCode: op.tax_code })
  })

  it('shows operator staff only their own operator, members none, strangers 401', async () => {
    const hub = await ctx.make.hub()
    const { user, operatorId } = await ctx.make.operatorStaff(hub.id)
    const other = await ctx.make.operator()
    const staff = await ctx.as(user)
    const list = await staff.get('/operators')
    expect(list.status).toBe(200)
    expect(list.body.map((o: { id: string }) => o.id)).toEqual([operatorId])
    expect((await staff.get(`/operators/${operatorId}`)).status).toBe(200)
    expect((await staff.get(`/operators/${other.id}`)).status).toBe(404)
    expect((await staff.post('/operators', { name: 'X', legalForm: 'srl', taxCode: taxCode() })).status).toBe(403)
    expect((await staff.patch(`/operators/${operatorId}`, { name: 'Mio' })).status).toBe(403)

    const { user: memberUser } = await ctx.make.member()
    const member = await ctx.as(memberUser)
    expect((await member.get('/operators')).status).toBe(403)
    expect((await member.get(`/operators/${operatorId}`)).status).toBe(403)
    expect((await ctx.anonymous.get('/operators')).status).toBe(401)
  })

  it('pages the list for the Comune', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    await ctx.make.operator()
    await ctx.make.operator()
    const res = await admin.get('/operators?limit=1')
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(1)
    expect(Number(res.headers.get('x-total-count'))).toBeGreaterThanOrEqual(2)
    expect(res.headers.get('link')).toContain('rel="next"')
  })
})
