import ical, { type ICalAttendeeData, ICalAttendeeStatus, ICalCalendarMethod, type ICalEventData, ICalEventStatus } from 'ical-generator'
import { DateTime } from 'luxon'
import { cooperative } from '../backend/cooperative.ts'
import { HOLDING } from '../backend/features/bookings/statuses.ts'
import { wallMillisToInstant, zoneNamed } from '../backend/time.ts'
import type { BookingStatus } from '../db/schema.ts'
import { expandRule, ruleWithCount } from './recurrence.ts'
import type { Place } from './templates.ts'
import { vtimezone } from './vtimezone.ts'

export const UID_DOMAIN = 'spazicomuni.comune.milano.it'
const PRODID = { company: 'Comune di Milano', product: 'Spazi Comuni', language: 'IT' }

export interface CalendarOccurrence {
  bookingId: string
  start: Date
  end: Date
  /** The start the occurrence had when its series was expanded: its RECURRENCE-ID for ever. */
  recurrenceStart: Date
  status: BookingStatus
  title: string
  sequence: number
  updatedAt: Date
}

/** A series (with every one of its occurrences, whatever their status) or a single booking. */
export interface CalendarBooking {
  seriesId: string | null
  series: { rrule: string; dtstart: Date; durationMinutes: number; title: string } | null
  occurrences: CalendarOccurrence[]
  teamName: string | null
  place: Place
  /** `${publicUrl}/bookings/<id>` */
  linkFor: (bookingId: string) => string
  /** The hub, as ORGANIZER (unless the options name one). */
  organizer?: { name: string; email: string }
}

export interface IcsOptions {
  organizer?: { name: string; email: string }
  /** The recipient of an invitation. */
  attendee?: { name: string; email: string }
  /**
   * Busy time only (a lab's public feed): no title, no team, no description, and neither the link to the
   * booking's page (which the public cannot open) nor an ORGANIZER (RFC 5545 §3.8.4.3: not on events that are
   * not group-scheduled); each event keeps its UID, SEQUENCE, DTSTAMP, times, SUMMARY, LOCATION and STATUS.
   */
  busyOnly?: boolean
  /** DTSTAMP of an invitation; feeds use the last change of each event, so the same data gives the same bytes. */
  stamp?: Date
}

/** The UID of one event: the series for a series that its RRULE describes, else the occurrence. */
export const seriesUid = (seriesId: string) => `${seriesId}@${UID_DOMAIN}`
export const bookingUid = (bookingId: string) => `${bookingId}@${UID_DOMAIN}`

/** METHOD:REQUEST with the booking's whole current state (an invitation or its update). */
export function requestIcs(booking: CalendarBooking, options: IcsOptions): string {
  return calendar(ICalCalendarMethod.REQUEST, booking.place.zone, eventsOf(booking, options), booking.place.hubName)
}

/**
 * METHOD:CANCEL for the given occurrences, with the UIDs they were sent with: the whole series when none of it
 * remains, otherwise each occurrence by its RECURRENCE-ID.
 */
export function cancelIcs(booking: CalendarBooking, cancelled: CalendarOccurrence[], options: IcsOptions): string {
  const shape = shapeOf(booking)
  const zone = booking.place.zone
  const sequence = Math.max(0, ...booking.occurrences.map((o) => o.sequence))
  const base = (o: CalendarOccurrence, recurrenceStart: Date | null) => ({
    ...common(booking, o.title, options),
    status: ICalEventStatus.CANCELLED,
    ...times(o.start, o.end, recurrenceStart, zone),
    stamp: utc(options.stamp ?? o.updatedAt),
  })
  let events: ICalEventData[]
  if (shape.kind === 'rrule' && !booking.occurrences.some((o) => HOLDING.has(o.status))) {
    events = [{ ...shape.master(options), status: ICalEventStatus.CANCELLED, sequence }]
  } else if (shape.kind === 'rrule') {
    events = cancelled.map((o) => ({
      ...base(o, o.recurrenceStart),
      id: seriesUid(booking.seriesId!),
      sequence: Math.max(sequence, o.sequence),
    }))
  } else {
    events = cancelled.map((o) => ({ ...base(o, null), id: bookingUid(o.bookingId), sequence: o.sequence }))
  }
  return calendar(ICalCalendarMethod.CANCEL, zone, events, booking.place.hubName)
}

/** How many events are written between two chances for other requests to run (a feed may hold thousands). */
const EVENTS_PER_SLICE = 25

/**
 * A subscribable feed (no METHOD): every live booking, a series as one recurring event. A busy lab's feed takes
 * a hundred milliseconds and more to write, so it is written a slice of events at a time, letting other
 * requests run in between (issue 11: no request holds the event loop for long). The calendar's own lines and
 * its VTIMEZONE come first, then the events.
 */
export async function feedIcs(name: string, zone: string, bookings: CalendarBooking[], options: IcsOptions): Promise<string> {
  let text = ''
  for await (const part of feedIcsParts(name, zone, bookings, options)) text += part
  return text
}

/**
 * The feed as consecutive parts (the calendar's head, slices of EVENTS_PER_SLICE events, its end), giving the
 * event loop a turn between slices: a caller that encodes, hashes and sends each part never holds one string
 * of megabytes (flattening and encoding that at once held the loop ~200 ms for a team of 7,500 bookings).
 */
export async function* feedIcsParts(name: string, zone: string, bookings: CalendarBooking[], options: IcsOptions): AsyncGenerator<string> {
  const pause = cooperative()
  const events: ICalEventData[] = []
  for (const booking of bookings) {
    events.push(...eventsOf(booking, options))
    await pause()
  }
  const shell = feedShell(name, zone)
  yield shell.head
  for (let i = 0; i < events.length; i += EVENTS_PER_SLICE) {
    yield veventsText(events.slice(i, i + EVENTS_PER_SLICE))
    await pause()
  }
  yield shell.tail
}

/** A feed's own lines around its events: the head (with the VTIMEZONE) and `END:VCALENDAR`. */
export function feedShell(name: string, zone: string): { head: string; tail: string } {
  const shell = calendar(null, zone, [], name)
  const end = shell.lastIndexOf('END:VCALENDAR')
  return { head: shell.slice(0, end), tail: shell.slice(end) }
}

/**
 * The VEVENTs one booking (a series or a single booking) adds to a feed, exactly as feedIcsParts writes them
 * ('' when none of it is live): each event is written and folded on its own, so a feed is its head, the texts
 * of its bookings in order, and its tail (backend/features/calendars/feed-cache.ts keeps them per booking).
 */
export function feedEventsText(booking: CalendarBooking, options: IcsOptions): string {
  const events = eventsOf(booking, options)
  return events.length === 0 ? '' : veventsText(events)
}

/** Events as a calendar of events alone writes them: from its first BEGIN:VEVENT to END:VCALENDAR. */
function veventsText(events: ICalEventData[]): string {
  const text = ical({ prodId: PRODID, events }).toString()
  return text.slice(text.indexOf('BEGIN:VEVENT\r\n'), text.lastIndexOf('END:VCALENDAR'))
}

/**
 * The calendar has no ical-generator time zone of its own: given one, ical-generator writes DTSTAMP as local
 * time without `Z`, which RFC 5545 forbids (DTSTAMP is UTC). Each event names its zone (DTSTART;TZID=…), and
 * the VTIMEZONE they refer to is written here.
 */
function calendar(method: ICalCalendarMethod | null, zone: string, events: ICalEventData[], name: string): string {
  const cal = ical({ prodId: PRODID, name, events })
  cal.x([['X-WR-TIMEZONE', zone]])
  if (method) cal.method(method)
  const text = cal.toString()
  const timezone = vtimezone(zone)
  if (!timezone) return text
  // Before the first event, or before the end when there is none.
  const at = text.search(/BEGIN:VEVENT\r\n|END:VCALENDAR/)
  return `${text.slice(0, at)}${timezone.replace(/\r?\n$/, '')}\r\n${text.slice(at)}`
}

/** DTSTAMP: the instant in UTC (written with `Z`). */
function utc(instant: Date): DateTime {
  return DateTime.fromJSDate(instant, { zone: 'utc' })
}

type Shape =
  | { kind: 'rrule'; master: (o: IcsOptions) => ICalEventData; overrides: (o: IcsOptions) => ICalEventData[] }
  | { kind: 'occurrences' }

/**
 * A series whose occurrences all come from its RRULE expansion is one VEVENT (RRULE + EXDATE for the instances
 * without a live occurrence) plus one RECURRENCE-ID override per occurrence that was moved, retitled or differs
 * in status. Its DTSTART is the first instance of the rule: a series whose start is not on its rule (a Monday
 * start for FREQ=MONTHLY;BYDAY=2TU) is expanded by the API without that start, while RFC 5545 would count
 * DTSTART as an instance. Anything else (a single booking, a series we cannot express) is one VEVENT per
 * occurrence.
 */
function shapeOf(booking: CalendarBooking): Shape {
  const { series, seriesId } = booking
  if (!series || !seriesId) return { kind: 'occurrences' }
  const zone = booking.place.zone
  const instants = expandRule(series.rrule, series.dtstart, zone)
  if (instants.length === 0) return { kind: 'occurrences' }
  const anchor = instants[0]
  const rrule = ruleWithCount(series.rrule, instants.length)
  if (anchor.getTime() !== series.dtstart.getTime()) {
    // What a calendar client expands from the new DTSTART must be the same instants, or we cannot write it so.
    const again = expandRule(rrule, anchor, zone)
    if (again.length !== instants.length || again.some((d, i) => d.getTime() !== instants[i].getTime())) return { kind: 'occurrences' }
  }
  const keys = new Set(instants.map((d) => d.getTime()))
  if (!booking.occurrences.every((o) => keys.has(o.recurrenceStart.getTime()))) return { kind: 'occurrences' }

  const live = booking.occurrences.filter((o) => HOLDING.has(o.status))
  const liveByInstant = new Map(live.map((o) => [o.recurrenceStart.getTime(), o]))
  const durationMs = series.durationMinutes * 60_000
  const masterStatus = live.some((o) => o.status !== 'pending') ? ICalEventStatus.CONFIRMED : ICalEventStatus.TENTATIVE
  const sequence = Math.max(0, ...booking.occurrences.map((o) => o.sequence))
  const lastChange = new Date(Math.max(0, ...booking.occurrences.map((o) => o.updatedAt.getTime())))
  const exdates = instants.filter((d) => !liveByInstant.has(d.getTime()))
  const localExdates = exdates.filter((d) => unambiguous(d, zone))
  const utcExdates = exdates.filter((d) => !unambiguous(d, zone))
  const masterEnd = new Date(anchor.getTime() + durationMs)
  const rruleLines = [
    `RRULE:${rrule}`,
    ...(localExdates.length
      ? [`EXDATE;TZID=${zone}:${localExdates.map((d) => local(d, zone).toFormat("yyyyMMdd'T'HHmmss")).join(',')}`]
      : []),
    ...(utcExdates.length ? [`EXDATE:${utcExdates.map((d) => utc(d).toFormat("yyyyMMdd'T'HHmmss'Z'")).join(',')}`] : []),
    // An end in the hour shown twice would read as its first instant (a zero-length or 2-hour event): the
    // master then says how long it lasts, which every instance inherits as an exact duration (RFC 5545).
    ...(unambiguous(masterEnd, zone) ? [] : [`DURATION:PT${series.durationMinutes}M`]),
  ].join('\r\n')
  const first = live[0] ?? booking.occurrences[0]
  const differs = (o: CalendarOccurrence) =>
    o.start.getTime() !== o.recurrenceStart.getTime() ||
    o.end.getTime() - o.start.getTime() !== durationMs ||
    o.title !== series.title ||
    statusOf(o.status) !== masterStatus

  return {
    kind: 'rrule',
    master: (options) => ({
      ...common(booking, series.title, options),
      id: seriesUid(seriesId),
      sequence,
      // The rule's instants are first instants of their wall times (expandRule), so DTSTART;TZID names them.
      start: local(anchor, zone),
      end: unambiguous(masterEnd, zone) ? local(masterEnd, zone) : null,
      timezone: zone,
      repeating: rruleLines,
      status: masterStatus,
      url: booking.linkFor(first.bookingId),
      stamp: utc(options.stamp ?? lastChange),
    }),
    overrides: (options) =>
      live.filter(differs).map((o) => ({
        ...common(booking, o.title, options),
        id: seriesUid(seriesId),
        sequence: Math.max(sequence, o.sequence),
        ...times(o.start, o.end, o.recurrenceStart, zone),
        status: statusOf(o.status),
        url: booking.linkFor(o.bookingId),
        stamp: utc(options.stamp ?? o.updatedAt),
      })),
  }
}

function eventsOf(booking: CalendarBooking, options: IcsOptions): ICalEventData[] {
  const events = allEventsOf(booking, options)
  return options.busyOnly ? events.map((e) => ({ ...e, url: null })) : events
}

function allEventsOf(booking: CalendarBooking, options: IcsOptions): ICalEventData[] {
  const shape = shapeOf(booking)
  const live = booking.occurrences.filter((o) => HOLDING.has(o.status))
  if (live.length === 0) return []
  if (shape.kind === 'rrule') return [shape.master(options), ...shape.overrides(options)]
  const zone = booking.place.zone
  return live.map((o) => ({
    ...common(booking, o.title, options),
    id: bookingUid(o.bookingId),
    sequence: o.sequence,
    ...times(o.start, o.end, null, zone),
    status: statusOf(o.status),
    url: booking.linkFor(o.bookingId),
    stamp: utc(options.stamp ?? o.updatedAt),
  }))
}

/**
 * DTSTART, DTEND (and RECURRENCE-ID) of one event: local times with TZID when each names its instant, else all
 * in UTC. RFC 5545 reads a wall time shown twice (02:30 on the last Sunday of October) as its first instant, so
 * an instant in the second pass of that hour cannot be written as local time.
 */
function times(start: Date, end: Date, recurrenceStart: Date | null, zone: string) {
  const instants = recurrenceStart ? [start, end, recurrenceStart] : [start, end]
  if (instants.every((i) => unambiguous(i, zone))) {
    return {
      start: local(start, zone),
      end: local(end, zone),
      timezone: zone,
      ...(recurrenceStart && { recurrenceId: local(recurrenceStart, zone) }),
    }
  }
  return { start: utc(start), end: utc(end), timezone: null, ...(recurrenceStart && { recurrenceId: utc(recurrenceStart) }) }
}

/** Whether the instant's local wall time, read as RFC 5545 reads it, is that instant again. */
function unambiguous(instant: Date, zone: string): boolean {
  const dt = local(instant, zone)
  const wall = Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second)
  return wallMillisToInstant(wall, zone) === instant.getTime() - dt.millisecond
}

function common(booking: CalendarBooking, title: string, options: IcsOptions): Omit<ICalEventData, 'start'> {
  const { place } = booking
  const address = `${place.hubName}, ${place.address}`
  if (options.busyOnly) {
    return { summary: 'Occupato', location: address }
  }
  const organizer = options.organizer ?? booking.organizer ?? null
  const description = [
    booking.teamName ? `Gruppo: ${booking.teamName}` : null,
    `Laboratorio: ${place.labName}`,
    `Hub: ${place.hubName}, ${place.address}`,
    place.phone ? `Telefono: ${place.phone}` : null,
    place.email ? `Email: ${place.email}` : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n')
  const attendees: ICalAttendeeData[] = options.attendee
    ? [{ email: options.attendee.email, name: options.attendee.name, rsvp: false, status: ICalAttendeeStatus.ACCEPTED }]
    : []
  return {
    summary: `${title} — ${place.labName}`,
    description,
    location: address,
    organizer,
    attendees,
  }
}

function statusOf(status: BookingStatus): ICalEventStatus {
  return status === 'pending' ? ICalEventStatus.TENTATIVE : ICalEventStatus.CONFIRMED
}

function local(instant: Date, zone: string): DateTime {
  return DateTime.fromJSDate(instant, { zone: zoneNamed(zone) })
}
