import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { planEquipment } from '../../backend/features/equipment/allocation.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

describe('trainings', () => {
  it('are recorded by staff with who, which type, when and by whom', async () => {
    const adminUser = await ctx.make.admin()
    const admin = await ctx.as(adminUser)
    const team = await ctx.make.team()
    const type = await ctx.make.equipmentType({ requires_training: true })
    const res = await admin.post(`/teams/${team.id}/trainings`, { typeId: type.id, personName: 'Giulia Neri', trainedOn: '2027-02-10' })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      teamId: team.id,
      typeId: type.id,
      personName: 'Giulia Neri',
      trainedOn: '2027-02-10',
      recordedBy: adminUser.id,
    })
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', team.id).execute()
    expect(audit.map((a) => a.action)).toContain('training.recorded')
  })

  it('are read by staff and the team’s members, not by other members', async () => {
    const team = await ctx.make.team()
    const type = await ctx.make.equipmentType()
    await ctx.db
      .insertInto('trainings')
      .values({ team_id: team.id, type_id: type.id, person_name: 'Pino', trained_on: '2027-01-01' })
      .execute()
    const { user: member } = await ctx.make.member(team.id)
    const { user: stranger } = await ctx.make.member()
    const { user: staff } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    expect((await (await ctx.as(member)).get(`/teams/${team.id}/trainings`)).body).toHaveLength(1)
    expect((await (await ctx.as(staff)).get(`/teams/${team.id}/trainings`)).status).toBe(200)
    expect((await (await ctx.as(stranger)).get(`/teams/${team.id}/trainings`)).status).toBe(404)
    expect((await ctx.anonymous.get(`/teams/${team.id}/trainings`)).status).toBe(401)
  })

  it('are refused to operators without a concession in force, and validated', async () => {
    const team = await ctx.make.team()
    const type = await ctx.make.equipmentType()
    const operator = await ctx.make.operator()
    const idle = await ctx.as(await ctx.make.user({ role: 'operator', operatorId: operator.id }))
    expect((await idle.post(`/teams/${team.id}/trainings`, { typeId: type.id, personName: 'X', trainedOn: '2027-01-01' })).status).toBe(403)
    const admin = await ctx.as(await ctx.make.admin())
    const bad = await admin.post(`/teams/${team.id}/trainings`, { typeId: type.id, personName: '', trainedOn: '2027-02-30' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['personName', 'trainedOn'])
    const unknownType = await admin.post(`/teams/${team.id}/trainings`, {
      typeId: '7b1d7f7e-0000-4000-8000-000000000000',
      personName: 'X',
      trainedOn: '2027-01-01',
    })
    expect(unknownType.body.errors).toEqual([{ path: 'typeId', message: expect.any(String) }])
    const unknownTeam = await admin.post('/teams/7b1d7f7e-0000-4000-8000-000000000000/trainings', {
      typeId: type.id,
      personName: 'X',
      trainedOn: '2027-01-01',
    })
    expect(unknownTeam.status).toBe(404)
  })

  it('open a gated type from the day of the first training', async () => {
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType({ requires_training: true })
    await ctx.make.asset({ type_id: type.id, lab_id: lab.id })
    const team = await ctx.make.team()
    await ctx.db
      .insertInto('trainings')
      .values({ team_id: team.id, type_id: type.id, person_name: 'Pino', trained_on: '2027-10-12' })
      .execute()
    const plans = await ctx.db.transaction().execute((trx) =>
      planEquipment(trx, {
        labId: lab.id,
        teamId: team.id,
        requests: [{ typeId: type.id, quantity: 1 }],
        // 00:30 in Milan on the 12th is still the 11th in UTC: the hub's date counts.
        occurrences: [
          { start: new Date('2027-10-05T10:00:00+02:00'), end: new Date('2027-10-05T12:00:00+02:00') },
          { start: new Date('2027-10-12T00:30:00+02:00'), end: new Date('2027-10-12T01:30:00+02:00') },
        ],
      }),
    )
    expect(plans.map((p) => p.conflicts.map((c) => c.reason))).toEqual([['training_required'], []])
    expect(plans[0].allocations).toEqual([])
    expect(plans[1].allocations).toHaveLength(1)
  })
})
