import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

async function admin() {
  return ctx.as(await ctx.make.admin())
}

/** A hub with a lab and its operator's staff. */
async function operatedLab() {
  const hub = await ctx.make.hub()
  const lab = await ctx.make.lab({ hub_id: hub.id })
  const { user } = await ctx.make.operatorStaff(hub.id)
  return { hub, lab, staff: await ctx.as(user) }
}

const tag = () => `CUC-${Math.random().toString(36).slice(2, 10).toUpperCase()}`

describe('equipment types', () => {
  it('are created by staff, listed publicly, edited by the Comune', async () => {
    const { staff } = await operatedLab()
    const name = `Forno a convezione ${tag()}`
    const created = await staff.post('/equipment-types', { name, category: 'cucina', requiresTraining: true })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ id: expect.any(String), name, category: 'cucina', requiresTraining: true })
    const list = await ctx.anonymous.get('/equipment-types')
    expect(list.status).toBe(200)
    expect(list.body.map((t: { id: string }) => t.id)).toContain(created.body.id)
    expect((await staff.patch(`/equipment-types/${created.body.id}`, { requiresTraining: false })).status).toBe(403)
    const edited = await (await admin()).patch(`/equipment-types/${created.body.id}`, { requiresTraining: false })
    expect(edited.body.requiresTraining).toBe(false)
    expect((await staff.post('/equipment-types', { name: name.toUpperCase(), category: 'cucina' })).status).toBe(409)
  })

  it('are not created by members', async () => {
    const { user } = await ctx.make.member()
    const res = await (await ctx.as(user)).post('/equipment-types', { name: 'Macchina da cucire', category: 'sartoria' })
    expect(res.status).toBe(403)
  })

  it('list, for a lab, only the types it has and how many', async () => {
    const lab = await ctx.make.lab()
    const [oven, mixer] = [await ctx.make.equipmentType(), await ctx.make.equipmentType()]
    await ctx.make.equipmentType()
    await ctx.make.asset({ type_id: oven.id, lab_id: lab.id })
    await ctx.make.asset({ type_id: oven.id, lab_id: lab.id })
    await ctx.make.asset({ type_id: oven.id, lab_id: lab.id, status: 'retired' })
    await ctx.make.asset({ type_id: mixer.id, lab_id: lab.id })
    const res = await ctx.anonymous.get(`/equipment-types?labId=${lab.id}`)
    expect(res.body.map((t: { id: string; quantity: number }) => [t.id, t.quantity]).sort()).toEqual(
      [
        [oven.id, 2],
        [mixer.id, 1],
      ].sort(),
    )
  })
})

describe('assets', () => {
  it('are created, read and edited by the Comune, with every change audited', async () => {
    const client = await admin()
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    const assetTag = tag()
    const created = await client.post('/equipment', {
      typeId: type.id,
      labId: lab.id,
      assetTag,
      serialNumber: 'SN-42',
      purchaseDate: '2026-03-01',
      purchaseValueCents: 125_000,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      id: expect.any(String),
      typeId: type.id,
      labId: lab.id,
      hubId: lab.hub_id,
      assetTag,
      serialNumber: 'SN-42',
      status: 'active',
      condition: 'good',
      notes: null,
      purchaseDate: '2026-03-01',
      purchaseValueCents: 125_000,
      currentLoan: null,
    })
    const id = created.body.id
    const patched = await client.patch(`/equipment/${id}`, { condition: 'worn', notes: 'Guarnizione da cambiare' })
    expect(patched.status).toBe(200)
    expect(patched.body).toMatchObject({ condition: 'worn', notes: 'Guarnizione da cambiare' })
    expect((await client.get(`/equipment/${id}`)).body).toMatchObject({ condition: 'worn' })
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['asset.created', 'asset.updated'])
  })

  it('keep asset tags unique', async () => {
    const client = await admin()
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    const existing = await ctx.make.asset({ type_id: type.id, lab_id: lab.id })
    const dup = await client.post('/equipment', { typeId: type.id, labId: lab.id, assetTag: existing.asset_tag })
    expect(dup.status).toBe(409)
    expect(dup.headers.get('content-type')).toContain('application/problem+json')
  })

  it('validate their fields', async () => {
    const client = await admin()
    const lab = await ctx.make.lab()
    const res = await client.post('/equipment', { typeId: 'x', labId: lab.id, assetTag: '', status: 'rotto', purchaseValueCents: -1 })
    expect(res.status).toBe(400)
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['assetTag', 'purchaseValueCents', 'status', 'typeId'])
    const unknownLab = await client.post('/equipment', {
      typeId: (await ctx.make.equipmentType()).id,
      labId: '7b1d7f7e-0000-4000-8000-000000000000',
      assetTag: tag(),
    })
    expect(unknownLab.status).toBe(400)
    expect(unknownLab.body.errors).toEqual([{ path: 'labId', message: expect.any(String) }])
  })

  it('are managed by an operator only within its hubs', async () => {
    const mine = await operatedLab()
    const other = await operatedLab()
    const type = await ctx.make.equipmentType()
    const own = await mine.staff.post('/equipment', { typeId: type.id, labId: mine.lab.id, assetTag: tag() })
    expect(own.status).toBe(201)
    const theirs = await ctx.make.asset({ type_id: type.id, lab_id: other.lab.id })

    expect((await mine.staff.post('/equipment', { typeId: type.id, labId: other.lab.id, assetTag: tag() })).status).toBe(403)
    expect((await mine.staff.get(`/equipment/${theirs.id}`)).status).toBe(404)
    expect((await mine.staff.patch(`/equipment/${theirs.id}`, { notes: 'mio' })).status).toBe(404)
    expect(
      (await mine.staff.post(`/equipment/${theirs.id}/maintenance`, { start: '2027-10-01T09:00', end: '2027-10-01T12:00', reason: 'x' }))
        .status,
    ).toBe(404)
    expect((await mine.staff.post(`/equipment/${theirs.id}/checkout`, { holder: 'Io' })).status).toBe(404)
    // Moving its own asset into another hub's lab is not allowed either.
    expect((await mine.staff.patch(`/equipment/${own.body.id}`, { labId: other.lab.id })).status).toBe(403)

    const list = await mine.staff.get('/equipment')
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([own.body.id])
    expect((await mine.staff.get(`/equipment?labId=${other.lab.id}`)).body).toEqual([])

    // An operator whose concession is no longer in force manages nothing.
    await ctx.db.updateTable('concessions').set({ status: 'terminated' }).where('hub_id', '=', mine.hub.id).execute()
    expect((await mine.staff.get(`/equipment/${own.body.id}`)).status).toBe(404)
  })

  it('are not visible to members', async () => {
    const { user } = await ctx.make.member()
    const member = await ctx.as(user)
    expect((await member.get('/equipment')).status).toBe(403)
    expect((await ctx.anonymous.get('/equipment')).status).toBe(401)
  })

  it('are listed with filters and pages', async () => {
    const client = await admin()
    const hub = await ctx.make.hub()
    const [labA, labB] = [await ctx.make.lab({ hub_id: hub.id }), await ctx.make.lab({ hub_id: hub.id })]
    const [oven, mixer] = [await ctx.make.equipmentType(), await ctx.make.equipmentType()]
    const a1 = await ctx.make.asset({ type_id: oven.id, lab_id: labA.id, asset_tag: `A1-${tag()}` })
    const a2 = await ctx.make.asset({ type_id: mixer.id, lab_id: labA.id, asset_tag: `A2-${tag()}`, status: 'maintenance' })
    const b1 = await ctx.make.asset({ type_id: oven.id, lab_id: labB.id, asset_tag: `B1-${tag()}` })
    const ids = async (query: string) => (await client.get(`/equipment?${query}`)).body.map((a: { id: string }) => a.id)
    expect(await ids(`hubId=${hub.id}`)).toEqual([a1.id, a2.id, b1.id])
    expect(await ids(`labId=${labA.id}`)).toEqual([a1.id, a2.id])
    expect(await ids(`hubId=${hub.id}&typeId=${oven.id}`)).toEqual([a1.id, b1.id])
    expect(await ids(`hubId=${hub.id}&status=maintenance`)).toEqual([a2.id])
    const page = await client.get(`/equipment?hubId=${hub.id}&limit=2`)
    expect(page.body).toHaveLength(2)
    expect(page.headers.get('x-total-count')).toBe('3')
    expect(page.headers.get('link')).toContain('offset=2')
    expect((await client.get('/equipment?status=broken')).status).toBe(400)
  })
})

describe('the inventory as CSV', () => {
  it('exports with a header, ; as separator, UTF-8', async () => {
    const client = await admin()
    const lab = await ctx.make.lab({ name: 'Cucina è bella; davvero' })
    const type = await ctx.make.equipmentType({ name: `Forno ${tag()}` })
    const asset = await ctx.make.asset({ type_id: type.id, lab_id: lab.id, purchase_value_cents: 99_900, purchase_date: '2026-01-15' })
    const res = await client.get(`/equipment?format=csv&labId=${lab.id}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    const [header, row, ...rest] = res.text.trim().split('\r\n')
    expect(header).toBe(
      'id;assetTag;typeId;typeName;labId;labName;hubId;serialNumber;status;condition;purchaseDate;purchaseValueCents;notes',
    )
    expect(rest).toEqual([])
    expect(row).toBe(
      `${asset.id};${asset.asset_tag};${type.id};${type.name};${lab.id};"Cucina è bella; davvero";${lab.hub_id};;active;good;2026-01-15;99900;`,
    )
  })

  it('imports a file all at once, creating new tags and updating known ones', async () => {
    const client = await admin()
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType({ name: `Macchina da cucire ${tag()}` })
    const known = await ctx.make.asset({ type_id: type.id, lab_id: lab.id })
    const [t1, t2] = [tag(), tag()]
    const csv = `assetTag;typeName;labId;serialNumber;condition;purchaseValueCents\n${t1};${type.name};${lab.id};S1;new;5000\n${t2};${type.name};${lab.id};;;\n${known.asset_tag};${type.name};${lab.id};;worn;\n`
    const res = await client.post('/equipment/import', undefined, { raw: csv, headers: { 'Content-Type': 'text/csv; charset=utf-8' } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ created: 2, updated: 1 })
    const assets = await client.get(`/equipment?labId=${lab.id}`)
    expect(assets.body.map((a: { assetTag: string }) => a.assetTag).sort()).toEqual([known.asset_tag, t1, t2].sort())
    expect(assets.body.find((a: { assetTag: string }) => a.assetTag === t1)).toMatchObject({
      serialNumber: 'S1',
      condition: 'new',
      purchaseValueCents: 5000,
    })
    expect(assets.body.find((a: { assetTag: string }) => a.assetTag === known.asset_tag)).toMatchObject({ condition: 'worn' })
    const audit = await ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['asset.imported', 'asset.import_updated'])
      .execute()
    expect(audit.length).toBeGreaterThanOrEqual(3)
  })

  it('accepts the CSV inside JSON and round-trips its own export', async () => {
    const client = await admin()
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    await ctx.make.asset({ type_id: type.id, lab_id: lab.id, notes: 'prima' })
    const exported = (await client.get(`/equipment?format=csv&labId=${lab.id}`)).text.replace(';prima', ';dopo')
    const res = await client.post('/equipment/import', { csv: exported })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ created: 0, updated: 1 })
    expect((await client.get(`/equipment?labId=${lab.id}`)).body[0].notes).toBe('dopo')
  })

  it('refuses a file with bad rows, reporting each, and imports none of it', async () => {
    const client = await admin()
    const lab = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    const good = tag()
    const csv = [
      'assetTag;typeId;labId;status',
      `${good};${type.id};${lab.id};active`,
      `${tag()};${type.id};${lab.id};rotto`,
      `${tag()};7b1d7f7e-0000-4000-8000-000000000000;${lab.id};active`,
    ].join('\n')
    const res = await client.post('/equipment/import', undefined, { raw: csv, headers: { 'Content-Type': 'text/csv' } })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'status', path: '3.status' })])
    // Once the format is right, the database checks come: the unknown type of line 4.
    const fixed = csv.replace(';rotto', ';retired')
    const second = await client.post('/equipment/import', undefined, { raw: fixed, headers: { 'Content-Type': 'text/csv' } })
    expect(second.status).toBe(400)
    expect(second.body.errors).toEqual([expect.objectContaining({ row: 4, column: 'typeId' })])
    expect((await client.get(`/equipment?labId=${lab.id}`)).body).toEqual([])
  })

  it('refuses rows for labs of hubs the operator does not manage', async () => {
    const mine = await operatedLab()
    const other = await ctx.make.lab()
    const type = await ctx.make.equipmentType()
    const csv = `assetTag;typeId;labId\n${tag()};${type.id};${mine.lab.id}\n${tag()};${type.id};${other.id}\n`
    const res = await mine.staff.post('/equipment/import', undefined, { raw: csv, headers: { 'Content-Type': 'text/csv' } })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([expect.objectContaining({ row: 3, column: 'labId' })])
    expect((await mine.staff.get(`/equipment?labId=${mine.lab.id}`)).body).toEqual([])
  })

  it('refuses other media types', async () => {
    const res = await (await admin()).post('/equipment/import', undefined, { raw: 'x', headers: { 'Content-Type': 'application/xml' } })
    expect(res.status).toBe(415)
  })
})

describe('loans', () => {
  it('lends an asset once, shows the current loan, and takes it back', async () => {
    const { lab, staff } = await operatedLab()
    const asset = await ctx.make.asset({ type_id: (await ctx.make.equipmentType()).id, lab_id: lab.id })
    const out = await staff.post(`/equipment/${asset.id}/checkout`, { holder: 'Maria Rossi' })
    expect(out.status).toBe(201)
    expect(out.body).toMatchObject({ assetId: asset.id, holder: 'Maria Rossi', bookingId: null, checkedInAt: null })
    expect(out.body.checkedOutAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/)
    const again = await staff.post(`/equipment/${asset.id}/checkout`, { holder: 'Luca Bianchi' })
    expect(again.status).toBe(409)
    expect(again.body.detail).toContain('Maria Rossi')
    expect((await staff.get(`/equipment/${asset.id}`)).body.currentLoan).toMatchObject({ id: out.body.id, holder: 'Maria Rossi' })

    const back = await staff.post(`/equipment/${asset.id}/checkin`, { condition: 'fair', notes: 'Un graffio' })
    expect(back.status).toBe(200)
    expect(back.body.loan).toMatchObject({ condition: 'fair', notes: 'Un graffio', checkedInAt: expect.any(String) })
    expect(back.body.asset).toMatchObject({ condition: 'fair', status: 'active', currentLoan: null })
    expect((await staff.post(`/equipment/${asset.id}/checkin`, { condition: 'good' })).status).toBe(409)
    expect((await staff.get(`/equipment/${asset.id}/loans`)).body).toHaveLength(1)
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_id', '=', asset.id).orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['asset.checked_out', 'asset.checked_in'])
  })

  it('puts an asset returned damaged out of service until staff put it back', async () => {
    const { lab, staff } = await operatedLab()
    const asset = await ctx.make.asset({ type_id: (await ctx.make.equipmentType()).id, lab_id: lab.id })
    await staff.post(`/equipment/${asset.id}/checkout`, { holder: 'Gruppo Orti' })
    const back = await staff.post(`/equipment/${asset.id}/checkin`, { condition: 'damaged' })
    expect(back.body.asset).toMatchObject({ status: 'maintenance', condition: 'damaged' })
    expect((await staff.post(`/equipment/${asset.id}/checkout`, { holder: 'Altri' })).status).toBe(409)
    const fixed = await staff.patch(`/equipment/${asset.id}`, { status: 'active', condition: 'good' })
    expect(fixed.body).toMatchObject({ status: 'active', condition: 'good' })
    expect((await staff.post(`/equipment/${asset.id}/checkout`, { holder: 'Altri' })).status).toBe(201)
  })

  it('ties a loan to a booking of the asset’s lab only', async () => {
    const { lab, staff } = await operatedLab()
    const asset = await ctx.make.asset({ type_id: (await ctx.make.equipmentType()).id, lab_id: lab.id })
    const res = await staff.post(`/equipment/${asset.id}/checkout`, { holder: 'X', bookingId: '7b1d7f7e-0000-4000-8000-000000000000' })
    expect(res.status).toBe(400)
    expect(res.body.errors).toEqual([{ path: 'bookingId', message: expect.any(String) }])
  })

  it('lends an asset once when two loans race', async () => {
    const { lab, staff } = await operatedLab()
    const asset = await ctx.make.asset({ type_id: (await ctx.make.equipmentType()).id, lab_id: lab.id })
    const results = await Promise.all(['A', 'B', 'C'].map((holder) => staff.post(`/equipment/${asset.id}/checkout`, { holder })))
    expect(results.map((r) => r.status).sort()).toEqual([201, 409, 409])
  })
})
