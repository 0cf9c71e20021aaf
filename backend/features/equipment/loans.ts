import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import type { Database, EquipmentCheckoutsTable } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { visibleAsset } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { optionalText, text } from '../../http/validation.ts'
import { formatInstant } from '../../time.ts'
import { ASSET_CONDITIONS } from './asset-csv.ts'
import { assetView, reallocationView, takeOutOfService } from './inventory.ts'
import { m } from './messages.ts'
import { lockAsset, type Reallocation } from './reallocation.ts'

export const CheckoutBody = z.object({ bookingId: z.uuid().nullish(), holder: text(200) }).strict()
export const CheckinBody = z.object({ condition: z.enum(ASSET_CONDITIONS), notes: optionalText(2000) }).strict()

/** Conditions that put the asset out of service until staff put it back (PATCH status active). */
const OUT_OF_SERVICE = new Set(['damaged', 'needs_repair'])

// The schema wraps checked_out_at twice (Generated<Timestamp>), so Kysely does not unwrap it: it is a Date.
const asDate = (value: unknown) => value as Date

function toLoan(row: Selectable<EquipmentCheckoutsTable>, zone: string) {
  return {
    id: row.id,
    assetId: row.asset_id,
    bookingId: row.booking_id,
    holder: row.holder,
    checkedOutAt: formatInstant(asDate(row.checked_out_at), zone),
    checkedOutBy: row.checked_out_by,
    checkedInAt: row.checked_in_at ? formatInstant(row.checked_in_at, zone) : null,
    checkedInBy: row.checked_in_by,
    condition: row.condition_in,
    notes: row.notes,
  }
}

export async function listLoans(db: Kysely<Database>, user: SessionUser, assetId: string) {
  const asset = await visibleAsset(db, user, assetId)
  const rows = await db
    .selectFrom('equipment_checkouts')
    .selectAll()
    .where('asset_id', '=', assetId)
    .orderBy('checked_out_at', 'desc')
    .execute()
  return rows.map((r) => toLoan(r, asset.timezone))
}

/** Lends the asset; one that is out already, or out of service, is not lent (409). */
export async function checkout(db: Kysely<Database>, user: SessionUser, assetId: string, body: z.output<typeof CheckoutBody>) {
  const asset = await visibleAsset(db, user, assetId)
  return db.transaction().execute(async (trx) => {
    const locked = await lockAsset(trx, assetId)
    if (locked.status !== 'active') throw problems.conflict(m.outOfService())
    const open = await trx
      .selectFrom('equipment_checkouts')
      .selectAll()
      .where('asset_id', '=', assetId)
      .where('checked_in_at', 'is', null)
      .executeTakeFirst()
    if (open) {
      throw problems.conflict(m.alreadyLent({ holder: open.holder, since: formatInstant(asDate(open.checked_out_at), asset.timezone) }), {
        loanId: open.id,
      })
    }
    if (body.bookingId) {
      const booking = await trx.selectFrom('bookings').select(['id', 'lab_id']).where('id', '=', body.bookingId).executeTakeFirst()
      if (!booking || booking.lab_id !== locked.lab_id) {
        throw problems.validation([{ path: 'bookingId', message: m.noSuchBookingOfLab() }])
      }
    }
    // The unique partial index on open check-outs stays the referee.
    const row = await trx
      .insertInto('equipment_checkouts')
      .values({ asset_id: assetId, booking_id: body.bookingId ?? null, holder: body.holder, checked_out_by: user.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'asset.checked_out',
      entity: 'equipment_asset',
      entityId: assetId,
      details: { loanId: row.id, holder: body.holder, bookingId: body.bookingId ?? null },
    })
    return toLoan(row, asset.timezone)
  })
}

/** Takes the asset back with its condition; damaged or needing repair, it leaves service. */
export async function checkin(db: Kysely<Database>, user: SessionUser, assetId: string, body: z.output<typeof CheckinBody>) {
  const asset = await visibleAsset(db, user, assetId)
  const { loan, plan } = await db.transaction().execute(async (trx) => {
    const locked = await lockAsset(trx, assetId)
    const open = await trx
      .selectFrom('equipment_checkouts')
      .select('id')
      .where('asset_id', '=', assetId)
      .where('checked_in_at', 'is', null)
      .executeTakeFirst()
    if (!open) throw problems.conflict(m.notLent())
    const loan = await trx
      .updateTable('equipment_checkouts')
      .set({ checked_in_at: new Date(), checked_in_by: user.id, condition_in: body.condition, notes: body.notes ?? null })
      .where('id', '=', open.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const outOfService = OUT_OF_SERVICE.has(body.condition)
    let plan: Reallocation = { moved: [], stuck: [] }
    if (outOfService && locked.status === 'active') plan = await takeOutOfService(trx, user.id, locked)
    await trx
      .updateTable('equipment_assets')
      .set({ condition: body.condition, ...(outOfService && locked.status === 'active' && { status: 'maintenance' as const }) })
      .where('id', '=', assetId)
      .execute()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'asset.checked_in',
      entity: 'equipment_asset',
      entityId: assetId,
      details: { loanId: open.id, condition: body.condition, notes: body.notes ?? null, outOfService },
    })
    return { loan, plan }
  })
  return { loan: toLoan(loan, asset.timezone), asset: { ...(await assetView(db, assetId)), ...reallocationView(plan, asset.timezone) } }
}
