import { describe, expect, it } from 'vitest'
import { type BookingGroup, type GroupRow, groupsOf } from './booking-groups.ts'
import {
  type BookingSnapshot,
  bookingSnapshotsJson,
  type MessageSpec,
  renderBookingMessage,
  renderBookingSnapshot,
  snapshotAttachmentNames,
} from './booking-snapshot.ts'
import type { Recipient } from './recipients.ts'

const SERIES = '5b0f7c1e-0000-4000-8000-000000000001'

function row(i: number, overrides: Partial<GroupRow> = {}): GroupRow {
  const start = new Date(Date.UTC(2027, 9, 19 + 7 * i, 16))
  return {
    id: `5b0f7c1e-0000-4000-8000-00000000010${i}`,
    series_id: SERIES,
    lab_id: 'lab-1',
    title: 'Corso <di> cucina',
    status: 'confirmed',
    sequence: i,
    created_by: 'user-1',
    updated_at: new Date(Date.UTC(2027, 8, 1, 10, 0, 0, 123 + i)),
    recurrence_start: start,
    start,
    end: new Date(start.getTime() + 2 * 3_600_000),
    lab_name: 'Cucina 1',
    hub_id: 'hub-1',
    hub_name: 'CFL Giambellino',
    hub_address: 'Via Giambellino 1, Milano',
    hub_phone: null,
    hub_email: 'giambellino@example.org',
    hub_zone: 'Europe/Rome',
    team_id: 'team-1',
    team: { name: 'Cuochi & Co', contact_email: 'cuochi@example.org' },
    series: {
      rrule: 'FREQ=WEEKLY;COUNT=4',
      dtstart: new Date(Date.UTC(2027, 9, 19, 16)),
      duration_minutes: 120,
      title: 'Corso <di> cucina',
      created_by: 'user-1',
    },
    ...overrides,
  }
}

function series(): BookingGroup {
  const [group] = groupsOf([row(0), row(1, { status: 'cancelled' }), row(2, { title: 'Lezione spostata' }), row(3, { status: 'pending' })])
  group.equipment = [{ name: 'Forno', quantity: 2 }]
  return group
}

const IT: Recipient = { email: 'cuochi@example.org', name: 'Cuochi & Co', locale: 'it' }
const EN: Recipient = { email: 'ada@example.org', name: null, locale: 'en' }

/** What the worker renders: the snapshot as the outbox column gives it back, i.e. through JSON. */
function throughTheOutbox(group: BookingGroup, affected: BookingGroup['occurrences'], spec: MessageSpec, recipient: Recipient) {
  const stored = JSON.parse(bookingSnapshotsJson(group, affected, spec)(recipient)) as BookingSnapshot
  return { stored, rendered: renderBookingSnapshot(stored) }
}

describe('a booking email written as its snapshot', () => {
  const specs: Array<[string, MessageSpec, (g: BookingGroup) => BookingGroup['occurrences']]> = [
    [
      'a confirmation of a series',
      { kind: 'booking.confirmed', ics: 'request' },
      (g) => g.occurrences.filter((o) => o.status === 'confirmed'),
    ],
    ['an approval request', { kind: 'booking.awaiting_approval', ics: 'none', requestedBy: 'Ada <Lovelace>' }, (g) => [g.occurrences[3]]],
    [
      'a cancellation with its reason and scope',
      { kind: 'booking.cancelled', ics: 'cancel', reason: 'Sciopero', scope: 'following' },
      (g) => g.occurrences.slice(2),
    ],
    [
      'a move, with where it was',
      {
        kind: 'booking.moved',
        ics: 'request',
        previous: { start: new Date(Date.UTC(2027, 10, 2, 16, 0, 0, 7)), end: new Date(Date.UTC(2027, 10, 2, 18)) },
      },
      (g) => [g.occurrences[2]],
    ],
  ]
  for (const [what, spec, affectedOf] of specs) {
    it(`renders ${what} exactly as the transaction would have, in both languages`, () => {
      for (const recipient of [IT, EN]) {
        const group = series()
        const affected = affectedOf(group)
        const inline = renderBookingMessage(group, affected, spec, recipient)
        const { stored, rendered } = throughTheOutbox(group, affected, spec, recipient)
        expect(rendered).toEqual(inline)
        expect(snapshotAttachmentNames(stored)).toEqual(inline.attachments.map((a) => a.filename))
      }
    })
  }

  it('renders a single booking, and its group is written once for all its recipients', () => {
    const [group] = groupsOf([row(0, { series_id: null, series: null, team: null, team_id: null, hub_email: null })])
    const spec: MessageSpec = { kind: 'booking.confirmed', ics: 'request' }
    const inline = renderBookingMessage(group, group.occurrences, spec, EN)
    expect(throughTheOutbox(group, group.occurrences, spec, EN).rendered).toEqual(inline)
    expect(inline.attachments.map((a) => a.filename)).toEqual(['invite.ics'])
    // one writer for the event: the group's JSON written once serves each recipient in their language
    const snapshotFor = bookingSnapshotsJson(group, group.occurrences, spec)
    for (const recipient of [EN, IT]) {
      const stored = JSON.parse(snapshotFor(recipient)) as BookingSnapshot
      expect(renderBookingSnapshot(stored)).toEqual(renderBookingMessage(group, group.occurrences, spec, recipient))
    }
  })

  it('is not touched by what happens to the group after it was written', () => {
    const group = series()
    const spec: MessageSpec = { kind: 'booking.confirmed', ics: 'request' }
    const json = bookingSnapshotsJson(group, group.occurrences.slice(0, 1), spec)(IT)
    const before = renderBookingMessage(group, group.occurrences.slice(0, 1), spec, IT)
    group.place.labName = 'Rinominato'
    group.occurrences[0].title = 'Altro'
    expect(renderBookingSnapshot(JSON.parse(json) as BookingSnapshot)).toEqual(before)
  })
})
