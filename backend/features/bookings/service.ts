import { randomUUID } from 'node:crypto'
import type { Insertable, Kysely, Transaction } from 'kysely'
import type { DateTime } from 'luxon'
import type { AuditLogTable, BookingStatus, Database, IdempotencyKeysTable } from '../../../db/schema.ts'
import { auditRow, recordAudit } from '../../audit.ts'
import { assertMayBook, managedHubIds, managesHub, scopeIncludes, seesBooking, viewerOf } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import type { LocalText } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { AppError, problemBody, problems } from '../../http/problem.ts'
import { invalid, isUuid } from '../../http/validation.ts'
import type { GroupRow, SeriesColumns } from '../../outbox/booking-groups.ts'
import type { NewMessage } from '../../outbox/enqueue.ts'
import { createdMessages, type Known, notify } from '../../outbox/notify.ts'
import type { RecipientUser } from '../../outbox/recipients.ts'
import { formatInstant, type Interval, instantIn, tstzrange } from '../../time.ts'
import {
  type EquipmentAllocation,
  type EquipmentRequest,
  equipmentOfBookings,
  planEquipment,
  releaseAllocations,
  saveAllocations,
} from '../equipment/allocation.ts'
import { checkGrantQuota } from '../grants/grant-quota.ts'
import type { TeamWithContact } from '../teams/queries.ts'
import { readForBooking } from './booking-reads.ts'
import { insertBookingsAtOnce } from './bookings-insert.ts'
import { type Conflict, toConflictView } from './conflict.ts'
import { answerRow, findAnswer, isIdempotencyRace, type StoredAnswer, saveAnswer } from './idempotency.ts'
import { m } from './messages.ts'
import { assertSlotBounded, DEFAULT_MAX_SLOT_MINUTES, maxSlotMinutes } from './period-bounds.ts'
import {
  type BookingRow,
  bookingsByIds,
  bumped,
  equipmentRequestsOf,
  findBooking,
  findLab,
  type LabCalendar,
  type LabForBooking,
  labCalendar,
  liveBookingsOverlapping,
  type TeamRules,
  teamRules,
  touched,
} from './queries.ts'
import { expandIntervals, parseRecurrenceRule, RecurrenceError } from './recurrence.ts'
import { requestWindow } from './request-time.ts'
import { isOverlap, withRetries } from './retry.ts'
import type { CreateBookingInput, PatchBookingInput } from './schemas.ts'
import { type Checked, freeWithoutLocks, ruleChecks, type SlotsToCheck } from './slot-checks.ts'
import { LIVE_STATUSES } from './statuses.ts'
import { type BookingView, toBookingView } from './views.ts'
import { promoteWaitlist } from './waitlist.ts'

/** An HTTP answer decided by the service (a replayed idempotent answer keeps its first status). */
export interface Answer {
  status: number
  body: unknown
}

export function conflictProblem(conflicts: Conflict[], zone: string, detail: LocalText): AppError {
  return problems.conflict(detail, { conflicts: conflicts.map((c) => toConflictView(c, zone)) })
}

/**
 * Every check of the engine for slots of one lab, inside the booking's transaction: the lab's rules
 * (past, duration, opening hours, closures, live bookings), equipment, certifications, then grants — the grant check
 * sees only the slots that passed the rest, in order, as each accepted slot consumes hours. Round trips here
 * are the live bookings, the equipment when some is asked for, and the grant lock when a grant can cover a slot.
 */
async function checkSlots(trx: Transaction<Database>, args: SlotsToCheck): Promise<Checked[]> {
  const exclude = args.excludeBookingIds ?? []
  const bookings = await liveBookingsOverlapping(trx, [args.lab.id], args.slots, exclude)
  const plans =
    args.equipment.length > 0
      ? await planEquipment(trx, {
          labId: args.lab.id,
          teamId: args.teamId,
          requests: args.equipment,
          occurrences: args.slots,
          excludeBookingIds: exclude,
        })
      : []
  const checked = ruleChecks(args, bookings, plans)
  const candidates = checked.filter((c) => c.conflicts.length === 0)
  const quota = await checkGrantQuota(trx, {
    teamId: args.teamId,
    lab: args.lab,
    occurrences: candidates.map((c) => c.slot),
    excludeBookingIds: exclude,
    grantsSeen: args.team?.grants,
  })
  candidates.forEach((c, i) => {
    c.conflicts.push(...(quota[i] ?? []))
  })
  return checked
}

/** The bookings a create just wrote, as the API shows them and as notify() would read them back. */
function rowsWritten(w: {
  lab: LabForBooking
  team: { name: string; contact_email: string } | undefined
  series: (SeriesColumns & { id: string }) | null
  status: BookingStatus
  input: CreateBookingInput
  actorId: string
  free: Checked[]
  ids: string[]
  /** The rows' created_at and updated_at, drawn with their ids (their sequence is 0). */
  now: Date
}): Array<{ booking: BookingRow; group: GroupRow }> {
  const { lab } = w
  return w.free.map(({ slot }, i) => {
    const booking: BookingRow = {
      id: w.ids[i],
      series_id: w.series?.id ?? null,
      lab_id: lab.id,
      hub_id: lab.hub_id,
      team_id: w.input.teamId ?? null,
      title: w.input.title,
      start: slot.start,
      end: slot.end,
      status: w.status,
      expected_participants: w.input.expectedParticipants ?? null,
      participants: null,
      participant_categories: null,
      status_reason: null,
      cancel_cause: null,
      sequence: 0,
      timezone: lab.timezone,
      lab_name: lab.name,
      team_name: w.team?.name ?? null,
      checked_in_at: null,
      released_at: null,
      check_in_required: lab.check_in_required,
      check_in_before_minutes: lab.check_in_before_minutes,
      check_in_after_minutes: lab.check_in_after_minutes,
    }
    // Written out rather than spread from the booking: a spread of this many keys made each row ≈ 10 µs.
    const group: GroupRow = {
      id: booking.id,
      series_id: booking.series_id,
      lab_id: booking.lab_id,
      title: booking.title,
      status: booking.status,
      sequence: 0,
      start: slot.start,
      end: slot.end,
      lab_name: lab.name,
      hub_id: lab.hub_id,
      team_id: booking.team_id,
      created_by: w.actorId,
      updated_at: w.now,
      recurrence_start: slot.start,
      hub_name: lab.hub_name,
      hub_address: lab.hub_address,
      hub_phone: lab.hub_phone,
      hub_email: lab.hub_email,
      hub_zone: lab.timezone,
      team: w.team ? { name: w.team.name, contact_email: w.team.contact_email } : null,
      series: w.series,
    }
    return { booking, group }
  })
}

export interface CreateOptions {
  dryRun: boolean
  idempotencyKey?: string
}

/**
 * POST /bookings: one booking or a series, all or nothing unless skipConflicts. The steps: authorise (reads the
 * lab, its calendar, the team and its rules at once, and the key's first answer), expand the slots, then the
 * idempotent write (the key's answer stored with the bookings): in one statement when no lock is needed
 * (writeAtOnce), else checked and written in a transaction.
 */
export async function createBookings(
  db: Kysely<Database>,
  actor: SessionUser,
  input: CreateBookingInput,
  options: CreateOptions,
): Promise<Answer> {
  const key = options.dryRun ? undefined : options.idempotencyKey
  // The key's first answer is read with what authorises the request (one statement); it is given only to a
  // request that is still authorised and valid.
  const { prior, ...request } = await authorise(db, actor, input, key)
  const slots = expandSlots(input, request.lab.timezone, maxSlotMinutes(request.lab), request.window)
  if (prior) return prior
  const status: BookingStatus = !request.staff && request.lab.approval_required ? 'pending' : 'confirmed'
  const booking: NewBooking = { ...request, ...slots, status, actor, input, equipment: input.equipment ?? [] }
  return idempotent(db, actor.id, key, async (keep) => {
    let attempts = 0
    return withRetries(async () => {
      // A twin request with the same key may have answered meanwhile (the last attempt lost a race to it).
      const prior = key && attempts > 0 ? await findAnswer(db, actor.id, key) : null
      if (prior) return prior
      // A retry reads the calendar and the team's rules again: a closure written meanwhile may be why the last attempt failed.
      const [calendar, rules] =
        attempts++ === 0
          ? [request.calendar, request.rules]
          : await Promise.all([labCalendar(db, request.lab.id, slots.window), rulesOfTeam(db, request.teamId)])
      const toCheck: SlotsToCheck = {
        lab: request.lab,
        calendar,
        teamId: request.teamId,
        team: rules,
        slots: slots.slots,
        equipment: booking.equipment,
        allowPast: request.staff,
      }
      const free = options.dryRun ? null : freeWithoutLocks(toCheck)
      const atOnce = free && (await writeAtOnce(db, booking, free, keep))
      if (atOnce) return atOnce
      return db.transaction().execute(async (trx): Promise<Answer> => {
        const checked = await checkSlots(trx, toCheck)
        if (options.dryRun) return dryRunAnswer(booking, checked)
        const answer = await insertBookings(trx, booking, checked)
        if (keep) await saveAnswer(trx, { ...keep, answer })
        return answer
      })
    })
  })
}

/**
 * Who books what: the lab (with its calendar for the request's window), the team, whether the actor is the hub's
 * staff, and the team's rules (grants, certifications) — everything the checks read that no lock guards.
 */
interface Authorised {
  lab: LabForBooking
  calendar: LabCalendar
  team: TeamWithContact | undefined
  teamId: string | null
  staff: boolean
  rules: TeamRules | null
  /** The span the lab's calendar was read for (requestWindow). */
  window: Interval
}

function rulesOfTeam(db: Kysely<Database>, teamId: string | null): Promise<TeamRules | null> {
  return teamId && isUuid(teamId) ? teamRules(db, teamId) : Promise.resolve(null)
}

/**
 * Reads the lab, the team, its rules and the key's first answer in one statement (readForBooking) beside the
 * actor's hubs, and refuses what the actor may not book. The rules are read before authorising (an unknown or
 * foreign team's are read for nothing, never shown).
 */
async function authorise(
  db: Kysely<Database>,
  actor: SessionUser,
  input: CreateBookingInput,
  key: string | undefined,
): Promise<Authorised & { prior: StoredAnswer | null }> {
  const teamId = input.teamId ?? null
  if (!isUuid(input.labId)) throw problems.notFound('lab')
  const window = requestWindow(input.start, input.end, !!input.recurrence)
  const [found, hubs] = await Promise.all([
    readForBooking(db, { labId: input.labId, window, teamId: teamId && isUuid(teamId) ? teamId : null, actorId: actor.id, key }),
    managedHubIds(db, actor),
  ])
  if (!found) throw problems.notFound('lab')
  const { lab, calendar, team, rules, prior } = found
  const staff = scopeIncludes(hubs, lab.hub_id)
  assertMayBook({ user: actor, staff, teamId, team })
  if (!staff && !teamId) throw invalid('teamId', m.teamRequired())
  if (input.expectedParticipants != null && input.expectedParticipants > lab.capacity) {
    throw invalid('expectedParticipants', m.overCapacity({ capacity: lab.capacity }))
  }
  return { lab, calendar, team, teamId, staff, rules, window, prior }
}

/** The request's occurrences: its one slot, or its recurrence expanded in the hub's zone. */
interface Slots {
  start: DateTime
  end: DateTime
  rrule: string | null
  slots: Interval[]
  /** The span a retry reads the lab's calendar for (as authorise did). */
  window: Interval
}

function expandSlots(input: CreateBookingInput, zone: string, labMaxMinutes: number, window: Interval): Slots {
  const start = instantIn(input.start, zone, 'start')
  const end = instantIn(input.end, zone, 'end')
  if (end <= start) throw invalid('end', field.endAfterStart())
  assertSlotBounded(start.toJSDate(), end.toJSDate(), Math.max(DEFAULT_MAX_SLOT_MINUTES, labMaxMinutes))
  if (!input.recurrence) return { start, end, rrule: null, slots: [{ start: start.toJSDate(), end: end.toJSDate() }], window }
  try {
    const rule = parseRecurrenceRule(input.recurrence.rrule)
    const slots = expandIntervals({ rrule: rule, start, end, zone, exdates: input.recurrence.exdates })
    return { start, end, rrule: rule.text, slots, window }
  } catch (err) {
    if (err instanceof RecurrenceError) throw invalid('recurrence.rrule', err.text, m.invalidRecurrence({ reason: err.text }))
    throw err
  }
}

/** The user and key an answer is kept under (`Idempotency-Key`). */
type Keep = { userId: string; key: string }

/**
 * `Idempotency-Key` (the caller looked for the key's first answer, readForBooking): `write` stores its own answer
 * under `keep` in the statement or transaction that writes the bookings (a concurrent twin then fails on the key
 * and finds it). A conflict is an answer too: it is stored, so the same request is refused the same way.
 */
async function idempotent(
  db: Kysely<Database>,
  userId: string,
  key: string | undefined,
  write: (keep: Keep | null) => Promise<Answer>,
): Promise<Answer> {
  if (!key) return write(null)
  try {
    return await write({ userId, key })
  } catch (err) {
    const conflict = err instanceof AppError && err.code === 'conflict'
    if (isIdempotencyRace(err) || conflict) {
      const first = await findAnswer(db, userId, key)
      if (first) return first
    }
    if (conflict) {
      const answer = { status: err.status, body: problemBody(err.code, err.detail, err.extra) }
      await saveAnswer(db, { userId, key, answer }, { ifAbsent: true })
    }
    throw err
  }
}

/** Everything a create writes, once authorised and expanded. */
interface NewBooking extends Authorised, Slots {
  status: BookingStatus
  actor: SessionUser
  input: CreateBookingInput
  equipment: EquipmentRequest[]
}

function skippedOf(blocked: Checked[], zone: string) {
  return blocked.map((c) => ({
    start: formatInstant(c.slot.start, zone),
    end: formatInstant(c.slot.end, zone),
    conflicts: c.conflicts.map((x) => toConflictView(x, zone)),
  }))
}

/** ?dryRun=true: what would be stored and what would be skipped, nothing written. */
function dryRunAnswer(b: NewBooking, checked: Checked[]): Answer {
  const zone = b.lab.timezone
  return {
    status: 200,
    body: {
      series: b.rrule ? { id: null, rrule: b.rrule } : null,
      bookings: checked
        .filter((c) => c.conflicts.length === 0)
        .map((c) => ({
          id: null,
          seriesId: null,
          labId: b.lab.id,
          teamId: b.teamId,
          title: b.input.title,
          start: formatInstant(c.slot.start, zone),
          end: formatInstant(c.slot.end, zone),
          status: b.status,
          equipment: c.allocations,
        })),
      skipped: skippedOf(
        checked.filter((c) => c.conflicts.length > 0),
        zone,
      ),
    },
  }
}

/** What a create writes, decided before writing: the ids, the rows, the audit row, the rows as read back. */
interface Planned {
  free: Checked[]
  blocked: Checked[]
  series: (SeriesColumns & { id: string }) | null
  ids: string[]
  /** The rows' created_at and updated_at. */
  now: Date
  audit: Insertable<AuditLogTable>
  written: Array<{ booking: BookingRow; group: GroupRow }>
  /** What createdMessages() would read back: the new rows and the recipients' accounts. */
  known: Known
}

/**
 * Plans the write of the checked slots, or refuses them: all or nothing unless skipConflicts. Ids and the rows'
 * timestamps are drawn here (random v4 UUIDs, as the columns' default draws them), so that the series, the audit
 * row and the messages go in the bookings' own INSERT, and the answer is known before it.
 */
function planWrite(b: NewBooking, checked: Checked[]): Planned {
  const { lab, actor, input, teamId, status } = b
  const free = checked.filter((c) => c.conflicts.length === 0)
  const blocked = checked.filter((c) => c.conflicts.length > 0)
  const all = blocked.flatMap((c) => c.conflicts)
  if (free.length === 0) {
    throw conflictProblem(all, lab.timezone, b.slots.length === 1 ? m.notBookable() : m.noOccurrenceBookable())
  }
  if (blocked.length > 0 && !input.skipConflicts) {
    throw conflictProblem(all, lab.timezone, m.someOccurrencesBlocked({ blocked: blocked.length, total: b.slots.length }))
  }
  const series = b.rrule
    ? {
        id: randomUUID(),
        rrule: b.rrule,
        dtstart: b.start.toJSDate(),
        duration_minutes: Math.max(1, Math.round((b.end.toMillis() - b.start.toMillis()) / 60_000)),
        title: input.title,
        created_by: actor.id,
      }
    : null
  const ids = free.map(() => randomUUID())
  const now = new Date()
  const audit = auditRow({
    actorUserId: actor.id,
    action: 'booking.created',
    entity: series ? 'booking_series' : 'booking',
    entityId: series?.id ?? ids[0],
    details: { labId: lab.id, teamId, status, bookingIds: ids, skipped: blocked.length, rrule: b.rrule },
  })
  const written = rowsWritten({ lab, team: b.team, series, status, input, actorId: actor.id, free, ids, now })
  const users: RecipientUser[] = [{ id: actor.id, email: actor.email, name: actor.name, locale: actor.locale }]
  if (b.team?.contact && b.team.contact.id !== actor.id) users.push(b.team.contact)
  const known = { rows: written.map((w) => w.group), users, equipment: free.some((c) => c.allocations.length > 0) }
  return { free, blocked, series, ids, now, audit, written, known }
}

/**
 * The one INSERT of the bookings, with the series, the audit row, the messages (createdMessages) and, when given,
 * the answer kept under its Idempotency-Key as its CTEs: one round trip, all or nothing (bookings-insert.ts).
 */
function insertPlanned(
  db: Kysely<Database>,
  b: NewBooking,
  p: Planned,
  messages: NewMessage[],
  answer?: Insertable<IdempotencyKeysTable>,
): Promise<void> {
  return insertBookingsAtOnce(db, {
    labId: b.lab.id,
    teamId: b.teamId,
    title: b.input.title,
    status: b.status,
    expectedParticipants: b.input.expectedParticipants ?? null,
    createdBy: b.actor.id,
    now: p.now,
    ids: p.ids,
    slots: p.free.map((c) => c.slot),
    series: p.series,
    audit: p.audit,
    messages,
    answer,
  })
}

function answerOf(b: NewBooking, p: Planned, equipmentOf: Map<string, EquipmentAllocation[]>): Answer {
  const views = p.written.map((w) => toBookingView(w.booking, equipmentOf.get(w.booking.id) ?? []))
  return {
    status: 201,
    body: {
      series: p.series ? { id: p.series.id, rrule: p.series.rrule } : null,
      bookings: views,
      skipped: skippedOf(p.blocked, b.lab.timezone),
    },
  }
}

/**
 * The write, in the transaction that checked the slots: the bookings' INSERT (insertPlanned) with their messages;
 * with equipment, its allocations, then the messages and the answer, which read them back (in the order views
 * list it).
 */
async function insertBookings(trx: Transaction<Database>, b: NewBooking, checked: Checked[]): Promise<Answer> {
  const p = planWrite(b, checked)
  if (!p.known.equipment) {
    await insertPlanned(trx, b, p, await createdMessages(trx, p.ids, p.known))
    return answerOf(b, p, new Map())
  }
  // The messages name the equipment: they are written once the allocations are, reading them back.
  await insertPlanned(trx, b, p, [])
  for (let i = 0; i < p.free.length; i++) {
    if (p.free[i].allocations.length) await saveAllocations(trx, p.ids[i], p.free[i].slot, p.free[i].allocations)
  }
  await notify(trx, { type: 'booking.created', bookingIds: p.ids, actorUserId: b.actor.id }, p.known)
  return answerOf(b, p, await equipmentOfBookings(trx, p.ids))
}

/**
 * A booking whose slots need no lock (freeWithoutLocks), written in one statement without a transaction: the
 * bookings' INSERT with everything else as its CTEs, the answer kept in it too. The exclusion constraint
 * referees the live bookings that were not read: when it refuses (another booking is there), null, and the
 * caller checks and writes in a transaction as any other booking, which reads that booking and says why.
 */
async function writeAtOnce(db: Kysely<Database>, b: NewBooking, free: Checked[], keep: Keep | null): Promise<Answer | null> {
  const p = planWrite(b, free)
  const answer = answerOf(b, p, new Map())
  const messages = await createdMessages(db, p.ids, p.known)
  try {
    await insertPlanned(db, b, p, messages, keep ? answerRow({ ...keep, answer }) : undefined)
  } catch (err) {
    if (isOverlap(err)) return null
    throw err
  }
  return answer
}

export async function bookingViews(db: Kysely<Database>, ids: string[]): Promise<BookingView[]> {
  const rows = await bookingsByIds(db, ids)
  const equipment = await equipmentOfBookings(db, ids)
  return rows.map((r) => toBookingView(r, equipment.get(r.id) ?? []))
}

/** PATCH /bookings/:id: moves (same checks as a new booking, itself excluded) or edits one occurrence. */
export async function updateBooking(db: Kysely<Database>, actor: SessionUser, id: string, input: PatchBookingInput): Promise<BookingView> {
  const viewer = await viewerOf(db, actor)
  const row = await findBooking(db, id)
  if (!row || !seesBooking(viewer, row)) throw problems.notFound('booking')
  const staff = managesHub(viewer, row.hub_id)
  const lab = await findLab(db, row.lab_id)
  if (!lab) throw problems.notFound('lab')
  const zone = row.timezone
  const start = input.start ? instantIn(input.start, zone, 'start').toJSDate() : row.start
  const end = input.end
    ? instantIn(input.end, zone, 'end').toJSDate()
    : input.start
      ? new Date(start.getTime() + (row.end.getTime() - row.start.getTime()))
      : row.end
  if (end <= start) throw invalid('end', field.endAfterStart())
  assertSlotBounded(start, end, Math.max(DEFAULT_MAX_SLOT_MINUTES, maxSlotMinutes(lab)))
  if (input.expectedParticipants != null && input.expectedParticipants > lab.capacity) {
    throw invalid('expectedParticipants', m.overCapacity({ capacity: lab.capacity }))
  }
  const moving = start.getTime() !== row.start.getTime() || end.getTime() !== row.end.getTime()
  await withRetries(async () => {
    // read before the transaction, and again on a retry (a closure written meanwhile may be why it failed)
    const [calendar, rules] = moving
      ? await Promise.all([labCalendar(db, lab.id, { start, end }), rulesOfTeam(db, row.team_id)])
      : [null, null]
    return db.transaction().execute(async (trx) => {
      const current = await trx.selectFrom('bookings').select(['status']).where('id', '=', id).forUpdate().executeTakeFirstOrThrow()
      if (!LIVE_STATUSES.includes(current.status)) {
        throw problems.conflict(m.onlyPendingOrConfirmedChange())
      }
      const changes: Partial<{ title: string; expected_participants: number | null }> = {}
      if (input.title !== undefined) changes.title = input.title
      if (input.expectedParticipants !== undefined) changes.expected_participants = input.expectedParticipants
      if (!moving || !calendar) {
        // A new title changes what the attendees' calendars show: they get an update (notify bumps SEQUENCE).
        const retitled = changes.title !== undefined && changes.title !== row.title
        await trx
          .updateTable('bookings')
          .set({ ...changes, ...(retitled ? touched() : bumped()) })
          .where('id', '=', id)
          .execute()
        if (retitled) await notify(trx, { type: 'booking.updated', bookingId: id, actorUserId: actor.id })
        await recordAudit(trx, { actorUserId: actor.id, action: 'booking.updated', entity: 'booking', entityId: id, details: { ...input } })
        return
      }
      if (!staff && row.start < new Date()) {
        throw conflictProblem([{ start: row.start, end: row.end, reason: 'past' }], zone, m.startedCannotMove())
      }
      const [checked] = await checkSlots(trx, {
        lab,
        calendar,
        teamId: row.team_id,
        team: rules,
        slots: [{ start, end }],
        equipment: await equipmentRequestsOf(trx, id),
        allowPast: staff,
        excludeBookingIds: [id],
      })
      if (checked.conflicts.length > 0) throw conflictProblem(checked.conflicts, zone, m.newTimeNotBookable())
      // A member's move goes back to approval where the lab requires it.
      const status: BookingStatus = !staff && lab.approval_required ? 'pending' : current.status
      await trx
        .updateTable('bookings')
        .set({ ...changes, during: tstzrange(start, end), status, ...touched() })
        .where('id', '=', id)
        .execute()
      await releaseAllocations(trx, [id])
      if (checked.allocations.length) await saveAllocations(trx, id, { start, end }, checked.allocations)
      await notify(trx, { type: 'booking.moved', bookingId: id, previous: { start: row.start, end: row.end }, actorUserId: actor.id })
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: 'booking.moved',
        entity: 'booking',
        entityId: id,
        details: {
          from: { start: formatInstant(row.start, zone), end: formatInstant(row.end, zone) },
          to: { start: formatInstant(start, zone), end: formatInstant(end, zone) },
          status,
          ...changes,
        },
      })
      await promoteWaitlist(trx, row.lab_id, [{ start: row.start, end: row.end }])
    })
  })
  const [view] = await bookingViews(db, [id])
  return view
}
