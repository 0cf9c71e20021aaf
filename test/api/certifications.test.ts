import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeCertificateReminders } from '../../backend/features/certifications/expiry-reminders.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
let admin: Awaited<ReturnType<TestContext['as']>>
beforeAll(async () => {
  ctx = await createTestContext()
  admin = await ctx.as(await ctx.make.admin())
})
afterAll(() => ctx?.close())

/** A kind enabling a new equipment type, so that each test gates only its own bookings. */
async function laserKind(validityMonths?: number) {
  const type = await ctx.make.equipmentType({ name: `Laser ${Math.random()}` })
  const res = await admin.post('/certification-kinds', {
    name: `Taglio laser ${Math.random()}`,
    enables: { equipmentTypeIds: [type.id] },
    ...(validityMonths && { validityMonths }),
  })
  expect(res.status).toBe(201)
  return { kind: res.body, type }
}

/** A lab with one asset of the type and a member of a new team. */
async function labWithMember(typeId: string, labType: 'digital' | 'kitchen' | 'tailoring' = 'digital') {
  const lab = await ctx.make.lab({ type: labType })
  await ctx.make.asset({ type_id: typeId, lab_id: lab.id })
  const { user, teamId } = await ctx.make.member()
  return { lab, teamId, team: await ctx.as(user) }
}

describe('certification kinds', () => {
  it('are configured by the Comune with what they enable and their validity, and read by anyone signed in', async () => {
    const type = await ctx.make.equipmentType()
    const res = await admin.post('/certification-kinds', {
      name: 'HACCP',
      enables: { labTypes: ['kitchen'], equipmentTypeIds: [type.id] },
      validityMonths: 24,
    })
    expect(res.status).toBe(201)
    expect(res.body).toEqual({
      id: expect.any(String),
      name: 'HACCP',
      enables: { equipmentTypeIds: [type.id], labTypes: ['kitchen'] },
      validityMonths: 24,
    })
    const { user } = await ctx.make.member()
    const list = await (await ctx.as(user)).get('/certification-kinds')
    expect(list.status).toBe(200)
    expect(list.body).toContainEqual(res.body)
    expect((await admin.post('/certification-kinds', { name: 'haccp', enables: {} })).status).toBe(409)
  })

  it('are refused to anyone but the Comune, and validated', async () => {
    const hub = await ctx.make.hub()
    const { user: staff } = await ctx.make.operatorStaff(hub.id)
    expect((await (await ctx.as(staff)).post('/certification-kinds', { name: 'X', enables: {} })).status).toBe(403)
    expect((await ctx.anonymous.get('/certification-kinds')).status).toBe(401)
    const bad = await admin.post('/certification-kinds', { name: '', enables: { labTypes: ['sauna'] }, validityMonths: 0 })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['enables.labTypes.0', 'name', 'validityMonths'])
    const unknownType = await admin.post('/certification-kinds', {
      name: 'Y',
      enables: { equipmentTypeIds: ['7b1d7f7e-0000-4000-8000-000000000000'] },
    })
    expect(unknownType.status).toBe(400)
  })
})

describe('certificates of a team', () => {
  it('are recorded by staff, expire after the kind’s validity unless told, and are listed to the team', async () => {
    const { kind } = await laserKind(12)
    const hub = await ctx.make.hub()
    const { user: staff } = await ctx.make.operatorStaff(hub.id)
    const { user: member, teamId } = await ctx.make.member()
    const operator = await ctx.as(staff)
    const res = await operator.post(`/teams/${teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Giulia Neri',
      obtainedOn: '2027-02-10',
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      teamId,
      kindId: kind.id,
      personName: 'Giulia Neri',
      obtainedOn: '2027-02-10',
      expiresOn: '2028-02-09',
    })
    const never = await operator.post(`/teams/${teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Pino',
      obtainedOn: '2027-01-01',
      expiresOn: null,
    })
    expect(never.body.expiresOn).toBeNull()
    const list = await (await ctx.as(member)).get(`/teams/${teamId}/certifications`)
    expect(list.status).toBe(200)
    expect(list.body.map((c: { personName: string }) => c.personName).sort()).toEqual(['Giulia Neri', 'Pino'])
    const { user: stranger } = await ctx.make.member()
    expect((await (await ctx.as(stranger)).get(`/teams/${teamId}/certifications`)).status).toBe(404)
    expect(
      (
        await (
          await ctx.as(member)
        ).post(`/teams/${teamId}/certifications`, { kindId: kind.id, personName: 'Me', obtainedOn: '2027-01-01' })
      ).status,
    ).toBe(403)
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', teamId).execute()
    expect(audit.map((a) => a.action)).toContain('certification.recorded')
  })

  it('are validated: a known kind, real dates, an expiry not before the date obtained', async () => {
    const { kind } = await laserKind()
    const team = await ctx.make.team()
    const bad = await admin.post(`/teams/${team.id}/certifications`, { kindId: kind.id, personName: '', obtainedOn: '2027-02-30' })
    expect(bad.status).toBe(400)
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['obtainedOn', 'personName'])
    const backwards = await admin.post(`/teams/${team.id}/certifications`, {
      kindId: kind.id,
      personName: 'X',
      obtainedOn: '2027-02-10',
      expiresOn: '2027-01-10',
    })
    expect(backwards.body.errors).toEqual([{ path: 'expiresOn', message: expect.any(String) }])
    const unknownKind = await admin.post(`/teams/${team.id}/certifications`, {
      kindId: '7b1d7f7e-0000-4000-8000-000000000000',
      personName: 'X',
      obtainedOn: '2027-01-01',
    })
    expect(unknownKind.body.errors).toEqual([{ path: 'kindId', message: expect.any(String) }])
    expect(
      (
        await admin.post('/teams/7b1d7f7e-0000-4000-8000-000000000000/certifications', {
          kindId: kind.id,
          personName: 'X',
          obtainedOn: '2027-01-01',
        })
      ).status,
    ).toBe(404)
  })
})

describe('the booking engine and certificates', () => {
  it('refuses equipment that needs a kind the team never held (training_required)', async () => {
    const { type } = await laserKind()
    const { lab, teamId, team } = await labWithMember(type.id)
    const res = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Taglio',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
      equipment: [{ typeId: type.id, quantity: 1 }],
    })
    expect(res.status).toBe(409)
    expect(res.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['training_required'])
    // without the equipment, the lab itself needs nothing
    const plain = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Riunione',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
    })
    expect(plain.status).toBe(201)
  })

  it('a series crossing the expiry books what is valid with skipConflicts and names the rest training_expired, else refuses all', async () => {
    const { kind, type } = await laserKind()
    const { lab, teamId, team } = await labWithMember(type.id)
    await admin.post(`/teams/${teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Anna',
      obtainedOn: '2025-10-01',
      expiresOn: '2027-10-20',
    })
    const series = {
      labId: lab.id,
      teamId,
      title: 'Corso laser',
      start: '2027-10-05T18:00',
      end: '2027-10-05T20:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=6' },
      equipment: [{ typeId: type.id, quantity: 1 }],
    }
    const refused = await team.post('/bookings', series)
    expect(refused.status).toBe(409)
    expect(refused.body.conflicts.map((c: { start: string; reason: string }) => [c.start.slice(0, 10), c.reason])).toEqual([
      ['2027-10-26', 'training_expired'],
      ['2027-11-02', 'training_expired'],
      ['2027-11-09', 'training_expired'],
    ])
    expect(await ctx.db.selectFrom('bookings').select('id').where('lab_id', '=', lab.id).execute()).toEqual([])

    const partial = await team.post('/bookings', { ...series, skipConflicts: true })
    expect(partial.status).toBe(201)
    expect(partial.body.bookings.map((b: { start: string }) => b.start.slice(0, 10))).toEqual(['2027-10-05', '2027-10-12', '2027-10-19'])
    expect(
      partial.body.skipped.map((s: { start: string; conflicts: Array<{ reason: string }> }) => [
        s.start.slice(0, 10),
        s.conflicts[0].reason,
      ]),
    ).toEqual([
      ['2027-10-26', 'training_expired'],
      ['2027-11-02', 'training_expired'],
      ['2027-11-09', 'training_expired'],
    ])

    // a renewed certificate makes the blocked occurrences bookable again
    const renewed = await admin.post(`/teams/${teamId}/certifications`, { kindId: kind.id, personName: 'Anna', obtainedOn: '2027-10-22' })
    expect(renewed.status).toBe(201)
    const rest = await team.post('/bookings', {
      ...series,
      start: '2027-10-26T18:00',
      end: '2027-10-26T20:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3' },
    })
    expect(rest.status).toBe(201)
    expect(rest.body.bookings).toHaveLength(3)
  })

  it('gates a lab type for every booking of the team, and staff’s internal use not at all', async () => {
    const res = await admin.post('/certification-kinds', { name: 'Sartoria sicura', enables: { labTypes: ['tailoring'] } })
    const lab = await ctx.make.lab({ type: 'tailoring' })
    const { user, teamId } = await ctx.make.member()
    const team = await ctx.as(user)
    const slot = { labId: lab.id, title: 'Cucito', start: '2027-11-16T10:00', end: '2027-11-16T12:00' }
    const refused = await team.post('/bookings', { ...slot, teamId })
    expect(refused.body.conflicts[0]).toMatchObject({ reason: 'training_required', detail: expect.stringContaining('Sartoria sicura') })
    expect((await admin.post('/bookings', slot)).status).toBe(201)
    await admin.post(`/teams/${teamId}/certifications`, { kindId: res.body.id, personName: 'Rosa', obtainedOn: '2027-01-01' })
    const dry = await team.post('/bookings?dryRun=true', { ...slot, teamId, start: '2027-11-16T14:00', end: '2027-11-16T16:00' })
    expect(dry.status).toBe(200)
    expect(dry.body.skipped).toEqual([])
  })

  it('a move to a date after the expiry is refused', async () => {
    const { kind, type } = await laserKind()
    const { lab, teamId, team } = await labWithMember(type.id)
    await admin.post(`/teams/${teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Anna',
      obtainedOn: '2026-01-01',
      expiresOn: '2027-10-20',
    })
    const made = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Taglio',
      start: '2027-10-19T10:00',
      end: '2027-10-19T12:00',
      equipment: [{ typeId: type.id, quantity: 1 }],
    })
    expect(made.status).toBe(201)
    const moved = await team.patch(`/bookings/${made.body.bookings[0].id}`, { start: '2027-10-26T10:00', end: '2027-10-26T12:00' })
    expect(moved.status).toBe(409)
    expect(moved.body.conflicts.map((c: { reason: string }) => c.reason)).toEqual(['training_expired'])
  })
})

describe('certificates about to lapse', () => {
  it('are listed to the operator of the hubs where the team books, with the bookings that need them', async () => {
    const { kind, type } = await laserKind()
    const { lab, teamId, team } = await labWithMember(type.id)
    const in20days = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10)
    const cert = await admin.post(`/teams/${teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Ugo',
      obtainedOn: '2025-01-01',
      expiresOn: in20days,
    })
    const start = new Date(Date.now() + 7 * 86_400_000)
    if (start.getUTCDay() === 0) start.setUTCDate(start.getUTCDate() + 1) // hubs are closed on Sundays
    start.setUTCHours(9, 0, 0, 0)
    const booked = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Taglio',
      start: start.toISOString(),
      end: new Date(start.getTime() + 3_600_000).toISOString(),
      equipment: [{ typeId: type.id, quantity: 1 }],
      skipConflicts: true,
    })
    expect(booked.status).toBe(201)
    const { user: staff } = await ctx.make.operatorStaff(lab.hub_id)
    const mine = await (await ctx.as(staff)).get('/certifications/expiring?withinDays=30')
    expect(mine.status).toBe(200)
    expect(mine.body).toEqual([
      expect.objectContaining({ id: cert.body.id, status: 'expiring', upcomingBookings: booked.body.bookings.length, renewed: false }),
    ])
    const { user: elsewhere } = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    expect((await (await ctx.as(elsewhere)).get('/certifications/expiring')).body).toEqual([])
    expect((await team.get('/certifications/expiring')).status).toBe(403)
  })
})

describe('reminders of certificates that lapse', () => {
  it('reach the team 30 and 7 days before a certificate its future bookings need lapses, once each, and not after a renewal', async () => {
    const { kind, type } = await laserKind()
    const { lab, teamId, team } = await labWithMember(type.id)
    await admin.post(`/teams/${teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Lia',
      obtainedOn: '2026-01-01',
      expiresOn: '2027-12-31',
    })
    const booked = await team.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Taglio',
      start: '2027-12-28T10:00',
      end: '2027-12-28T12:00',
      equipment: [{ typeId: type.id, quantity: 1 }],
    })
    expect(booked.status).toBe(201)
    const { contact_email } = await ctx.db.selectFrom('teams').select('contact_email').where('id', '=', teamId).executeTakeFirstOrThrow()
    const sent = () =>
      ctx.db
        .selectFrom('outbox')
        .select(['subject', 'text'])
        .where('kind', '=', 'certification.expiring')
        .where('recipient', '=', contact_email)
        .orderBy('created_at')
        .execute()

    await writeCertificateReminders(ctx.db, new Date('2027-11-30T09:00:00+01:00'))
    expect(await sent()).toEqual([]) // 31 days before: not yet
    await writeCertificateReminders(ctx.db, new Date('2027-12-01T09:00:00+01:00'))
    await writeCertificateReminders(ctx.db, new Date('2027-12-02T09:00:00+01:00'))
    expect(await sent()).toHaveLength(1)
    expect((await sent())[0].subject).toBe(`Attestato in scadenza il 31 dicembre 2027: ${kind.name}`)
    expect((await sent())[0].text).toContain('tra 30 giorni')
    await writeCertificateReminders(ctx.db, new Date('2027-12-24T09:00:00+01:00'))
    await writeCertificateReminders(ctx.db, new Date('2027-12-25T09:00:00+01:00'))
    expect((await sent()).map((m) => m.text.includes('tra 7 giorni'))).toEqual([false, true])

    // a renewal silences the next notices of a certificate in the same position
    const other = await labWithMember(type.id)
    await admin.post(`/teams/${other.teamId}/certifications`, {
      kindId: kind.id,
      personName: 'Ada',
      obtainedOn: '2026-01-01',
      expiresOn: '2027-12-31',
    })
    await other.team.post('/bookings', {
      labId: other.lab.id,
      teamId: other.teamId,
      title: 'Taglio',
      start: '2027-12-28T10:00',
      end: '2027-12-28T12:00',
      equipment: [{ typeId: type.id, quantity: 1 }],
    })
    await admin.post(`/teams/${other.teamId}/certifications`, { kindId: kind.id, personName: 'Ada', obtainedOn: '2027-11-20' })
    const otherTeam = await ctx.db.selectFrom('teams').select('contact_email').where('id', '=', other.teamId).executeTakeFirstOrThrow()
    await writeCertificateReminders(ctx.db, new Date('2027-12-25T09:00:00+01:00'))
    expect(
      await ctx.db
        .selectFrom('outbox')
        .select('id')
        .where('kind', '=', 'certification.expiring')
        .where('recipient', '=', otherTeam.contact_email)
        .execute(),
    ).toEqual([])
  })
})
