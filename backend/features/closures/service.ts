import { type Kysely, sql, type Transaction } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { canManageHub, isAdmin } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { invalid, isUuid } from '../../http/validation.ts'
import { notify } from '../../outbox/notify.ts'
import { boundIn, DEFAULT_ZONE, formatInstant, type Interval, tstzrange } from '../../time.ts'
import { toConflictView } from '../bookings/conflict.ts'
import { assertWithinHorizon } from '../bookings/period-bounds.ts'
import { touched } from '../bookings/queries.ts'
import type { ConflictView } from '../bookings/schemas.ts'
import { zoneOf } from '../catalogue/queries.ts'
import { releaseAllocations } from '../equipment/allocation.ts'
import { m } from './messages.ts'
import type { AffectedBookingConflict } from './schemas.ts'

/**
 * Closures: of every hub (no hubId, no labId), of one hub, or of one lab. Instants are read and shown
 * in the hub's zone (Europe/Rome for closures of every hub). A closure over live bookings is refused
 * with them as conflicts, unless `cancelAffected`, which cancels them and tells their teams in the
 * same transaction.
 */

interface ClosureRow {
  id: string
  hub_id: string | null
  lab_id: string | null
  start: Date
  end: Date
  reason: string
  timezone: string | null
}

export function toClosureView(row: ClosureRow) {
  const zone = row.timezone ?? DEFAULT_ZONE
  return {
    id: row.id,
    hubId: row.hub_id,
    labId: row.lab_id,
    start: formatInstant(row.start, zone),
    end: formatInstant(row.end, zone),
    reason: row.reason,
  }
}

function closuresWithZone(db: Kysely<Database>) {
  return db
    .selectFrom('closures as c')
    .leftJoin('labs as l', 'l.id', 'c.lab_id')
    .leftJoin('hubs as h', (join) => join.on(sql<boolean>`h.id = coalesce(c.hub_id, l.hub_id)`))
    .select([
      'c.id',
      'c.hub_id',
      'c.lab_id',
      'c.reason',
      sql<Date>`lower(c.during)`.as('start'),
      sql<Date>`upper(c.during)`.as('end'),
      'h.timezone',
    ])
}

export interface ClosureFilter {
  hubId?: string
  labId?: string
  from?: string
  to?: string
  limit: number
  offset: number
}

/** Closures that apply to the hub or lab asked for (theirs and every-hub ones), overlapping [from, to). */
export async function listClosures(db: Kysely<Database>, f: ClosureFilter) {
  let zone = DEFAULT_ZONE
  let q = closuresWithZone(db)
  if (f.labId) {
    const lab = await db
      .selectFrom('labs')
      .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
      .select(['labs.hub_id', 'hubs.timezone'])
      .where('labs.id', '=', f.labId)
      .executeTakeFirst()
    if (!lab) return { rows: [], total: 0 }
    zone = lab.timezone
    const labId = f.labId
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('c.hub_id', 'is', null), eb('c.lab_id', 'is', null)]),
        eb('c.hub_id', '=', lab.hub_id),
        eb('c.lab_id', '=', labId),
      ]),
    )
  }
  if (f.hubId) {
    const hubZone = await zoneOf(db, { hubId: f.hubId })
    if (!hubZone) return { rows: [], total: 0 }
    zone = hubZone
    const hubId = f.hubId
    q = q.where((eb) =>
      eb.or([
        eb.and([eb('c.hub_id', 'is', null), eb('c.lab_id', 'is', null)]),
        eb('c.hub_id', '=', hubId),
        eb('c.lab_id', 'in', eb.selectFrom('labs').select('labs.id').where('labs.hub_id', '=', hubId)),
      ]),
    )
  }
  if (f.from || f.to) {
    const from = f.from ? boundIn(f.from, zone, 'from').toISOString() : null
    const to = f.to ? boundIn(f.to, zone, 'to').toISOString() : null
    q = q.where(sql<boolean>`c.during && tstzrange(${from}::timestamptz, ${to}::timestamptz, '[)')`)
  }
  const { total } = await q
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await q.orderBy(sql`lower(c.during)`).orderBy('c.id').limit(f.limit).offset(f.offset).execute()
  return { rows: rows.map(toClosureView), total: Number(total) }
}

export interface ClosureInput {
  hubId?: string | null
  labId?: string | null
  start: string
  end: string
  reason: string
  cancelAffected?: boolean
  onlyFreeLabs?: boolean
}

/** Where a closure applies, and who may write it: every hub (admin), a hub or a lab (admin, the hub's operator). */
async function closureScope(db: Kysely<Database>, actor: SessionUser, hubId: string | null, labId: string | null) {
  if (hubId && labId) throw invalid('labId', m.hubOrLab())
  if (labId) {
    const lab = isUuid(labId)
      ? await db
          .selectFrom('labs')
          .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
          .select(['labs.hub_id', 'hubs.timezone'])
          .where('labs.id', '=', labId)
          .executeTakeFirst()
      : undefined
    if (!lab) throw problems.notFound('lab')
    if (!(await canManageHub(db, actor, lab.hub_id))) throw problems.forbidden(m.labNotYours())
    return { zone: lab.timezone }
  }
  if (hubId) {
    const hub = isUuid(hubId) ? await db.selectFrom('hubs').select(['timezone']).where('id', '=', hubId).executeTakeFirst() : undefined
    if (!hub) throw problems.notFound('hub')
    if (!(await canManageHub(db, actor, hubId))) throw problems.forbidden(m.hubNotYours())
    return { zone: hub.timezone }
  }
  if (!isAdmin(actor)) throw problems.forbidden(m.everyHubAdminOnly())
  return { zone: DEFAULT_ZONE }
}

/**
 * Locks the labs the closure covers (in id order): a booking being written on one of them waits for this
 * transaction and then sees the closure (migration 0403), and one already written is waited for and seen below.
 */
async function lockLabs(trx: Transaction<Database>, hubId: string | null, labId: string | null): Promise<void> {
  let q = trx.selectFrom('labs').select('id')
  if (labId) q = q.where('id', '=', labId)
  else if (hubId) q = q.where('hub_id', '=', hubId)
  await q.orderBy('id').forUpdate().execute()
}

/** Live bookings that the closure would fall on (every lab, a hub's labs, or one lab), with their lab and team. */
async function affectedBookings(db: Kysely<Database>, hubId: string | null, labId: string | null, during: Interval) {
  let q = db
    .selectFrom('bookings as b')
    .innerJoin('labs as l', 'l.id', 'b.lab_id')
    .innerJoin('hubs as h', 'h.id', 'l.hub_id')
    .leftJoin('teams as t', 't.id', 'b.team_id')
    .select([
      'b.id',
      'b.lab_id',
      'l.name as lab_name',
      'b.team_id',
      't.name as team_name',
      'b.title',
      sql<Date>`lower(b.during)`.as('start'),
      sql<Date>`upper(b.during)`.as('end'),
      'h.timezone',
    ])
    .where('b.status', 'in', ['pending', 'confirmed'])
    .where(sql<boolean>`b.during && ${tstzrange(during.start, during.end)}`)
  if (labId) q = q.where('b.lab_id', '=', labId)
  else if (hubId) q = q.where('l.hub_id', '=', hubId)
  return q.orderBy(sql`lower(b.during)`).orderBy('l.name').forUpdate('b').execute()
}
type AffectedBooking = Awaited<ReturnType<typeof affectedBookings>>[number]

/**
 * A booking in the way, as a 409 conflict (AffectedBookingConflict): its time, and which lab, team and activity
 * it is (for the operator's list).
 */
function affectedConflict(b: AffectedBooking) {
  const booking: Omit<z.input<typeof AffectedBookingConflict>, keyof z.input<typeof ConflictView>> = {
    labId: b.lab_id,
    labName: b.lab_name,
    teamId: b.team_id,
    teamName: b.team_name,
    title: b.title,
  }
  return { ...toConflictView({ start: b.start, end: b.end, reason: 'booking', bookingId: b.id }, b.timezone), ...booking }
}

export async function createClosure(db: Kysely<Database>, actor: SessionUser, input: ClosureInput) {
  const hubId = input.hubId ?? null
  const labId = input.labId ?? null
  if (input.onlyFreeLabs && !hubId) throw invalid('onlyFreeLabs', m.onlyFreeLabsNeedsHub())
  if (input.onlyFreeLabs && input.cancelAffected) throw invalid('onlyFreeLabs', m.onlyFreeLabsOrCancel())
  const { zone } = await closureScope(db, actor, hubId, labId)
  const start = boundIn(input.start, zone, 'start')
  const end = boundIn(input.end, zone, 'end')
  if (end <= start) throw invalid('end', field.endAfterStart())
  // A closure may last months, not a century: both ends within the booking horizon.
  assertWithinHorizon(start, 'start')
  assertWithinHorizon(end, 'end')
  return db.transaction().execute(async (trx) => {
    await lockLabs(trx, hubId, labId)
    const affected = await affectedBookings(trx, hubId, labId, { start, end })
    if (affected.length > 0 && !input.cancelAffected && !input.onlyFreeLabs) {
      throw problems.conflict(m.affectsBookings({ count: affected.length }), { conflicts: affected.map(affectedConflict) })
    }
    const insert = async (scope: { hubId: string | null; labId: string | null }) => {
      const closure = await trx
        .insertInto('closures')
        .values({ hub_id: scope.hubId, lab_id: scope.labId, during: tstzrange(start, end), reason: input.reason, created_by: actor.id })
        .returning('id')
        .executeTakeFirstOrThrow()
      return closure.id
    }
    const audit = (id: string, scope: { hubId: string | null; labId: string | null }, more: Record<string, unknown>) =>
      recordAudit(trx, {
        actorUserId: actor.id,
        action: 'closure.created',
        entity: 'closure',
        entityId: id,
        details: { ...scope, start: formatInstant(start, zone), end: formatInstant(end, zone), reason: input.reason, ...more },
      })

    if (input.onlyFreeLabs && affected.length > 0) {
      // The rule: the labs with live bookings in the period stay open; every other lab of the hub is closed.
      const booked = new Map<string, { labId: string; labName: string; bookingIds: string[] }>()
      for (const b of affected) {
        const entry = booked.get(b.lab_id) ?? { labId: b.lab_id, labName: b.lab_name, bookingIds: [] }
        entry.bookingIds.push(b.id)
        booked.set(b.lab_id, entry)
      }
      const free = await trx.selectFrom('labs').select('id').where('hub_id', '=', hubId).orderBy('name').orderBy('id').execute()
      const toClose = free.filter((l) => !booked.has(l.id))
      if (toClose.length === 0) {
        throw problems.conflict(m.everyLabBooked({ count: affected.length }), { conflicts: affected.map(affectedConflict) })
      }
      const ids: string[] = []
      for (const lab of toClose) {
        const id = await insert({ hubId: null, labId: lab.id })
        await audit(id, { hubId: null, labId: lab.id }, { cancelled: [], onlyFreeLabsOf: hubId })
        ids.push(id)
      }
      const rows = await closuresWithZone(trx).where('c.id', 'in', ids).orderBy('l.name').execute()
      return { closures: rows.map(toClosureView), leftOpen: [...booked.values()].sort((a, b) => a.labName.localeCompare(b.labName)) }
    }

    const id = await insert({ hubId, labId })
    const cancelled = affected.map((b) => b.id)
    if (cancelled.length > 0) {
      await trx
        .updateTable('bookings')
        .set({ status: 'cancelled', status_reason: input.reason, cancel_cause: 'closure', ...touched() })
        .where('id', 'in', cancelled)
        .execute()
      await releaseAllocations(trx, cancelled)
      await notify(trx, {
        type: 'booking.cancelled',
        bookingIds: cancelled,
        reason: input.reason,
        scope: 'occurrence',
        cause: 'closure',
        actorUserId: actor.id,
      })
    }
    await audit(id, { hubId, labId }, { cancelled })
    const row = await closuresWithZone(trx).where('c.id', '=', id).executeTakeFirstOrThrow()
    const view = { ...toClosureView(row), cancelled }
    return input.onlyFreeLabs ? { closures: [toClosureView(row)], leftOpen: [] } : view
  })
}

export async function deleteClosure(db: Kysely<Database>, actor: SessionUser, id: string): Promise<void> {
  const row = isUuid(id)
    ? await db.selectFrom('closures').select(['id', 'hub_id', 'lab_id']).where('id', '=', id).executeTakeFirst()
    : undefined
  if (!row) throw problems.notFound('closure')
  await closureScope(db, actor, row.hub_id, row.lab_id)
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('closures').where('id', '=', id).execute()
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'closure.deleted',
      entity: 'closure',
      entityId: id,
      details: { hubId: row.hub_id, labId: row.lab_id },
    })
  })
}
