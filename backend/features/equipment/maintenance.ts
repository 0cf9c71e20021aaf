import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { type FieldError, problems } from '../../http/problem.ts'
import { text } from '../../http/validation.ts'
import { formatInstant, instantString, parseInstant } from '../../time.ts'
import { visibleAsset } from './equipment-access.ts'
import { m } from './messages.ts'
import { applyReallocation, lockAsset, planReallocationAway } from './reallocation.ts'

export const MaintenanceBody = z.object({ start: instantString, end: instantString, reason: text(500) }).strict()

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
