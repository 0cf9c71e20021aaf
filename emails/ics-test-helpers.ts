import { DateTime } from 'luxon'
import ical, { type VEvent } from 'node-ical'

/** Parses an iCalendar text as a calendar client would and lists its event instances as Europe/Rome wall times. */
export function instancesOf(ics: string, zone = 'Europe/Rome'): Array<{ uid: string; start: string; end: string; summary: string }> {
  const parsed = ical.sync.parseICS(ics)
  const events = Object.values(parsed).filter((c): c is VEvent => (c as { type?: string })?.type === 'VEVENT')
  const out: Array<{ uid: string; start: string; end: string; summary: string }> = []
  for (const event of events) {
    const instances = ical.expandRecurringEvent(event, { from: new Date('2000-01-01'), to: new Date('2100-01-01') })
    for (const i of instances) {
      out.push({
        uid: event.uid,
        start: DateTime.fromJSDate(i.start, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"),
        end: DateTime.fromJSDate(i.end, { zone }).toFormat("yyyy-MM-dd'T'HH:mm"),
        summary: typeof i.summary === 'string' ? i.summary : String((i.summary as { val?: string }).val ?? ''),
      })
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start))
}

/** The unfolded property lines of every VEVENT. */
export function veventLines(ics: string): string[][] {
  const unfolded = ics.replace(/\r\n[ \t]/g, '')
  return [...unfolded.matchAll(/BEGIN:VEVENT\r\n([\s\S]*?)END:VEVENT/g)].map((m) => m[1].split('\r\n').filter(Boolean))
}

/** Like instancesOf, with each instance as exact UTC instants (a wall time cannot tell the two 02:30 of October apart). */
export function instantsOf(ics: string): Array<{ uid: string; start: string; end: string }> {
  const parsed = ical.sync.parseICS(ics)
  const events = Object.values(parsed).filter((c): c is VEvent => (c as { type?: string })?.type === 'VEVENT')
  const out: Array<{ uid: string; start: string; end: string }> = []
  for (const event of events) {
    for (const i of ical.expandRecurringEvent(event, { from: new Date('2000-01-01'), to: new Date('2100-01-01') })) {
      out.push({ uid: event.uid, start: new Date(i.start).toISOString(), end: new Date(i.end).toISOString() })
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start))
}
