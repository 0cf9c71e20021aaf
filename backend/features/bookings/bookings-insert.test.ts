import { describe, expect, it } from 'vitest'
import { capturing } from '../../../test/helpers/capturing-kysely.ts'
import type { NewMessage } from '../../outbox/enqueue.ts'
import { type BookingsWrite, bookingsInsertArguments, insertBookingsAtOnce } from './bookings-insert.ts'

const LAB = '00000000-0000-4000-8000-00000000000a'
const TEAM = '00000000-0000-4000-8000-00000000000b'
const ACTOR = '00000000-0000-4000-8000-00000000000c'
const SERIES = '00000000-0000-4000-8000-00000000000d'

function idOf(i: number) {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
}

/** n weekly one-hour slots from Tuesday 2 March 2027, 18:00 in Milan. */
function write(n: number, extra: Partial<BookingsWrite> = {}): BookingsWrite {
  const first = Date.UTC(2027, 2, 2, 17)
  return {
    labId: LAB,
    teamId: TEAM,
    title: 'Laboratorio "annuale"',
    status: 'confirmed',
    expectedParticipants: 12,
    createdBy: ACTOR,
    now: new Date('2027-02-01T10:00:00.000Z'),
    ids: Array.from({ length: n }, (_, i) => idOf(i + 1)),
    slots: Array.from({ length: n }, (_, i) => ({
      start: new Date(first + i * 7 * 86_400_000),
      end: new Date(first + i * 7 * 86_400_000 + 3_600_000),
    })),
    series: null,
    audit: { actor_user_id: ACTOR, action: 'booking.created', entity: 'booking', entity_id: idOf(1), details: '{"n":1}' },
    messages: [],
    ...extra,
  }
}

const message: NewMessage = {
  kind: 'booking.confirmed',
  recipient: { email: 'team@example.org', name: 'Team', locale: 'en' },
  email: { subject: 'Booking confirmed', html: '', text: '' },
  render: '{"v":1,"quote":"a \\"b\\" \\\\ c"}',
}

describe('bookingsInsertArguments', () => {
  it('gives one value per column every booking shares, one array per column that differs', () => {
    const a = bookingsInsertArguments(write(2))
    expect(a.ids).toEqual([idOf(1), idOf(2)])
    expect(a.starts).toEqual(['2027-03-02T17:00:00.000Z', '2027-03-09T17:00:00.000Z'])
    expect(a.ends).toEqual(['2027-03-02T18:00:00.000Z', '2027-03-09T18:00:00.000Z'])
    expect(a).toMatchObject({ labId: LAB, teamId: TEAM, title: 'Laboratorio "annuale"', status: 'confirmed', expectedParticipants: 12 })
    expect(a.now).toBe('2027-02-01T10:00:00.000Z')
    // no series, no key, no message: nulls and empty arrays
    expect([a.seriesId, a.rrule, a.dtstart, a.durationMinutes, a.answerKey, a.answerUser, a.answerResponse]).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      null,
    ])
    expect([a.kinds, a.recipients, a.renders, a.notBefore]).toEqual([[], [], [], []])
  })

  it('passes the series, the messages (absent columns as null) and the kept answer', () => {
    const series = {
      id: SERIES,
      rrule: 'FREQ=WEEKLY;COUNT=2',
      dtstart: new Date(Date.UTC(2027, 2, 2, 17)),
      duration_minutes: 60,
      title: 'T',
      created_by: ACTOR,
    }
    const reminder: NewMessage = {
      ...message,
      kind: 'booking.reminder',
      dedupeKey: 'reminder:x',
      notBefore: new Date('2027-03-01T17:00:00.000Z'),
      booking: { id: idOf(1), start: new Date('2027-03-02T17:00:00.000Z') },
      attachments: [{ filename: 'invito.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR' }],
      render: undefined,
    }
    const answer = { user_id: ACTOR, key: 'key-1', status_code: 201, response: '{"ok":true}' }
    const a = bookingsInsertArguments(write(2, { series, messages: [message, reminder], answer }))
    expect(a).toMatchObject({ seriesId: SERIES, rrule: 'FREQ=WEEKLY;COUNT=2', dtstart: '2027-03-02T17:00:00.000Z', durationMinutes: 60 })
    expect(a.kinds).toEqual(['booking.confirmed', 'booking.reminder'])
    expect(a.locales).toEqual(['en', 'en'])
    expect(a.attachments).toEqual(['[]', JSON.stringify(reminder.attachments)])
    expect(a.dedupeKeys).toEqual([null, 'reminder:x'])
    expect(a.notBefore).toEqual([null, '2027-03-01T17:00:00.000Z'])
    expect(a.bookingIds).toEqual([null, idOf(1)])
    expect(a.bookingStarts).toEqual([null, '2027-03-02T17:00:00.000Z'])
    expect(a.renders).toEqual([message.render, null])
    expect([a.answerUser, a.answerKey, a.answerStatus, a.answerResponse]).toEqual([ACTOR, 'key-1', 201, '{"ok":true}'])
  })
})

describe('insertBookingsAtOnce', () => {
  it('sends one text whatever the rows, messages, series and key; the values as parameters', async () => {
    const { db, sent } = capturing()
    const series = { id: SERIES, rrule: 'FREQ=WEEKLY;COUNT=52', dtstart: new Date(), duration_minutes: 60, title: 'T', created_by: ACTOR }
    const answer = { user_id: ACTOR, key: 'key-1', status_code: 201, response: '{}' }
    await insertBookingsAtOnce(db, write(1))
    await insertBookingsAtOnce(db, write(2, { messages: [message] }))
    await insertBookingsAtOnce(db, write(52, { series, messages: [message, message], answer }))
    await insertBookingsAtOnce(db, write(1, { answer }))
    // in a transaction of the same handle too (the equipment path)
    await db.transaction().execute((trx) => insertBookingsAtOnce(trx, write(3, { series })))
    expect(sent).toHaveLength(5)
    for (const q of sent) expect(q.sql).toBe(sent[0].sql)
    const text = sent[0].sql
    expect(text).toMatch(/^with "audit" as \(insert into "audit_log"/)
    for (const cte of [
      '"series" as (insert into "booking_series"',
      '"outbox" as (insert into "outbox"',
      '"answer" as (insert into "idempotency_keys"',
    ]) {
      expect(text).toContain(cte)
    }
    expect(text).toContain('on conflict ("dedupe_key") do nothing')
    expect(text).toMatch(/insert into "bookings" .* from unnest\(\$\d+::uuid\[\], \$\d+::timestamptz\[\], \$\d+::timestamptz\[\]\)/s)
    // short enough to be prepared by name (db/connect.ts REPORT_TEXT)
    expect(text.length).toBeLessThan(4000)
    // every row's values travel in the arrays: 52 bookings take as many parameters as one
    expect(sent[2].parameters.length).toBe(sent[0].parameters.length)
    const params = sent[2].parameters
    expect(params).toContainEqual(write(52).ids)
    expect(params).toContainEqual(bookingsInsertArguments(write(52)).starts)
    expect(params).toContain(SERIES)
    expect(params).toContain('key-1')
    expect(params).toContainEqual([message.render, message.render])
    // without a series or a key their CTEs are given nulls (they write nothing: `where … is not null`)
    expect(sent[0].parameters).not.toContain(SERIES)
    expect(sent[0].parameters).not.toContain('key-1')
  })
})
