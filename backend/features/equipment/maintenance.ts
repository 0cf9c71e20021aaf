import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { visibleAsset } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { type FieldError, problems } from '../../http/problem.ts'
import { text } from '../../http/validation.ts'
import { formatInstant, instantString, parseInstant } from '../../time.ts'
import { m } from './messages.ts'
import { applyReallocation, lockAsset, planReallocationAway } from './reallocation.ts'

export const MaintenanceBody = z.object({ start: instantString, end: instantString, reason: text(500) }).strict()
export const MaintenancePatch = z
  .object({
    start: instantString,
    end: instantString,
    reason: text(500),
    endNow: z.literal(true).describe('End a window in progress now (its end becomes the present instant).'),
  })
  .partial()
  .strict()

/** A window as the API shows it. */
export const MaintenanceView = z.object({
  id: z.string(),
  assetId: z.string(),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
  createdBy: z.string().nullable(),
})

interface WindowRow {
  id: string
  asset_id: string
  start: Date
  end: Date
  reason: string
  created_by: string | null
}

function toWindow(row: WindowRow, zone: string) {
  return {
    id: row.id,
    assetId: row.asset_id,
    start: formatInstant(row.start, zone),
    end: formatInstant(row.end, zone),
    reason: row.reason,
    createdBy: row.created_by,
  }
}

function selectWindows(db: Kysely<Database>) {
  return db
    .selectFrom('maintenance_windows')
    .select(['id', 'asset_id', 'reason', 'created_by', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')])
}

export async function listMaintenance(db: Kysely<Database>, user: SessionUser, assetId: string) {
  const asset = await visibleAsset(db, user, assetId)
  const rows = await selectWindows(db).where('asset_id', '=', assetId).orderBy(sql`lower(during)`).execute()
  return rows.map((r) => toWindow(r, asset.timezone))
}

/**
 * Records a maintenance window: the asset cannot be allocated then. Bookings already holding it in the
 * window are given another free asset of the same type; if some cannot be, nothing is recorded and the
 * answer (409) lists the bookings the window would break.
 */
export async function createMaintenance(db: Kysely<Database>, user: SessionUser, assetId: string, body: z.output<typeof MaintenanceBody>) {
  const asset = await visibleAsset(db, user, assetId)
  const start = parseInstant(body.start, asset.timezone)
  const end = parseInstant(body.end, asset.timezone)
  const errors: FieldError[] = []
  if (!start) errors.push({ path: 'start', message: m.nonexistentTime() })
  if (!end) errors.push({ path: 'end', message: m.nonexistentTime() })
  if (start && end && end <= start) errors.push({ path: 'end', message: m.endAfterStart() })
  if (errors.length) throw problems.validation(errors)
  const window = { start: start!.toJSDate(), end: end!.toJSDate() }

  return db.transaction().execute(async (trx) => {
    const locked = await lockAsset(trx, assetId)
    const plan = await planReallocationAway(trx, locked, window)
    if (plan.stuck.length) {
      throw problems.conflict(m.neededByBookings(), {
        conflicts: plan.stuck.map((s) => ({
          start: formatInstant(s.start, asset.timezone),
          end: formatInstant(s.end, asset.timezone),
          reason: 'booking',
          bookingId: s.bookingId,
        })),
      })
    }
    await applyReallocation(trx, plan)
    const row = await trx
      .insertInto('maintenance_windows')
      .values({
        asset_id: assetId,
        during: sql<string>`tstzrange(${window.start.toISOString()}::timestamptz, ${window.end.toISOString()}::timestamptz, '[)')`,
        reason: body.reason,
        created_by: user.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, [
      {
        actorUserId: user.id,
        action: 'maintenance.created',
        entity: 'equipment_asset',
        entityId: assetId,
        details: { windowId: row.id, start: window.start.toISOString(), end: window.end.toISOString(), reason: body.reason },
      },
      ...plan.moved.map((m) => ({
        actorUserId: user.id,
        action: 'allocation.reassigned',
        entity: 'booking',
        entityId: m.bookingId,
        details: { fromAssetId: m.fromAssetId, toAssetId: m.toAssetId, cause: 'maintenance' },
      })),
    ])
    const created = await selectWindows(trx).where('id', '=', row.id).executeTakeFirstOrThrow()
    return {
      ...toWindow(created, asset.timezone),
      reallocated: plan.moved.map((m) => ({ bookingId: m.bookingId, fromAssetId: m.fromAssetId, toAssetId: m.toAssetId })),
    }
  })
}

/**
 * Changes a window: its times (the bookings holding the asset in the new times are given another asset, as
 * when one is recorded; 409 when some cannot be), its reason, or ends one in progress now (`endNow`).
 */
export async function updateMaintenance(
  db: Kysely<Database>,
  user: SessionUser,
  assetId: string,
  windowId: string,
  body: z.output<typeof MaintenancePatch>,
) {
  const asset = await visibleAsset(db, user, assetId)
  return db.transaction().execute(async (trx) => {
    const locked = await lockAsset(trx, assetId)
    const current = await selectWindows(trx).where('id', '=', windowId).where('asset_id', '=', assetId).forUpdate().executeTakeFirst()
    if (!current) throw problems.notFound('maintenance')
    const errors: FieldError[] = []
    const read = (value: string | undefined, path: 'start' | 'end') => {
      if (value === undefined) return undefined
      const at = parseInstant(value, asset.timezone)
      if (!at) errors.push({ path, message: m.nonexistentTime() })
      return at?.toJSDate()
    }
    let start = read(body.start, 'start') ?? current.start
    let end = read(body.end, 'end') ?? current.end
    if (body.endNow) {
      const now = new Date()
      if (!(current.start <= now && now < current.end)) throw problems.conflict(m.notInProgress())
      start = current.start
      end = now
    }
    if (errors.length) throw problems.validation(errors)
    if (end <= start) throw problems.validation([{ path: 'end', message: m.endAfterStart() }])
    const plan = await planReallocationAway(trx, locked, { start, end })
    if (plan.stuck.length) {
      throw problems.conflict(m.neededByBookings(), {
        conflicts: plan.stuck.map((s) => ({
          start: formatInstant(s.start, asset.timezone),
          end: formatInstant(s.end, asset.timezone),
          reason: 'booking',
          bookingId: s.bookingId,
        })),
      })
    }
    await applyReallocation(trx, plan)
    await trx
      .updateTable('maintenance_windows')
      .set({
        during: sql<string>`tstzrange(${start.toISOString()}::timestamptz, ${end.toISOString()}::timestamptz, '[)')`,
        ...(body.reason !== undefined && { reason: body.reason }),
      })
      .where('id', '=', windowId)
      .execute()
    await recordAudit(trx, [
      {
        actorUserId: user.id,
        action: 'maintenance.updated',
        entity: 'equipment_asset',
        entityId: assetId,
        details: {
          windowId,
          from: { start: current.start.toISOString(), end: current.end.toISOString(), reason: current.reason },
          to: { start: start.toISOString(), end: end.toISOString(), reason: body.reason ?? current.reason },
          endedNow: Boolean(body.endNow),
        },
      },
      ...plan.moved.map((m) => ({
        actorUserId: user.id,
        action: 'allocation.reassigned',
        entity: 'booking',
        entityId: m.bookingId,
        details: { fromAssetId: m.fromAssetId, toAssetId: m.toAssetId, cause: 'maintenance' },
      })),
    ])
    const updated = await selectWindows(trx).where('id', '=', windowId).executeTakeFirstOrThrow()
    return {
      ...toWindow(updated, asset.timezone),
      reallocated: plan.moved.map((m) => ({ bookingId: m.bookingId, fromAssetId: m.fromAssetId, toAssetId: m.toAssetId })),
    }
  })
}

/** The windows not yet over of each asset (in progress first, then the coming ones), for the inventory's lists. */
export async function openWindowsOf(db: Kysely<Database>, assets: Array<{ id: string; timezone: string }>) {
  const byAsset = new Map<string, ReturnType<typeof toWindow>[]>()
  if (assets.length === 0) return byAsset
  const zones = new Map(assets.map((a) => [a.id, a.timezone]))
  const rows = await selectWindows(db)
    .where(
      'asset_id',
      'in',
      assets.map((a) => a.id),
    )
    .where(sql<boolean>`upper(during) > now()`)
    .orderBy(sql`lower(during)`)
    .execute()
  for (const r of rows) {
    const list = byAsset.get(r.asset_id) ?? []
    list.push(toWindow(r, zones.get(r.asset_id) ?? 'Europe/Rome'))
    byAsset.set(r.asset_id, list)
  }
  return byAsset
}

export async function deleteMaintenance(db: Kysely<Database>, user: SessionUser, assetId: string, windowId: string) {
  await visibleAsset(db, user, assetId)
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .deleteFrom('maintenance_windows')
      .where('id', '=', windowId)
      .where('asset_id', '=', assetId)
      .returning('id')
      .executeTakeFirst()
    if (!row) throw problems.notFound('maintenance')
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'maintenance.deleted',
      entity: 'equipment_asset',
      entityId: assetId,
      details: { windowId },
    })
  })
}
