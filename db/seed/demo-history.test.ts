import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { groupBy } from '../../backend/grouping.ts'
import { buildDemoPlan } from './demo.ts'

const ZONE = 'Europe/Rome'
const now = DateTime.fromISO('2027-03-10T11:00', { zone: ZONE })
const plan = buildDemoPlan(now, 'hash')
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE })
const hours = (b: (typeof plan.bookings)[number]) => (b.span.end.getTime() - b.span.start.getTime()) / 3_600_000
const past = plan.bookings.filter((b) => b.span.end <= now.toJSDate())

describe('the demo’s past year', () => {
  it('covers the twelve months before today, every month with activity', () => {
    const first = local(past.reduce((a, b) => (a.span.start < b.span.start ? a : b)).span.start)
    expect(first < now.minus({ months: 11, weeks: 3 })).toBe(true)
    expect(first > now.minus({ months: 12, weeks: 1 })).toBe(true)
    const months = new Set(past.map((b) => local(b.span.start).toFormat('yyyy-MM')))
    for (let m = now.minus({ months: 11 }); m < now.startOf('month'); m = m.plus({ months: 1 })) {
      expect(months.has(m.toFormat('yyyy-MM')), m.toFormat('yyyy-MM')).toBe(true)
    }
  })

  it('follows the seasons: a quiet August and a busy October', () => {
    const inMonth = (month: string) =>
      past.filter((b) => b.status !== 'cancelled' && local(b.span.start).toFormat('yyyy-MM') === month).reduce((s, b) => s + hours(b), 0)
    expect(inMonth('2026-08')).toBeLessThan(inMonth('2026-10') / 3)
    expect(inMonth('2026-10')).toBeGreaterThan(600)
  })

  it('has weekly courses: the same lab, weekday, hours and title week after week', () => {
    const runs = new Map<string, number>()
    for (const b of past) {
      const start = local(b.span.start)
      const key = `${b.lab_id} ${b.team_id} ${b.title} ${start.weekday} ${start.toFormat('HH:mm')}`
      runs.set(key, (runs.get(key) ?? 0) + 1)
    }
    expect([...runs.values()].filter((n) => n >= 10).length).toBeGreaterThan(15)
  })

  it('records attendance with participant categories, and some cancellations and no-shows', () => {
    const completed = past.filter((b) => b.status === 'completed')
    expect(completed.length).toBeGreaterThan(1500)
    const categories = new Set(['donne', 'giovani', 'over50', 'background_migratorio', 'disabilita', 'disoccupati'])
    for (const b of completed) {
      expect(b.participants).toBeGreaterThan(0)
      const counts = JSON.parse(b.participant_categories ?? '{}') as Record<string, number>
      for (const [key, n] of Object.entries(counts)) {
        expect(categories.has(key), key).toBe(true)
        expect(n).toBeLessThanOrEqual(b.participants ?? 0)
      }
    }
    const share = (status: string) => past.filter((b) => b.status === status).length / past.length
    expect(share('no_show')).toBeGreaterThan(0.02)
    expect(share('no_show')).toBeLessThan(0.12)
    expect(share('cancelled')).toBeGreaterThan(0.02)
    expect(past.filter((b) => b.status === 'cancelled').every((b) => b.status_reason)).toBe(true)
    expect(past.some((b) => b.checked_in_at)).toBe(true)
  })

  it('books nothing on last year’s holidays nor in the CFL’s summer closure', () => {
    const days = new Set(past.map((b) => local(b.span.start).toFormat('yyyy-MM-dd')))
    for (const day of ['2026-04-06', '2026-04-25', '2026-05-01', '2026-06-02', '2026-08-15', '2026-11-01', '2026-12-08', '2026-12-25'])
      expect(days.has(day), day).toBe(false)
    const cflHubs = new Set(plan.hubs.filter((h) => h.kind === 'cfl').map((h) => h.id))
    const cflLabs = new Set(plan.labs.filter((l) => cflHubs.has(l.hub_id)).map((l) => l.id))
    const summer = plan.closures.filter((c) => c.reason === 'Chiusura estiva')
    expect(summer).toHaveLength(3)
    for (const b of past.filter((x) => cflLabs.has(x.lab_id))) {
      expect(summer.some((c) => b.span.start < c.span.end && c.span.start < b.span.end)).toBe(false)
    }
  })

  it('never puts two bookings of one lab at the same time, nor an asset in two', () => {
    const byLab = groupBy(
      plan.bookings,
      (b) => b.lab_id,
      (b) => b.span,
    )
    const byAsset = groupBy(
      plan.allocations,
      (a) => a.asset_id,
      (a) => a.span,
    )
    for (const spans of [...byLab.values(), ...byAsset.values()]) {
      spans.sort((a, b) => a.start.getTime() - b.start.getTime())
      for (let i = 1; i < spans.length; i++) expect(spans[i].start >= spans[i - 1].end).toBe(true)
    }
  })

  it('is the same every time for the same day', () => {
    const again = buildDemoPlan(now, 'hash')
    const shape = (p: typeof plan) => p.bookings.map((b) => `${b.title}|${b.span.start.toISOString()}|${b.status}|${b.participants}`)
    expect(shape(again)).toEqual(shape(plan))
  })
})
