import { type Kysely, sql } from 'kysely'
import { jsonArrayFrom } from 'kysely/helpers/postgres'
import { DateTime } from 'luxon'
import { precompiled } from '../../../db/precompiled.ts'
import type { Database, LabType } from '../../../db/schema.ts'
import { cooperative } from '../../cooperative.ts'
import { groupBy } from '../../grouping.ts'
import { isStaff } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { invalid, isUuid } from '../../http/validation.ts'
import { boundIn, DEFAULT_ZONE, formatInstant, type Interval, instantIn } from '../../time.ts'
import type { LabRow } from '../catalogue/mappers.ts'
import { toLab } from '../catalogue/mappers.ts'
import type { OpeningInterval } from '../catalogue/opening-hours.ts'
import { filteredLabs, LAB_COLUMNS } from '../catalogue/queries.ts'
import { type Conflict, toConflictView } from './conflict.ts'
import { m } from './messages.ts'
import { freeIntervals } from './opening-hours.ts'
import { assertSlotBounded, assertWithinHorizon, DEFAULT_MAX_SLOT_MINUTES, maxSlotMinutes } from './period-bounds.ts'
import {
  type ClosureRow,
  closureAppliesTo,
  closuresForLabs,
  findLab,
  type IsoWindow,
  isoWindow,
  liveBookingsOverlapping,
  rangeLiteral,
  toCalendar,
  weeklyHoursOfHubs,
  windowOf,
} from './queries.ts'
import { expandIntervals, RecurrenceError } from './recurrence.ts'
import { slotConflicts } from './slot-rules.ts'

export const MAX_AVAILABILITY_DAYS = 93

/**
 * GET /labs/:id/availability: busy time (bookings and closures, without titles or teams) and free time
 * (opening hours minus closures and live bookings) in [from, to). Public.
 */
export async function labAvailability(db: Kysely<Database>, labId: string, q: { from?: string; to?: string }) {
  const lab = isUuid(labId) ? await findLab(db, labId) : undefined
  if (!lab) throw problems.notFound('lab')
  const zone = lab.timezone
  const from = q.from ? boundIn(q.from, zone, 'from') : DateTime.now().setZone(zone).startOf('day').toJSDate()
  const to = q.to ? boundIn(q.to, zone, 'to') : DateTime.fromJSDate(from, { zone }).plus({ days: 7 }).toJSDate()
  if (to <= from) throw invalid('to', field.toAfterFrom())
  assertWithinHorizon(from, 'from')
  if (to.getTime() - from.getTime() > MAX_AVAILABILITY_DAYS * 86_400_000)
    throw invalid('to', m.availabilitySpan({ days: MAX_AVAILABILITY_DAYS }))
  const window = { start: from, end: to }
  // three independent reads, waited for together
  const [hoursOfHubs, closures, bookings] = await Promise.all([
    weeklyHoursOfHubs(db, [lab.hub_id]),
    closuresForLabs(db, [lab], window),
    liveBookingsOverlapping(db, [lab.id], [window]),
  ])
  const hours = hoursOfHubs.get(lab.hub_id) ?? []
  const busy = [
    ...closures.map((c) => ({ start: c.start, end: c.end, kind: 'closure' as const })),
    ...bookings.map((b) => ({ start: b.start, end: b.end, kind: 'booking' as const })),
  ].sort((a, b) => a.start.getTime() - b.start.getTime() || a.kind.localeCompare(b.kind))
  const free = freeIntervals(window, hours, zone, busy)
  const show = (i: Interval) => ({ start: formatInstant(i.start, zone), end: formatInstant(i.end, zone) })
  return {
    labId: lab.id,
    from: formatInstant(from, zone),
    to: formatInstant(to, zone),
    busy: busy.map((b) => ({ ...show(b), kind: b.kind })),
    free: free.map(show),
  }
}

export interface SearchInput {
  type?: LabType
  hubId?: string
  areaId?: string
  minCapacity?: number
  start: string
  end: string
  rrule?: string
  equipmentTypeId?: string
  quantity: number
}

/**
 * GET /availability: the labs matching the filters, ranked by how many occurrences of the wanted slot
 * (one, or a series) are free. A bounded number of set-based queries whatever the number of labs and
 * occurrences. Usually one statement (searchReads: the labs with their hours, closures and bookings in the
 * way), the wanted slots expanded beforehand in the default zone; when a matching lab's hub lies in another
 * zone, or the slot cannot be expanded before the labs are known, the labs first and then their reads
 * (readsOfZones). Equipment, when asked, is counted per slot in that statement too (on the other path, read after
 * the labs: equipmentShortfall).
 */
export async function searchAvailability(db: Kysely<Database>, user: SessionUser | null, q: SearchInput) {
  const expected = expectedSlots(q)
  let labs: SearchLab[]
  if (expected) {
    const rows = await searchReads(db, {
      type: q.type ?? null,
      hubId: q.hubId ?? null,
      areaId: q.areaId ?? null,
      minCapacity: q.minCapacity ?? null,
      from: expected.window.start,
      to: expected.window.end,
      ranges: expected.ranges,
      // a type that cannot exist (not a UUID) has no assets: every slot short, as equipmentShortfall says
      equipmentTypeId: q.equipmentTypeId ? (isUuid(q.equipmentTypeId) ? q.equipmentTypeId : NO_TYPE) : null,
      quantity: q.quantity,
    })
    labs = rows.map(({ hours, closures, bookings, equipment_short, ...lab }) => ({
      ...lab,
      reads: {
        hours,
        closures: toCalendar({ hours, closures }).closures,
        bookings: bookings.map(toBusy),
        equipmentShort: equipment_short && new Set(equipment_short.map((n) => n - 1)),
      },
    }))
  } else {
    const labsQuery = filteredLabs(db, { type: q.type, hubId: q.hubId, areaId: q.areaId, minCapacity: q.minCapacity }).select(LAB_COLUMNS)
    labs = await labsQuery.orderBy('hubs.name').orderBy('labs.name').orderBy('labs.id').execute()
  }

  // The wanted slots, per zone (every hub is usually in Europe/Rome: one expansion).
  const slotsByZone = new Map<string, Interval[]>()
  // Bounded before any expansion: no occurrence longer than the longest any matching lab takes.
  const longest = labs.length ? Math.max(...labs.map(maxSlotMinutes)) : DEFAULT_MAX_SLOT_MINUTES
  for (const zone of new Set(labs.map((l) => l.hub_timezone).concat(labs.length ? [] : ['Europe/Rome']))) {
    // read once already in the default zone (expectedSlots), where end > start
    const start = expected && zone === DEFAULT_ZONE ? expected.start : instantIn(q.start, zone, 'start')
    const end = expected && zone === DEFAULT_ZONE ? expected.end : instantIn(q.end, zone, 'end')
    if (end <= start) throw invalid('end', field.endAfterStart())
    assertSlotBounded(start.toJSDate(), end.toJSDate(), longest)
    if (!q.rrule) {
      slotsByZone.set(zone, [{ start: start.toJSDate(), end: end.toJSDate() }])
      continue
    }
    if (expected && zone === DEFAULT_ZONE) {
      // expanded already, by the same rule from the same instants
      slotsByZone.set(zone, expected.slots)
      continue
    }
    try {
      slotsByZone.set(zone, expandIntervals({ rrule: q.rrule, start, end, zone }))
    } catch (err) {
      if (err instanceof RecurrenceError) throw invalid('rrule', err.text, m.invalidRecurrence({ reason: err.text }))
      throw err
    }
  }
  if (labs.length === 0) return []

  // the statement's reads hold for the default zone's slots alone
  const fromStatement = labs.every((l) => l.reads && l.hub_timezone === DEFAULT_ZONE)
  const [readsOf, equipmentShort]: [(lab: SearchLab) => LabReads, ((lab: SearchLab, slot: Interval, i: number) => boolean) | null] =
    fromStatement
      ? [
          (lab: SearchLab) => lab.reads as LabReads,
          q.equipmentTypeId ? (lab: SearchLab, _slot: Interval, i: number) => !!lab.reads?.equipmentShort?.has(i) : null,
        ]
      : await Promise.all([
          readsOfZones(db, labs, slotsByZone),
          q.equipmentTypeId
            ? equipmentShortfall(
                db,
                labs.map((l) => l.id),
                q.equipmentTypeId,
                q.quantity,
                [...slotsByZone.values()].flat(),
              )
            : null,
        ])

  const now = new Date()
  const allowPast = isStaff(user)
  // Hundreds of occurrences times every lab: the loop yields to other requests every few milliseconds.
  const pause = cooperative()
  const results = []
  for (const lab of labs) {
    const zone = lab.hub_timezone
    const slots = slotsByZone.get(zone) ?? []
    const reads = readsOf(lab)
    const rules = {
      zone,
      minDurationMinutes: lab.min_duration_minutes,
      maxDurationMinutes: lab.max_duration_minutes,
      hours: reads.hours,
      closures: reads.closures,
      bookings: reads.bookings,
      now,
      allowPast,
    }
    let free = 0
    const conflicts: Conflict[] = []
    for (const [i, slot] of slots.entries()) {
      // awaited only when due: an await of nothing still costs a promise and a turn, hundreds per search
      const wait = pause()
      if (wait) await wait
      const found = slotConflicts(slot, rules)
      if (equipmentShort?.(lab, slot, i)) {
        found.push({ start: slot.start, end: slot.end, reason: 'equipment_unavailable', detail: m.equipmentShort() })
      }
      if (found.length === 0) free++
      conflicts.push(...found)
    }
    const { reads: _, ...row } = lab
    results.push({
      lab: toLab(row),
      free,
      total: slots.length,
      conflicts: await viewsOf(conflicts, zone, pause),
    })
  }
  return results.sort((a, b) => b.free - a.free || a.conflicts.length - b.conflicts.length)
}

/** What a lab's slots are checked against besides its own columns. */
interface LabReads {
  hours: OpeningInterval[]
  /** Closures that apply to the lab, overlapping the span of the slots. */
  closures: ClosureRow[]
  /** Its live bookings in the way of any slot. */
  bookings: Array<{ id: string; start: Date; end: Date }>
  /** With equipment asked, from the statement: the indexes of the slots for which the lab lacks it. */
  equipmentShort?: Set<number> | null
}

/** An equipment type no asset has (the nil UUID): asked for a type that is no UUID. */
const NO_TYPE = '00000000-0000-0000-0000-000000000000'

type SearchLab = LabRow & { reads?: LabReads }

/**
 * The slots a search wants in the default zone, expanded before the labs are read (where every hub usually
 * lies), or undefined when the slot is not one every lab could take (the labs decide the answer then): the
 * same steps the search takes once the labs are known, under the largest bound any lab can set.
 */
function expectedSlots(
  q: SearchInput,
): { start: DateTime; end: DateTime; slots: Interval[]; ranges: string[]; window: IsoWindow } | undefined {
  try {
    const start = instantIn(q.start, DEFAULT_ZONE, 'start')
    const end = instantIn(q.end, DEFAULT_ZONE, 'end')
    if (end <= start) return undefined
    assertSlotBounded(start.toJSDate(), end.toJSDate(), DEFAULT_MAX_SLOT_MINUTES)
    const slots = q.rrule
      ? expandIntervals({ rrule: q.rrule, start, end, zone: DEFAULT_ZONE })
      : [{ start: start.toJSDate(), end: end.toJSDate() }]
    if (slots.length === 0) return undefined
    return { start, end, slots, ranges: slots.map(rangeLiteral), window: isoWindow(windowOf(slots)) }
  } catch {
    return undefined
  }
}

/**
 * One statement, built and compiled once (issue 18: the search was the labs, then four reads waited for
 * together): the labs matching the filters (a missing filter is a null parameter, which filters nothing), in
 * the search's order, each with its hub's weekly hours, the closures applying to it that overlap the window
 * and its live bookings in the way of any of the slots (one probe of the (lab_id, during) index per slot); with
 * an equipment type, the ordinals of the slots (from 1) for which the lab has fewer than `quantity` active assets
 * of it that no live allocation or maintenance window holds (equipmentShortfall's rule), null without one.
 */
const searchReads = precompiled(
  (
    db,
    a: {
      type: string
      hubId: string
      areaId: string
      minCapacity: number
      from: string
      to: string
      ranges: string[]
      equipmentTypeId: string
      quantity: number
    },
  ) =>
    db
      // the window's closures read once, not once per lab (materialized: a subquery per lab reads it)
      .with(
        (cte) => cte('window_closures').materialized(),
        (db) =>
          db
            .selectFrom('closures')
            .select(['id', 'hub_id', 'lab_id', 'reason', sql<Date>`lower(during)`.as('start'), sql<Date>`upper(during)`.as('end')])
            .where(sql<boolean>`during && tstzrange(${a.from}::timestamptz, ${a.to}::timestamptz, '[)')`),
      )
      .selectFrom('labs')
      .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
      // each hub's weekly hours aggregated once, joined to its labs
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('opening_hours')
            .select([
              'hub_id',
              sql<OpeningInterval[]>`json_agg(json_build_object('weekday', weekday, 'open', opens, 'close', closes))`.as('hours'),
            ])
            .groupBy('hub_id')
            .as('oh'),
        (j) => j.onRef('oh.hub_id', '=', 'labs.hub_id'),
      )
      .select((eb) => [
        ...LAB_COLUMNS,
        sql<OpeningInterval[]>`coalesce(oh.hours, '[]')`.as('hours'),
        jsonArrayFrom(
          eb
            .selectFrom('window_closures as closures')
            .select(['id', 'hub_id', 'lab_id', 'reason', 'start', 'end'])
            .where(
              sql<boolean>`((closures.hub_id is null and closures.lab_id is null) or closures.hub_id = labs.hub_id or closures.lab_id = labs.id)`,
            )
            .orderBy('start'),
        ).as('closures'),
        jsonArrayFrom(
          eb
            .selectFrom(sql<{ s: string }>`unnest(${a.ranges}::tstzrange[])`.as('s'))
            .innerJoin('bookings as b', (j) => j.on(sql<boolean>`b.lab_id = labs.id and b.during && s.s`))
            // constants in the text: a prepared (generic) plan can then use the index of live bookings
            .where(sql<boolean>`b.status in ('pending', 'confirmed')`)
            .distinct()
            .select(['b.id', sql<Date>`lower(b.during)`.as('start'), sql<Date>`upper(b.during)`.as('end')])
            .orderBy('start'),
        ).as('bookings'),
        // constants in the text here too: the partial index of live allocations (released_at is null)
        sql<number[] | null>`(case when ${a.equipmentTypeId}::uuid is null then null else (
          select coalesce(array_agg(s.n order by s.n), '{}')
          from unnest(${a.ranges}::tstzrange[]) with ordinality as s(r, n)
          where (
            select count(*) from equipment_assets e
            where e.lab_id = labs.id and e.type_id = ${a.equipmentTypeId}::uuid and e.status = 'active'
              and not exists (select 1 from equipment_allocations ea where ea.asset_id = e.id and ea.released_at is null and ea.during && s.r)
              and not exists (select 1 from maintenance_windows mw where mw.asset_id = e.id and mw.during && s.r)
          ) < ${a.quantity}::int
        ) end)`.as('equipment_short'),
      ])
      .where(sql<boolean>`(${a.type}::text is null or labs.type = ${a.type}::text)`)
      .where(sql<boolean>`(${a.hubId}::uuid is null or labs.hub_id = ${a.hubId}::uuid)`)
      .where(sql<boolean>`(${a.areaId}::uuid is null or hubs.area_id = ${a.areaId}::uuid)`)
      .where(sql<boolean>`(${a.minCapacity}::int is null or labs.capacity >= ${a.minCapacity}::int)`)
      .orderBy('hubs.name')
      .orderBy('labs.name')
      .orderBy('labs.id'),
)

function toBusy(b: { id: string; start: string | Date; end: string | Date }) {
  // JSON carries instants as text
  return { id: b.id, start: new Date(b.start), end: new Date(b.end) }
}

/**
 * The reads of labs known first (see searchAvailability): hours, closures and the live bookings of each
 * zone's labs, waited for together.
 */
async function readsOfZones(db: Kysely<Database>, labs: LabRow[], slotsByZone: Map<string, Interval[]>) {
  const window = windowOf([...slotsByZone.values()].flat())
  const [hours, closures, ...bookingsOfZones] = await Promise.all([
    weeklyHoursOfHubs(
      db,
      labs.map((l) => l.hub_id),
    ),
    closuresForLabs(db, labs, window),
    ...[...slotsByZone].map(([zone, slots]) =>
      liveBookingsOverlapping(
        db,
        labs.filter((l) => l.hub_timezone === zone).map((l) => l.id),
        slots,
      ),
    ),
  ])
  const bookingsByLab = groupBy(bookingsOfZones.flat(), (b) => b.lab_id)
  return (lab: LabRow): LabReads => ({
    hours: hours.get(lab.hub_id) ?? [],
    closures: closures.filter((c) => closureAppliesTo(c, lab)),
    bookings: bookingsByLab.get(lab.id) ?? [],
  })
}

/** The conflicts as the API shows them (formatting instants is the costly part), yielding as it goes. */
async function viewsOf(conflicts: Conflict[], zone: string, pause: () => Promise<void> | undefined) {
  const views = []
  for (const c of conflicts) {
    const wait = pause()
    if (wait) await wait
    // Other teams' bookings stay anonymous: no booking ids here.
    views.push(toConflictView(c, zone, { withBookingId: false }))
  }
  return views
}

/**
 * For the optional equipment filter: a function telling whether a lab lacks `quantity` usable assets
 * of the type during a slot (assets active, not allocated, not in maintenance). Three queries.
 */
async function equipmentShortfall(db: Kysely<Database>, labIds: string[], typeId: string, quantity: number, slots: Interval[]) {
  const assets = isUuid(typeId)
    ? await db
        .selectFrom('equipment_assets')
        .select(['id', 'lab_id'])
        .where('type_id', '=', typeId)
        .where('lab_id', 'in', labIds)
        .where('status', '=', 'active')
        .execute()
    : []
  const assetIds = assets.map((a) => a.id)
  const ranges = slots.map(rangeLiteral)
  const blocked = assetIds.length
    ? (
        await sql<{ asset_id: string; start: Date; end: Date }>`
          select asset_id, lower(during) as "start", upper(during) as "end" from equipment_allocations
          where asset_id = any(${assetIds}::uuid[]) and released_at is null and during && any(${ranges}::tstzrange[])
          union all
          select asset_id, lower(during), upper(during) from maintenance_windows
          where asset_id = any(${assetIds}::uuid[]) and during && any(${ranges}::tstzrange[])
        `.execute(db)
      ).rows
    : []
  const assetsByLab = groupBy(
    assets,
    (a) => a.lab_id,
    (a) => a.id,
  )
  const blockedByAsset = groupBy(blocked, (b) => b.asset_id)
  return (lab: { id: string }, slot: Interval): boolean => {
    const usable = (assetsByLab.get(lab.id) ?? []).filter(
      (id) => !(blockedByAsset.get(id) ?? []).some((b) => b.start < slot.end && slot.start < b.end),
    )
    return usable.length < quantity
  }
}
