import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { LAB_TYPES } from '../schema.ts'
import { buildDemoPlan, partitaIva } from './demo.ts'

describe('partitaIva', () => {
  it('appends the check digit of the Agenzia delle Entrate', () => {
    expect(partitaIva('1234567890')).toBe('12345678903')
    expect(partitaIva('0784152015')).toMatch(/^0784152015\d$/)
  })
})

describe('buildDemoPlan', () => {
  const now = DateTime.fromISO('2027-10-20T11:00', { zone: 'Europe/Rome' })
  const plan = buildDemoPlan(now, 'hash')

  it('covers every lab type and keeps the three contract accounts', () => {
    expect(new Set(plan.labs.map((l) => l.type))).toEqual(new Set(LAB_TYPES))
    expect(plan.users.map((u) => u.email)).toEqual(
      expect.arrayContaining(['admin@spazicomuni.demo', 'operatore@spazicomuni.demo', 'team@spazicomuni.demo']),
    )
  })

  it('never puts two live bookings of one lab at the same time', () => {
    const live = plan.bookings.filter((b) => b.status === 'pending' || b.status === 'confirmed')
    for (const a of live) {
      for (const b of live) {
        if (a !== b && a.lab_id === b.lab_id) expect(a.span.start < b.span.end && b.span.start < a.span.end).toBe(false)
      }
    }
  })

  it('books nothing on the holidays in its weeks (Ognissanti, San Francesco)', () => {
    const days = new Set(plan.bookings.map((b) => DateTime.fromJSDate(b.span.start, { zone: 'Europe/Rome' }).toFormat('MM-dd')))
    expect(plan.bookings.length).toBeGreaterThan(50)
    for (const holiday of ['10-04', '11-01']) expect(days.has(holiday)).toBe(false)
  })

  it('keeps past bookings settled and future ones live', () => {
    for (const b of plan.bookings) {
      if (b.span.end <= now.toJSDate()) expect(['completed', 'no_show', 'cancelled']).toContain(b.status)
      if (b.span.start > now.toJSDate()) expect(['pending', 'confirmed', 'cancelled', 'rejected']).toContain(b.status)
    }
  })
})
