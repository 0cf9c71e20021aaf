import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { groupBy } from '../../grouping.ts'
import { listScope, mayActFor, seesBooking, viewerOf } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { isUuid } from '../../http/validation.ts'
import { notify } from '../../outbox/notify.ts'
import { formatInstant, type Interval, instantIn, tstzrange } from '../../time.ts'
import { certificationConflicts } from '../certifications/certification-gate.ts'
import { certificationRules } from '../certifications/certification-queries.ts'
import type { GrantScope } from '../grants/accounting.ts'
import { checkGrantQuota, quotaWithoutLock } from '../grants/grant-quota.ts'
import { toGrantTerms } from '../grants/usage.ts'
import { toConflictView } from './conflict.ts'
import { m } from './messages.ts'
import { assertSlotBounded, DEFAULT_MAX_SLOT_MINUTES, maxSlotMinutes } from './period-bounds.ts'
import { findLab, labCalendar, liveBookingsOverlapping, rangeLiteral, windowOf } from './queries.ts'
import { type SlotRules, slotConflicts } from './slot-rules.ts'

/**
 * The waitlist: a team asks for a slot that is taken. When a booking of the lab is cancelled,
 * rejected or moved away, the oldest waiting request that now fits is booked in the same transaction
 * (pending or confirmed by the lab's policy) and its team is told (`waitlist.promoted`).
 */

export const WAITLIST_TITLE = 'Prenotazione dalla lista d’attesa'

interface WaitlistRow {
  id: string
  lab_id: string
  team_id: string
  title: string | null
  status: 'waiting' | 'promoted' | 'cancelled' | 'expired'
  booking_id: string | null
  created_at: Date
  start: Date
  end: Date
  timezone: string
  hub_id: string
}

function waitlistWithZone(db: Kysely<Database>) {
  return db
    .selectFrom('waitlist as w')
    .innerJoin('labs as l', 'l.id', 'w.lab_id')
    .innerJoin('hubs as h', 'h.id', 'l.hub_id')
    .select([
      'w.id',
      'w.lab_id',
      'w.team_id',
      'w.title',
      'w.status',
      'w.booking_id',
      'w.created_at',
      sql<Date>`lower(w.during)`.as('start'),
      sql<Date>`upper(w.during)`.as('end'),
      'h.timezone',
      'l.hub_id',
    ])
}

export function toWaitlistView(row: WaitlistRow) {
  return {
    id: row.id,
    labId: row.lab_id,
    teamId: row.team_id,
    title: row.title,
    start: formatInstant(row.start, row.timezone),
    end: formatInstant(row.end, row.timezone),
    status: row.status,
    bookingId: row.booking_id,
    createdAt: formatInstant(row.created_at, row.timezone),
  }
}

export interface JoinWaitlistInput {
  labId: string
  teamId: string
  start: string
  end: string
  title?: string | null
}

export async function joinWaitlist(db: Kysely<Database>, actor: SessionUser, input: JoinWaitlistInput) {
  const lab = isUuid(input.labId) ? await findLab(db, input.labId) : undefined
  if (!lab) throw problems.notFound('lab')
  const team = isUuid(input.teamId)
    ? await db.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst()
    : undefined
  if (!team) throw problems.notFound('team')
  const viewer = await viewerOf(db, actor)
  if (!mayActFor(viewer, lab.hub_id, team.id)) {
    throw problems.forbidden(m.waitlistOwnTeams())
  }
  const start = instantIn(input.start, lab.timezone, 'start').toJSDate()
  const end = instantIn(input.end, lab.timezone, 'end').toJSDate()
  if (end <= start) throw problems.validation([{ path: 'end', message: field.endAfterStart() }])
  assertSlotBounded(start, end, Math.max(DEFAULT_MAX_SLOT_MINUTES, maxSlotMinutes(lab)))
  const slot = { start, end }
  const rules = await rulesFor(db, lab, [slot])
  const conflicts = slotConflicts(slot, rules)
  const other = conflicts.filter((c) => c.reason !== 'booking')
  if (other.length > 0) {
    throw problems.conflict(m.neverBookable(), {
      conflicts: other.map((c) => toConflictView(c, lab.timezone)),
    })
  }
  if (conflicts.length === 0) {
    throw problems.conflict(m.alreadyFree(), { conflicts: [] })
  }
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('waitlist')
      .values({ lab_id: lab.id, team_id: team.id, during: tstzrange(start, end), title: input.title ?? null, requested_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'waitlist.joined',
      entity: 'waitlist',
      entityId: row.id,
      details: { labId: lab.id, teamId: team.id },
    })
    return row.id
  })
  return toWaitlistView(await waitlistWithZone(db).where('w.id', '=', id).executeTakeFirstOrThrow())
}

export async function listWaitlist(
  db: Kysely<Database>,
  actor: SessionUser,
  q: { teamId?: string; labId?: string; status?: WaitlistRow['status']; limit: number; offset: number },
) {
  const viewer = await viewerOf(db, actor)
  let query = waitlistWithZone(db)
  if (q.teamId) query = query.where('w.team_id', '=', q.teamId)
  if (q.labId) query = query.where('w.lab_id', '=', q.labId)
  if (q.status) query = query.where('w.status', '=', q.status)
  const scope = listScope(viewer)
  if (scope) {
    const { hubIds: hubs, teamIds: teams } = scope
    if (hubs.length === 0 && teams.length === 0) return { rows: [], total: 0 }
    query = query.where((eb) =>
      eb.or([...(hubs.length ? [eb('l.hub_id', 'in', hubs)] : []), ...(teams.length ? [eb('w.team_id', 'in', teams)] : [])]),
    )
  }
  const { total } = await query
    .clearSelect()
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow()
  const rows = await query.orderBy('w.created_at').orderBy('w.id').limit(q.limit).offset(q.offset).execute()
  return { rows: rows.map(toWaitlistView), total: Number(total) }
}

export async function leaveWaitlist(db: Kysely<Database>, actor: SessionUser, id: string): Promise<void> {
  const viewer = await viewerOf(db, actor)
  const row = await waitlistWithZone(db).where('w.id', '=', id).executeTakeFirst()
  if (!row || !seesBooking(viewer, row)) throw problems.notFound('waitlist')
  await db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('waitlist')
      .set({ status: 'cancelled' })
      .where('id', '=', id)
      .where('status', '=', 'waiting')
      .returning('id')
      .executeTakeFirst()
    if (!updated) throw problems.conflict(m.noLongerWaiting())
    await recordAudit(trx, { actorUserId: actor.id, action: 'waitlist.left', entity: 'waitlist', entityId: id })
  })
}

async function rulesFor(
  db: Kysely<Database> | Transaction<Database>,
  lab: { id: string; hub_id: string; timezone: string; min_duration_minutes: number; max_duration_minutes: number },
  slots: Interval[],
  now = new Date(),
): Promise<SlotRules> {
  return {
    zone: lab.timezone,
    minDurationMinutes: lab.min_duration_minutes,
    maxDurationMinutes: lab.max_duration_minutes,
    ...(await labCalendar(db, lab.id, windowOf(slots))),
    bookings: await liveBookingsOverlapping(db, [lab.id], slots),
    now,
    allowPast: false,
  }
}

/**
 * Time freed in any labs goes to each lab's waitlist (promoteWaitlist), the labs in the order of their ids: a
 * promotion takes its lab's write lock (migration 0622), and two transactions that free time in the same labs
 * take their locks in the same order, so neither waits for the other in a cycle.
 */
export async function promoteFreedTime(
  trx: Transaction<Database>,
  freed: Array<{ lab_id: string; start: Date; end: Date }>,
  now = new Date(),
): Promise<void> {
  const byLab = groupBy(
    freed,
    (f) => f.lab_id,
    (f): Interval => ({ start: f.start, end: f.end }),
  )
  for (const labId of [...byLab.keys()].sort()) await promoteWaitlist(trx, labId, byLab.get(labId) ?? [], now)
}

/**
 * Books, oldest first, the waiting requests of the lab that overlap the freed time and now fit.
 * Runs in the transaction that freed the time; a promotion that loses a race to a concurrent
 * booking is not made and the request keeps waiting. `now`: the caller's clock (the worker's,
 * when it releases a no-show); requests that have begun by then expire.
 *
 * Each request is decided in order against the lab's live bookings and the requests accepted before it, so the
 * oldest request that fits wins, as if each were booked in turn. The accepted ones are written together: one
 * insert of their bookings (one run of the bookings' statement triggers), one update of the waitlist, one
 * audit insert, one notify (one message per recipient and promoted booking, as for one). What a team holds
 * (certificates) is read once per team, its grants once for all teams; only a request a grant may cover has
 * its grants locked and read with the hours drawn so far (checkGrantQuota), after the accepted ones are written.
 * The exclusion constraint stays the referee: when the insert loses a race to a concurrent booking (23P01),
 * it is rolled back to its savepoint and the requests from the first of that insert on are decided again one
 * at a time, each booked under its own savepoint as before, a loser skipped and left waiting.
 */
export async function promoteWaitlist(trx: Transaction<Database>, labId: string, freed: Interval[], now = new Date()): Promise<string[]> {
  if (freed.length === 0) return []
  const waiting = await trx
    .selectFrom('waitlist')
    .select(['id', 'team_id', 'title', 'requested_by', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')])
    .where('lab_id', '=', labId)
    .where('status', '=', 'waiting')
    .where(sql<boolean>`during && any(${freed.map(rangeLiteral)}::tstzrange[])`)
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .skipLocked()
    .execute()
  if (waiting.length === 0) return []
  const lab = await findLab(trx, labId)
  if (!lab) return []
  type Waiting = (typeof waiting)[number]
  const rules = await rulesFor(trx, lab, waiting, now)
  const teams = [...new Set(waiting.map((w) => w.team_id))]
  const grantsSeen = new Map<string, GrantScope[]>(teams.map((t) => [t, []]))
  for (const g of await trx.selectFrom('grants').selectAll().where('team_id', 'in', teams).execute()) {
    grantsSeen.get(g.team_id)?.push(toGrantTerms(g))
  }
  const certified = new Map<string, Promise<Awaited<ReturnType<typeof certificationRules>>>>()
  const certificationOf = (teamId: string) => {
    const known = certified.get(teamId)
    if (known) return known
    const read = certificationRules(trx, { teamId, labType: lab.type, equipmentTypeIds: [] })
    certified.set(teamId, read)
    return read
  }

  const expired = new Set<string>()
  const booked: Array<{ w: Waiting; bookingId: string }> = []
  /** Accepted and not written yet; `from`: the index of the first request decided since the last write. */
  let pending: Waiting[] = []
  let from = 0
  let oneAtATime = false
  const held = (w: Waiting) => `waitlist:${w.id}`
  const insert = (ws: Waiting[]) =>
    trx
      .insertInto('bookings')
      .values(
        ws.map((w) => ({
          lab_id: lab.id,
          team_id: w.team_id,
          title: w.title ?? WAITLIST_TITLE,
          during: tstzrange(w.start, w.end),
          status: lab.approval_required ? ('pending' as const) : ('confirmed' as const),
          created_by: w.requested_by,
        })),
      )
      .returning(['id', sql<Date>`lower(during)`.as('start')])
      .execute()
  /** Writes the pending bookings; false when the insert lost a race (rolled back: nothing pending is booked). */
  const write = async (): Promise<boolean> => {
    if (pending.length === 0) return true
    const ws = pending
    pending = []
    rules.bookings = rules.bookings.filter((b) => !ws.some((w) => b.id === held(w)))
    await sql`savepoint waitlist_promotion`.execute(trx)
    try {
      const rows = await insert(ws)
      await sql`release savepoint waitlist_promotion`.execute(trx)
      // accepted requests never overlap one another: a start names one
      const byStart = new Map(rows.map((r) => [new Date(r.start).getTime(), r.id]))
      for (const w of ws) {
        const bookingId = byStart.get(w.start.getTime())!
        booked.push({ w, bookingId })
        rules.bookings.push({ id: bookingId, start: w.start, end: w.end })
      }
      return true
    } catch (err) {
      if ((err as { code?: string }).code !== '23P01') throw err
      await sql`rollback to savepoint waitlist_promotion`.execute(trx)
      return false
    }
  }

  for (let i = 0; i <= waiting.length; i++) {
    if (i === waiting.length) {
      if (await write()) break
      // a concurrent booking took some of the time: decide again from there, one at a time
      oneAtATime = true
      i = from - 1
      continue
    }
    const w = waiting[i]
    if (w.start < rules.now) {
      expired.add(w.id)
      continue
    }
    if (slotConflicts(w, rules).length > 0) continue
    const certification = await certificationOf(w.team_id)
    if (certificationConflicts([w], { zone: lab.timezone, ...certification })[0].length > 0) continue
    const request = { teamId: w.team_id, lab, occurrences: [{ start: w.start, end: w.end }] }
    let quota = quotaWithoutLock({ ...request, grantsSeen: grantsSeen.get(w.team_id) })
    if (quota === null) {
      // a grant may cover it: the hours drawn by the requests accepted before must be booked when it reads them
      if (!(await write())) {
        oneAtATime = true
        i = from - 1
        continue
      }
      from = i
      quota = await checkGrantQuota(trx, request)
    }
    if (quota[0] && quota[0].length > 0) continue
    pending.push(w)
    rules.bookings.push({ id: held(w), start: w.start, end: w.end })
    if (oneAtATime) {
      await write() // a loser is left waiting, as if it had not fitted
      from = i + 1
    }
  }

  if (expired.size > 0) {
    await trx
      .updateTable('waitlist')
      .set({ status: 'expired' })
      .where('id', 'in', [...expired])
      .execute()
  }
  if (booked.length === 0) return []
  await sql`
    update waitlist w set status = 'promoted', booking_id = v.booking_id
    from unnest(${booked.map((b) => b.w.id)}::uuid[], ${booked.map((b) => b.bookingId)}::uuid[]) as v(id, booking_id)
    where w.id = v.id`.execute(trx)
  await notify(trx, { type: 'waitlist.promoted', bookingIds: booked.map((b) => b.bookingId) })
  await recordAudit(
    trx,
    booked.map(({ w, bookingId }) => ({
      actorUserId: null,
      action: 'waitlist.promoted',
      entity: 'waitlist',
      entityId: w.id,
      details: { bookingId, labId, teamId: w.team_id },
    })),
  )
  return booked.map((b) => b.bookingId)
}
