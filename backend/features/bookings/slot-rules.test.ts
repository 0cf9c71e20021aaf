import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { verbatim } from '../../http/i18n.ts'
import { type SlotRules, slotConflicts } from './slot-rules.ts'

const ROME = 'Europe/Rome'
const t = (iso: string) => DateTime.fromISO(iso, { zone: ROME }).toJSDate()
const slot = (a: string, b: string) => ({ start: t(a), end: t(b) })

const rules = (o: Partial<SlotRules> = {}): SlotRules => ({
  zone: ROME,
  minDurationMinutes: 60,
  maxDurationMinutes: 240,
  hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '18:00' })),
  closures: [],
  bookings: [],
  now: t('2027-01-01T00:00'),
  allowPast: false,
  ...o,
})

const reasons = (s: ReturnType<typeof slot>, r: SlotRules) => slotConflicts(s, r).map((c) => c.reason)

describe('slotConflicts', () => {
  it('a slot inside the hours, free and of a good length has no conflict', () => {
    expect(slotConflicts(slot('2027-10-19T14:00', '2027-10-19T17:00'), rules())).toEqual([])
  })

  it('a member may not book the past; staff may', () => {
    const s = slot('2027-10-19T14:00', '2027-10-19T15:00')
    expect(reasons(s, rules({ now: t('2027-10-19T14:30') }))).toEqual(['past'])
    expect(reasons(s, rules({ now: t('2027-10-19T14:30'), allowPast: true }))).toEqual([])
  })

  it('the lab’s duration limits hold at both ends', () => {
    expect(reasons(slot('2027-10-19T14:00', '2027-10-19T14:59'), rules())).toEqual(['duration'])
    expect(reasons(slot('2027-10-19T09:00', '2027-10-19T13:01'), rules())).toEqual(['duration'])
    expect(reasons(slot('2027-10-19T09:00', '2027-10-19T13:00'), rules())).toEqual([])
  })

  it('outside the opening hours', () => {
    expect(reasons(slot('2027-10-19T17:00', '2027-10-19T19:00'), rules())).toEqual(['outside_opening_hours'])
    expect(reasons(slot('2027-10-23T10:00', '2027-10-23T12:00'), rules())).toEqual(['outside_opening_hours'])
  })

  it('one conflict per closure in the way, with its reason', () => {
    const closures = [
      { id: 'c1', start: t('2027-12-07T00:00'), end: t('2027-12-08T00:00'), reason: 'Sant’Ambrogio' },
      { id: 'c2', start: t('2027-12-08T00:00'), end: t('2027-12-09T00:00'), reason: 'Immacolata' },
    ]
    const found = slotConflicts(slot('2027-12-07T10:00', '2027-12-07T12:00'), rules({ closures }))
    expect(found).toEqual([
      { start: t('2027-12-07T10:00'), end: t('2027-12-07T12:00'), reason: 'closure', detail: verbatim('Sant’Ambrogio') },
    ])
  })

  it('one conflict per live booking in the way, naming it; touching is not overlapping', () => {
    const bookings = [
      { id: 'b1', start: t('2027-10-19T13:00'), end: t('2027-10-19T14:30') },
      { id: 'b2', start: t('2027-10-19T16:00'), end: t('2027-10-19T17:00') },
      { id: 'b3', start: t('2027-10-19T17:00'), end: t('2027-10-19T18:00') },
    ]
    const found = slotConflicts(slot('2027-10-19T14:00', '2027-10-19T17:00'), rules({ bookings }))
    expect(found.map((c) => [c.reason, c.bookingId])).toEqual([
      ['booking', 'b1'],
      ['booking', 'b2'],
    ])
  })

  it('lists every reason at once', () => {
    const s = slot('2027-10-23T20:00', '2027-10-23T20:10')
    expect(reasons(s, rules({ now: t('2027-10-24T00:00') }))).toEqual(['past', 'duration', 'outside_opening_hours'])
  })
})
