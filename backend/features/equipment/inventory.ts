import { type Kysely, sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { assertCanManageLab, inventoryHubs, scopeIncludes, visibleAsset } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { formatInstant } from '../../time.ts'
import { type AssetCsvRecord, parseAssetCsv, type RowError } from './asset-csv.ts'
import { openWindowsOf } from './maintenance.ts'
import { m } from './messages.ts'
import { applyReallocation, lockAsset, planReallocationAway, type Reallocation } from './reallocation.ts'

import type { AssetBody, AssetPatch, AssetsQuery } from './schemas.ts'

// ── Assets ─────────────────────────────────────────────────────────────────────────────────────

function selectAssets(db: Kysely<Database>) {
  return db
    .selectFrom('equipment_assets as a')
    .innerJoin('equipment_types as t', 't.id', 'a.type_id')
    .innerJoin('labs as l', 'l.id', 'a.lab_id')
    .innerJoin('hubs as h', 'h.id', 'l.hub_id')
    .leftJoin('equipment_checkouts as c', (join) => join.onRef('c.asset_id', '=', 'a.id').on('c.checked_in_at', 'is', null))
    .selectAll('a')
    .select([
      'l.hub_id',
      'h.timezone',
      't.name as type_name',
      'l.name as lab_name',
      'c.id as loan_id',
      'c.booking_id as loan_booking_id',
      'c.holder as loan_holder',
      'c.checked_out_at as loan_out_at',
      'c.checked_out_by as loan_out_by',
    ])
}

type AssetRow = Awaited<ReturnType<ReturnType<typeof selectAssets>['executeTakeFirstOrThrow']>>

export function toAsset(row: AssetRow) {
  return {
    id: row.id,
    typeId: row.type_id,
    typeName: row.type_name,
    labId: row.lab_id,
    hubId: row.hub_id,
    assetTag: row.asset_tag,
    serialNumber: row.serial_number,
    status: row.status,
    condition: row.condition,
    notes: row.notes,
    purchaseDate: row.purchase_date,
    purchaseValueCents: row.purchase_value_cents,
    currentLoan: row.loan_id
      ? {
          id: row.loan_id,
          bookingId: row.loan_booking_id,
          holder: row.loan_holder,
          // A left-joined timestamptz is a Date at run time; Kysely keeps its column wrapper type.
          checkedOutAt: formatInstant(row.loan_out_at as unknown as Date, row.timezone),
          checkedOutBy: row.loan_out_by,
        }
      : null,
  }
}

/** The asset with its maintenance windows not yet over (`maintenance`: in progress or coming). */
async function withWindows(db: Kysely<Database>, rows: AssetRow[]) {
  const windows = await openWindowsOf(db, rows)
  return rows.map((r) => ({ ...toAsset(r), maintenance: windows.get(r.id) ?? [] }))
}

export async function assetView(db: Kysely<Database>, id: string) {
  const [view] = await withWindows(db, [await selectAssets(db).where('a.id', '=', id).executeTakeFirstOrThrow()])
  return view
}

function filteredAssets(db: Kysely<Database>, hubs: 'all' | string[], q: z.output<typeof AssetsQuery>) {
  let query = selectAssets(db)
  if (hubs !== 'all') query = hubs.length ? query.where('l.hub_id', 'in', hubs) : query.where(sql<boolean>`false`)
  if (q.labId) query = query.where('a.lab_id', '=', q.labId)
  if (q.hubId) query = query.where('l.hub_id', '=', q.hubId)
  if (q.typeId) query = query.where('a.type_id', '=', q.typeId)
  if (q.status) query = query.where('a.status', '=', q.status)
  if (q.q) query = query.where((eb) => eb.or([eb('a.asset_tag', 'ilike', `%${q.q}%`), eb('a.serial_number', 'ilike', `%${q.q}%`)]))
  return query
}

export async function listAssets(
  db: Kysely<Database>,
  user: SessionUser,
  q: z.output<typeof AssetsQuery> & { limit: number; offset: number },
) {
  const hubs = await inventoryHubs(db, user)
  const base = filteredAssets(db, hubs, q)
  const { total } = await db
    .selectFrom(base.as('f'))
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await base.orderBy('a.asset_tag').limit(q.limit).offset(q.offset).execute()
  return { items: await withWindows(db, rows), total: Number(total) }
}

/** Every asset the user may see, as export records (no paging: an export is the whole inventory). */
export async function exportAssets(db: Kysely<Database>, user: SessionUser, q: z.output<typeof AssetsQuery>): Promise<AssetCsvRecord[]> {
  const hubs = await inventoryHubs(db, user)
  const rows = await filteredAssets(db, hubs, q).orderBy('a.asset_tag').execute()
  return rows.map((r) => ({
    id: r.id,
    assetTag: r.asset_tag,
    typeId: r.type_id,
    typeName: r.type_name,
    labId: r.lab_id,
    labName: r.lab_name,
    hubId: r.hub_id,
    serialNumber: r.serial_number,
    status: r.status,
    condition: r.condition,
    purchaseDate: r.purchase_date,
    purchaseValueCents: r.purchase_value_cents,
    notes: r.notes,
  }))
}

export async function getAsset(db: Kysely<Database>, user: SessionUser, id: string) {
  await visibleAsset(db, user, id)
  return assetView(db, id)
}

async function assertTypeExists(db: Kysely<Database>, typeId: string) {
  if (!(await db.selectFrom('equipment_types').select('id').where('id', '=', typeId).executeTakeFirst())) {
    throw problems.validation([{ path: 'typeId', message: field.unknownEquipmentType() }])
  }
}

async function assertAssetTagFree(db: Kysely<Database>, tag: string, exceptId?: string) {
  let query = db.selectFrom('equipment_assets').select('id').where('asset_tag', '=', tag)
  if (exceptId) query = query.where('id', '<>', exceptId)
  if (await query.executeTakeFirst()) throw problems.conflict(m.tagTaken({ tag }))
}

export async function createAsset(db: Kysely<Database>, user: SessionUser, body: z.output<typeof AssetBody>) {
  await assertCanManageLab(db, user, body.labId)
  const id = await db.transaction().execute(async (trx) => {
    await assertTypeExists(trx, body.typeId)
    await assertAssetTagFree(trx, body.assetTag)
    const row = await trx
      .insertInto('equipment_assets')
      .values({
        type_id: body.typeId,
        lab_id: body.labId,
        asset_tag: body.assetTag,
        serial_number: body.serialNumber ?? null,
        status: body.status,
        condition: body.condition,
        notes: body.notes ?? null,
        purchase_date: body.purchaseDate ?? null,
        purchase_value_cents: body.purchaseValueCents ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: user.id, action: 'asset.created', entity: 'equipment_asset', entityId: row.id, details: body })
    return row.id
  })
  return assetView(db, id)
}

/**
 * Takes the asset out of service from now on: bookings that hold it are given another free asset of
 * the same type where one exists; the others keep it and are listed (staff sort them out).
 */
export async function takeOutOfService(
  trx: Transaction<Database>,
  actorUserId: string,
  asset: { id: string; type_id: string; lab_id: string },
): Promise<Reallocation> {
  const plan = await planReallocationAway(trx, asset, null)
  await applyReallocation(trx, plan)
  if (plan.moved.length) {
    await recordAudit(
      trx,
      plan.moved.map((m) => ({
        actorUserId,
        action: 'allocation.reassigned',
        entity: 'booking',
        entityId: m.bookingId,
        details: { fromAssetId: m.fromAssetId, toAssetId: m.toAssetId },
      })),
    )
  }
  return plan
}

export function reallocationView(plan: Reallocation, zone: string) {
  return {
    reallocated: plan.moved.map((m) => ({ bookingId: m.bookingId, fromAssetId: m.fromAssetId, toAssetId: m.toAssetId })),
    unresolved: plan.stuck.map((s) => ({ bookingId: s.bookingId, start: formatInstant(s.start, zone), end: formatInstant(s.end, zone) })),
  }
}

export async function updateAsset(db: Kysely<Database>, user: SessionUser, id: string, body: z.output<typeof AssetPatch>) {
  const visible = await visibleAsset(db, user, id)
  if (body.labId && body.labId !== visible.lab_id) await assertCanManageLab(db, user, body.labId)
  const plan = await db.transaction().execute(async (trx) => {
    const current = await lockAsset(trx, id)
    if (body.typeId) await assertTypeExists(trx, body.typeId)
    if (body.assetTag) await assertAssetTagFree(trx, body.assetTag, id)
    const moves = (body.labId && body.labId !== current.lab_id) || (body.typeId && body.typeId !== current.type_id)
    const leavesService = body.status !== undefined && body.status !== 'active' && current.status === 'active'
    let plan: Reallocation = { moved: [], stuck: [] }
    if (moves || leavesService) {
      plan = await takeOutOfService(trx, user.id, current)
      if (moves && plan.stuck.length) {
        throw problems.conflict(m.cannotMove(), {
          conflicts: plan.stuck.map((s) => ({
            start: formatInstant(s.start, visible.timezone),
            end: formatInstant(s.end, visible.timezone),
            reason: 'booking',
            bookingId: s.bookingId,
          })),
        })
      }
    }
    await trx
      .updateTable('equipment_assets')
      .set({
        ...(body.typeId !== undefined && { type_id: body.typeId }),
        ...(body.labId !== undefined && { lab_id: body.labId }),
        ...(body.assetTag !== undefined && { asset_tag: body.assetTag }),
        ...(body.serialNumber !== undefined && { serial_number: body.serialNumber }),
        ...(body.status !== undefined && { status: body.status }),
        ...(body.condition !== undefined && { condition: body.condition }),
        ...(body.notes !== undefined && { notes: body.notes }),
        ...(body.purchaseDate !== undefined && { purchase_date: body.purchaseDate }),
        ...(body.purchaseValueCents !== undefined && { purchase_value_cents: body.purchaseValueCents }),
      })
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: body.status && body.status !== current.status ? `asset.${body.status}` : 'asset.updated',
      entity: 'equipment_asset',
      entityId: id,
      details: { ...body, previousStatus: current.status },
    })
    return plan
  })
  return { ...(await assetView(db, id)), ...reallocationView(plan, visible.timezone) }
}

// ── CSV import ─────────────────────────────────────────────────────────────────────────────────

function importFailed(errors: RowError[]) {
  return problems.validation(
    errors.map((e) => ({ path: `${e.row}${e.column ? `.${e.column}` : ''}`, row: e.row, column: e.column, message: e.message })),
    m.importFailed({ rows: new Set(errors.map((e) => e.row)).size }),
  )
}

/**
 * Imports an inventory CSV all or nothing: rows with a new asset tag create an asset, rows with a
 * known one update it. Every row is checked (format, type, lab, the user's right on the lab) before
 * anything is written; any bad row refuses the whole file with the list of errors.
 */
export async function importAssets(db: Kysely<Database>, user: SessionUser, csv: string) {
  const hubs = await inventoryHubs(db, user)
  const { rows, errors } = parseAssetCsv(csv)
  if (errors.length) throw importFailed(errors)

  return db.transaction().execute(async (trx) => {
    const labIds = [...new Set(rows.map((r) => r.value.labId))]
    const labs = await trx.selectFrom('labs').select(['id', 'hub_id']).where('id', 'in', labIds).execute()
    const typeIds = [...new Set(rows.flatMap((r) => (r.value.typeId ? [r.value.typeId] : [])))]
    const typeNames = [...new Set(rows.flatMap((r) => (!r.value.typeId && r.value.typeName ? [r.value.typeName.toLowerCase()] : [])))]
    const types = await trx
      .selectFrom('equipment_types')
      .select(['id', 'name'])
      .where((eb) =>
        eb.or([
          ...(typeIds.length ? [eb('id', 'in', typeIds)] : []),
          ...(typeNames.length ? [eb(sql<string>`lower(name)`, 'in', typeNames)] : []),
          eb.val(false),
        ]),
      )
      .execute()
    const existing = await trx
      .selectFrom('equipment_assets as a')
      .innerJoin('labs as l', 'l.id', 'a.lab_id')
      .select(['a.id', 'a.asset_tag', 'l.hub_id'])
      .where(
        'a.asset_tag',
        'in',
        rows.map((r) => r.value.assetTag),
      )
      .forUpdate()
      .execute()

    const manages = (hubId: string) => scopeIncludes(hubs, hubId)
    const problemsFound: RowError[] = []
    const resolved = rows.map(({ row, value }) => {
      const lab = labs.find((l) => l.id === value.labId)
      const type = value.typeId
        ? types.find((t) => t.id === value.typeId)
        : types.find((t) => t.name.toLowerCase() === value.typeName!.toLowerCase())
      const current = existing.find((e) => e.asset_tag === value.assetTag)
      if (!lab) problemsFound.push({ row, column: 'labId', message: m.unknownLabInCsv() })
      else if (!manages(lab.hub_id)) problemsFound.push({ row, column: 'labId', message: m.notYourHubLab() })
      if (!type) problemsFound.push({ row, column: value.typeId ? 'typeId' : 'typeName', message: field.unknownEquipmentType() })
      if (current && !manages(current.hub_id)) {
        problemsFound.push({ row, column: 'assetTag', message: m.tagOfOtherHub() })
      }
      return { row, value, typeId: type?.id ?? '', currentId: current?.id }
    })
    if (problemsFound.length) throw importFailed(problemsFound.sort((a, b) => a.row - b.row))

    const fields = (v: (typeof rows)[number]['value'], typeId: string) => ({
      type_id: typeId,
      lab_id: v.labId,
      ...(v.serialNumber !== undefined && { serial_number: v.serialNumber }),
      ...(v.status !== undefined && { status: v.status }),
      ...(v.condition !== undefined && { condition: v.condition }),
      ...(v.notes !== undefined && { notes: v.notes }),
      ...(v.purchaseDate !== undefined && { purchase_date: v.purchaseDate }),
      ...(v.purchaseValueCents !== undefined && { purchase_value_cents: v.purchaseValueCents }),
    })
    const toCreate = resolved.filter((r) => !r.currentId)
    const created = toCreate.length
      ? await trx
          .insertInto('equipment_assets')
          .values(
            toCreate.map((r) => ({
              asset_tag: r.value.assetTag,
              serial_number: null,
              notes: null,
              purchase_date: null,
              purchase_value_cents: null,
              ...fields(r.value, r.typeId),
            })),
          )
          .returning(['id', 'asset_tag'])
          .execute()
      : []
    const updated = resolved.filter((r) => r.currentId)
    for (const r of updated) {
      await trx.updateTable('equipment_assets').set(fields(r.value, r.typeId)).where('id', '=', r.currentId!).execute()
    }
    await recordAudit(trx, [
      ...created.map((c) => ({
        actorUserId: user.id,
        action: 'asset.imported',
        entity: 'equipment_asset',
        entityId: c.id,
        details: { assetTag: c.asset_tag },
      })),
      ...updated.map((u) => ({
        actorUserId: user.id,
        action: 'asset.import_updated',
        entity: 'equipment_asset',
        entityId: u.currentId!,
        details: { ...u.value },
      })),
    ])
    return {
      created: created.length,
      updated: updated.length,
      assetIds: [...created.map((c) => c.id), ...updated.map((u) => u.currentId!)],
    }
  })
}
