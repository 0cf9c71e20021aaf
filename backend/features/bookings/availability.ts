import { type Kysely, sql } from 'kysely'
import { DateTime } from 'luxon'
import type { Database, LabType } from '../../../db/schema.ts'
import { cooperative } from '../../cooperative.ts'
import { isStaff } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { invalid, isUuid } from '../../http/validation.ts'
import { boundIn, formatInstant, type Interval, instantIn } from '../../time.ts'
import type { LabRow } from '../catalogue/mappers.ts'
import { toLab } from '../catalogue/mappers.ts'
import { filteredLabs, LAB_COLUMNS } from '../catalogue/queries.ts'
import { type Conflict, toConflictView } from './conflict.ts'
import { m } from './messages.ts'
import { freeIntervals } from './opening-hours.ts'
import { assertSlotBounded, assertWithinHorizon, DEFAULT_MAX_SLOT_MINUTES, maxSlotMinutes } from './period-bounds.ts'
import { closureAppliesTo, closuresForLabs, findLab, liveBookingsOverlapping, rangeLiteral, weeklyHoursOfHubs } from './queries.ts'
import { expandOccurrences, RecurrenceError } from './recurrence.ts'
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
 * occurrences: labs, hours, closures, bookings in the way, and (when asked) equipment.
 */
export async function searchAvailability(db: Kysely<Database>, user: SessionUser | null, q: SearchInput) {
  const labsQuery = filteredLabs(db, { type: q.type, hubId: q.hubId, areaId: q.areaId, minCapacity: q.minCapacity }).select(LAB_COLUMNS)
  const labs: LabRow[] = await labsQuery.orderBy('hubs.name').orderBy('labs.name').orderBy('labs.id').execute()

  // The wanted slots, per zone (every hub is usually in Europe/Rome: one expansion).
  const slotsByZone = new Map<string, Interval[]>()
  // Bounded before any expansion: no occurrence longer than the longest any matching lab takes.
  const longest = labs.length ? Math.max(...labs.map(maxSlotMinutes)) : DEFAULT_MAX_SLOT_MINUTES
  for (const zone of new Set(labs.map((l) => l.hub_timezone).concat(labs.length ? [] : ['Europe/Rome']))) {
    const start = instantIn(q.start, zone, 'start')
    const end = instantIn(q.end, zone, 'end')
    if (end <= start) throw invalid('end', field.endAfterStart())
    assertSlotBounded(start.toJSDate(), end.toJSDate(), longest)
    if (!q.rrule) {
      slotsByZone.set(zone, [{ start: start.toJSDate(), end: end.toJSDate() }])
      continue
    }
    try {
      const occ = expandOccurrences({ rrule: q.rrule, start, end, zone })
      slotsByZone.set(
        zone,
        occ.map((o) => ({ start: o.start.toJSDate(), end: o.end.toJSDate() })),
      )
    } catch (err) {
      if (err instanceof RecurrenceError) throw invalid('rrule', err.text, m.invalidRecurrence({ reason: err.text }))
      throw err
    }
  }
  if (labs.length === 0) return []

  const allSlots = [...slotsByZone.values()].flat()
  const window = {
    start: new Date(Math.min(...allSlots.map((s) => s.start.getTime()))),
    end: new Date(Math.max(...allSlots.map((s) => s.end.getTime()))),
  }
  // independent reads (hours, closures, the live bookings of each zone's labs, the equipment), waited for together
  const [hours, closures, equipmentShort, ...bookingsOfZones] = await Promise.all([
    weeklyHoursOfHubs(
      db,
      labs.map((l) => l.hub_id),
    ),
    closuresForLabs(db, labs, window),
    q.equipmentTypeId
      ? equipmentShortfall(
          db,
          labs.map((l) => l.id),
          q.equipmentTypeId,
          q.quantity,
          allSlots,
        )
      : null,
    ...[...slotsByZone].map(([zone, slots]) =>
      liveBookingsOverlapping(
        db,
        labs.filter((l) => l.hub_timezone === zone).map((l) => l.id),
        slots,
      ),
    ),
  ])
  const bookingsByLab = new Map<string, Array<{ id: string; start: Date; end: Date }>>()
  for (const b of bookingsOfZones.flat()) {
    bookingsByLab.set(b.lab_id, [...(bookingsByLab.get(b.lab_id) ?? []), b])
  }

  const now = new Date()
  const allowPast = isStaff(user)
  // Hundreds of occurrences times every lab: the loop yields to other requests every few milliseconds.
  const pause = cooperative()
  const results = []
  for (const lab of labs) {
    const zone = lab.hub_timezone
    const slots = slotsByZone.get(zone) ?? []
    const rules = {
      zone,
      minDurationMinutes: lab.min_duration_minutes,
      maxDurationMinutes: lab.max_duration_minutes,
      hours: hours.get(lab.hub_id) ?? [],
      closures: closures.filter((c) => closureAppliesTo(c, lab)),
      bookings: bookingsByLab.get(lab.id) ?? [],
      now,
      allowPast,
    }
    let free = 0
    const conflicts: Conflict[] = []
    for (const slot of slots) {
      // awaited only when due: an await of nothing still costs a promise and a turn, hundreds per search
      const wait = pause()
      if (wait) await wait
      const found = slotConflicts(slot, rules)
      if (equipmentShort?.(lab.id, slot)) {
        found.push({ start: slot.start, end: slot.end, reason: 'equipment_unavailable', detail: m.equipmentShort() })
      }
      if (found.length === 0) free++
      conflicts.push(...found)
    }
    results.push({
      lab: toLab(lab),
      free,
      total: slots.length,
      conflicts: await viewsOf(conflicts, zone, pause),
    })
  }
  return results.sort((a, b) => b.free - a.free || a.conflicts.length - b.conflicts.length)
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
  const assetsByLab = new Map<string, string[]>()
  for (const a of assets) assetsByLab.set(a.lab_id, [...(assetsByLab.get(a.lab_id) ?? []), a.id])
  const blockedByAsset = new Map<string, Interval[]>()
  for (const b of blocked) blockedByAsset.set(b.asset_id, [...(blockedByAsset.get(b.asset_id) ?? []), b])
  return (labId: string, slot: Interval): boolean => {
    const usable = (assetsByLab.get(labId) ?? []).filter(
      (id) => !(blockedByAsset.get(id) ?? []).some((b) => b.start < slot.end && slot.start < b.end),
    )
    return usable.length < quantity
  }
}
