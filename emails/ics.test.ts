import { DateTime } from 'luxon'
import ical from 'node-ical'
import { describe, expect, it } from 'vitest'
import { type CalendarBooking, type CalendarOccurrence, cancelIcs, feedIcs, requestIcs } from './ics.ts'
import { instancesOf, veventLines } from './ics-test-helpers.ts'
import { expandRule } from './recurrence.ts'

const ZONE = 'Europe/Rome'
const rome = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate()
const place = {
  labName: 'Cucina',
  hubName: 'Hub Giambellino',
  address: 'Via Giambellino 1, Milano',
  phone: '02 123',
  email: null,
  zone: ZONE,
}
const organizer = { name: 'Hub Giambellino', email: 'hub@example.org' }
const SERIES_ID = '11111111-1111-4111-8111-111111111111'

function weeklySeries(overrides: (o: CalendarOccurrence, i: number) => Partial<CalendarOccurrence> = () => ({})): CalendarBooking {
  const dtstart = rome('2027-10-19T18:00')
  const starts = expandRule('FREQ=WEEKLY;BYDAY=TU;COUNT=4', dtstart, ZONE)
  return {
    seriesId: SERIES_ID,
    series: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4', dtstart, durationMinutes: 120, title: 'Corso di cucina' },
    occurrences: starts.map((start, i) => {
      const o: CalendarOccurrence = {
        bookingId: `b${i}`,
        start,
        end: new Date(start.getTime() + 7_200_000),
        recurrenceStart: start,
        status: 'confirmed',
        title: 'Corso di cucina',
        sequence: 0,
        updatedAt: new Date('2027-09-01T10:00:00Z'),
      }
      return { ...o, ...overrides(o, i) }
    }),
    teamName: 'Associazione Orti',
    place,
    linkFor: (id) => `http://localhost:8080/bookings/${id}`,
  }
}

describe('line folding (ical-generator, patched in patches/ for speed)', () => {
  it('keeps every line within 75 octets without splitting a character, and unfolds to the original text', () => {
    const title = `Laboratorio di cucina più sostenibile: è già così 🍝 ${'àèìòù€ '.repeat(12)}`.trim()
    const booking = weeklySeries((o) => ({ title: o.title }))
    const ics = requestIcs({ ...booking, series: booking.series && { ...booking.series, title } }, { organizer })
    for (const line of ics.split('\r\n')) {
      expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75)
      expect(line).not.toMatch(/\uFFFD/)
    }
    expect(veventLines(ics)[0]).toContain(`SUMMARY:${title} — Cucina`)
  })
})

describe('requestIcs', () => {
  it('a weekly series at 18:00 stays 18:00 Europe/Rome across the end of October', () => {
    const ics = requestIcs(weeklySeries(), { organizer })
    expect(ics).toContain('METHOD:REQUEST')
    expect(ics).toContain('BEGIN:VTIMEZONE\r\nTZID:Europe/Rome')
    expect(ics).toContain('DTSTART;TZID=Europe/Rome:20271019T180000')
    expect(veventLines(ics)).toHaveLength(1)
    expect(instancesOf(ics).map((i) => `${i.start}/${i.end}`)).toEqual([
      '2027-10-19T18:00/2027-10-19T20:00',
      '2027-10-26T18:00/2027-10-26T20:00',
      '2027-11-02T18:00/2027-11-02T20:00',
      '2027-11-09T18:00/2027-11-09T20:00',
    ])
    expect(new Set(instancesOf(ics).map((i) => i.uid))).toEqual(new Set([`${SERIES_ID}@spazicomuni.comune.milano.it`]))
  })

  it('leaves cancelled occurrences out with EXDATE', () => {
    const ics = requestIcs(
      weeklySeries((_o, i) => (i === 1 ? { status: 'cancelled' } : {})),
      { organizer },
    )
    expect(ics).toContain('EXDATE;TZID=Europe/Rome:20271026T180000')
    expect(instancesOf(ics).map((i) => i.start)).toEqual(['2027-10-19T18:00', '2027-11-02T18:00', '2027-11-09T18:00'])
  })

  it('writes a moved occurrence as an override of the same UID', () => {
    const ics = requestIcs(
      weeklySeries((_o, i) => (i === 2 ? { start: rome('2027-11-03T10:00'), end: rome('2027-11-03T12:00'), sequence: 1 } : {})),
      { organizer },
    )
    const events = veventLines(ics)
    expect(events).toHaveLength(2)
    expect(events[1]).toContain('RECURRENCE-ID;TZID=Europe/Rome:20271102T180000')
    expect(events.every((e) => e.includes(`UID:${SERIES_ID}@spazicomuni.comune.milano.it`))).toBe(true)
    expect(instancesOf(ics).map((i) => i.start)).toEqual(['2027-10-19T18:00', '2027-10-26T18:00', '2027-11-03T10:00', '2027-11-09T18:00'])
  })

  it('writes one event per occurrence when the occurrences are not the RRULE’s', () => {
    const booking = weeklySeries((_o, i) => (i === 0 ? { recurrenceStart: rome('2027-10-18T18:00') } : {}))
    const ics = requestIcs(booking, { organizer })
    const events = veventLines(ics)
    expect(events).toHaveLength(4)
    expect(events[0]).toContain('UID:b0@spazicomuni.comune.milano.it')
    expect(events.some((e) => e.some((l) => l.startsWith('RRULE')))).toBe(false)
    expect(instancesOf(ics)).toHaveLength(4)
  })

  it('a single booking has its own UID, the hub as organizer and the address as location', () => {
    const single: CalendarBooking = { ...weeklySeries(), seriesId: null, series: null }
    single.occurrences = single.occurrences.slice(0, 1)
    const ics = requestIcs(single, { organizer, attendee: { name: 'Ada', email: 'ada@example.org' } })
    const [event] = veventLines(ics)
    expect(event).toContain('UID:b0@spazicomuni.comune.milano.it')
    expect(event.find((l) => l.startsWith('ORGANIZER'))).toContain('mailto:hub@example.org')
    expect(event.find((l) => l.startsWith('LOCATION'))).toContain('Via Giambellino 1')
    expect(event.find((l) => l.startsWith('ATTENDEE'))).toContain('ada@example.org')
    expect(event).toContain('STATUS:CONFIRMED')
  })
})

describe('cancelIcs', () => {
  it('cancels one occurrence by RECURRENCE-ID with the series UID and a higher SEQUENCE', () => {
    const booking = weeklySeries((_o, i) => (i === 1 ? { status: 'cancelled', sequence: 1 } : {}))
    const ics = cancelIcs(booking, [booking.occurrences[1]], { organizer })
    expect(ics).toContain('METHOD:CANCEL')
    const [event] = veventLines(ics)
    expect(event).toContain(`UID:${SERIES_ID}@spazicomuni.comune.milano.it`)
    expect(event).toContain('RECURRENCE-ID;TZID=Europe/Rome:20271026T180000')
    expect(event).toContain('SEQUENCE:1')
    expect(event).toContain('STATUS:CANCELLED')
  })

  it('cancels the whole series when nothing of it remains', () => {
    const booking = weeklySeries(() => ({ status: 'cancelled', sequence: 2 }))
    const ics = cancelIcs(booking, booking.occurrences, { organizer })
    const events = veventLines(ics)
    expect(events).toHaveLength(1)
    expect(events[0].some((l) => l.startsWith('RECURRENCE-ID'))).toBe(false)
    expect(events[0]).toContain('SEQUENCE:2')
    expect(events[0]).toContain('STATUS:CANCELLED')
  })
})

describe('feedIcs', () => {
  it('shows busy time only, without titles or teams', async () => {
    const ics = await feedIcs('Cucina', ZONE, [weeklySeries()], { organizer, busyOnly: true })
    expect(ics).not.toContain('METHOD')
    expect(ics).toContain('SUMMARY:Occupato')
    expect(ics).not.toContain('Corso di cucina')
    expect(ics).not.toContain('Associazione Orti')
  })

  it('gives the same bytes for the same data, so ETags hold', async () => {
    const a = await feedIcs('Cucina', ZONE, [weeklySeries()], { organizer })
    const b = await feedIcs('Cucina', ZONE, [weeklySeries()], { organizer })
    expect(a).toBe(b)
  })

  it('writes a feed of many events whole, in order, with calendar lines before the events', async () => {
    // 60 single bookings: more than one slice of events (feedIcs writes them a slice at a time)
    const singles: CalendarBooking[] = Array.from({ length: 60 }, (_, i) => {
      const start = rome('2027-10-04T09:00').getTime() + i * 86_400_000
      return {
        ...weeklySeries(),
        seriesId: null,
        series: null,
        occurrences: [
          {
            ...weeklySeries().occurrences[0],
            bookingId: `single-${i}`,
            start: new Date(start),
            end: new Date(start + 3_600_000),
            recurrenceStart: new Date(start),
          },
        ],
      }
    })
    const ics = await feedIcs('Cucina', ZONE, singles, { organizer })
    const uids = veventLines(ics).map((e) => e.find((l) => l.startsWith('UID:')))
    expect(uids).toEqual(singles.map((b) => `UID:${b.occurrences[0].bookingId}@spazicomuni.comune.milano.it`))
    const parsed = Object.values(ical.sync.parseICS(ics)).filter((c) => (c as { type?: string }).type === 'VEVENT')
    expect(parsed).toHaveLength(60)
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true)
    expect(ics.endsWith('END:VCALENDAR')).toBe(true)
    expect(ics.indexOf('X-WR-TIMEZONE:Europe/Rome')).toBeLessThan(ics.indexOf('BEGIN:VEVENT'))
    expect(ics.indexOf('END:VTIMEZONE')).toBeLessThan(ics.indexOf('BEGIN:VEVENT'))
  })

  it('escapes text values', async () => {
    const ics = await feedIcs('Cucina', ZONE, [weeklySeries(() => ({ title: 'A; B, C' }))], { organizer })
    expect(ics).toContain('A\\; B\\, C')
  })
})

describe('DTSTAMP (RFC 5545 §3.8.7.2: always UTC)', () => {
  it('is written in UTC with Z in invitations, cancellations and feeds, and node-ical reads the instant back', async () => {
    const booking = weeklySeries((_o, i) => (i === 1 ? { status: 'cancelled', sequence: 1 } : {}))
    const stamp = new Date('2027-09-02T08:15:30Z')
    for (const ics of [
      requestIcs(booking, { organizer, stamp }),
      cancelIcs(booking, [booking.occurrences[1]], { organizer, stamp }),
      await feedIcs('Cucina', ZONE, [weeklySeries()], { organizer }),
    ]) {
      const stamps = veventLines(ics).map((e) => e.find((l) => l.startsWith('DTSTAMP')))
      expect(stamps.length).toBeGreaterThan(0)
      for (const line of stamps) expect(line).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/)
      expect(ics.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1)
    }
    expect(veventLines(requestIcs(booking, { organizer, stamp }))[0]).toContain('DTSTAMP:20270902T081530Z')
    const parsed = Object.values(ical.sync.parseICS(await feedIcs('Cucina', ZONE, [weeklySeries()], { organizer }))).find(
      (c) => (c as { type?: string }).type === 'VEVENT',
    ) as { dtstamp: Date }
    expect(new Date(parsed.dtstamp).toISOString()).toBe('2027-09-01T10:00:00.000Z')
  })
})
