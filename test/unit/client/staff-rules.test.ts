import { describe, expect, it } from 'vitest'
import type { ConcessionView } from '../../../frontend/src/api/staff.ts'
import { managedHubIds } from '../../../frontend/src/pages/operator/managed-hubs.ts'
import { boardHours, checkWeek, fromWeek, toWeek, weeklyHours } from '../../../frontend/src/pages/operator/opening-hours.ts'
import { heatColor, shownHours } from '../../../frontend/src/pages/reports/heatmap.ts'

const concession = (over: Partial<ConcessionView>): ConcessionView => ({
  id: 'c1',
  hubId: 'h1',
  operatorId: 'op1',
  start: '2027-01-01',
  end: '2027-12-31',
  annualFeeCents: 0,
  obligations: { minOpenHoursPerWeek: 0, minSocialSharePercent: 0 },
  status: 'active',
  ...over,
})
const hubs = [{ id: 'h1' }, { id: 'h2' }, { id: 'h3' }]

describe('the hubs a person manages on the staff pages', () => {
  it('are every hub for the Comune', () => {
    expect(managedHubIds({ role: 'admin', operatorId: null }, hubs, [], '2027-05-01')).toEqual(['h1', 'h2', 'h3'])
  })

  it('are, for operator staff, the hubs of its concessions in force today', () => {
    const concessions = [
      concession({ hubId: 'h1' }),
      concession({ id: 'c2', hubId: 'h2', status: 'draft' }),
      concession({ id: 'c3', hubId: 'h3', start: '2028-01-01', end: '2028-12-31' }),
    ]
    expect(managedHubIds({ role: 'operator', operatorId: 'op1' }, hubs, concessions, '2027-05-01')).toEqual(['h1'])
  })

  it('trust the server’s inForce when it gives it', () => {
    const concessions = [concession({ hubId: 'h2', inForce: true, start: '2020-01-01', end: '2020-12-31' }), concession({ inForce: false })]
    expect(managedHubIds({ role: 'operator', operatorId: 'op1' }, hubs, concessions, '2027-05-01')).toEqual(['h2'])
  })

  it('ignore other operators’ concessions and are none for team members', () => {
    expect(managedHubIds({ role: 'operator', operatorId: 'op2' }, hubs, [concession({})], '2027-05-01')).toEqual([])
    expect(managedHubIds({ role: 'member', operatorId: null }, hubs, [concession({})], '2027-05-01')).toEqual([])
  })
})

describe('the opening-hours editor', () => {
  it('groups the rows by weekday, sorted, and back', () => {
    const rows = [
      { weekday: 1, open: '14:00', close: '18:00' },
      { weekday: 1, open: '09:00', close: '13:00' },
      { weekday: 7, open: '10:00:00', close: '12:00:00' },
    ]
    const week = toWeek(rows)
    expect(week[0]).toEqual([
      { open: '09:00', close: '13:00' },
      { open: '14:00', close: '18:00' },
    ])
    expect(week[6]).toEqual([{ open: '10:00', close: '12:00' }])
    expect(fromWeek(week)).toEqual([
      { weekday: 1, open: '09:00', close: '13:00' },
      { weekday: 1, open: '14:00', close: '18:00' },
      { weekday: 7, open: '10:00', close: '12:00' },
    ])
  })

  it('finds a close before its open, an empty time and overlapping intervals', () => {
    const week = toWeek([])
    week[0] = [{ open: '18:00', close: '09:00' }]
    week[1] = [{ open: '', close: '12:00' }]
    week[2] = [
      { open: '09:00', close: '13:00' },
      { open: '12:00', close: '18:00' },
    ]
    week[3] = [
      { open: '09:00', close: '13:00' },
      { open: '13:00', close: '18:00' },
    ]
    expect(checkWeek(week)).toEqual([
      { weekday: 1, index: 0, kind: 'order' },
      { weekday: 2, index: 0, kind: 'missing' },
      { weekday: 3, index: 1, kind: 'overlap' },
    ])
  })

  it('counts the hours open in a week', () => {
    const week = toWeek([
      { weekday: 1, open: '09:00', close: '13:00' },
      { weekday: 1, open: '14:00', close: '18:30' },
      { weekday: 6, open: '10:00', close: '12:00' },
    ])
    expect(weeklyHours(week)).toBe(10.5)
  })

  it('gives the board the earliest opening and the latest closing, on whole hours', () => {
    expect(boardHours([])).toEqual({ min: '07:00', max: '23:00' })
    expect(
      boardHours([
        { open: '08:30', close: '13:00' },
        { open: '14:00', close: '21:15' },
      ]),
    ).toEqual({ min: '08:00', max: '22:00' })
  })
})

describe('the hour-of-week heatmap', () => {
  it('shows 8–20 and any other hour with bookings', () => {
    // what GET /reports/heatmap answers for one hour booked on a Tuesday at 21:00
    const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
    grid[1][21] = 1
    expect(shownHours(grid)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21])
  })

  it('shades cells in five steps, with light text on the dark ones', () => {
    expect(heatColor(0, 10)).toMatchObject({ step: 0, bg: '#ffffff' })
    expect(heatColor(1, 10).step).toBe(1)
    expect(heatColor(10, 10)).toMatchObject({ step: 5, fg: '#ffffff' })
    expect(heatColor(4, 10).fg).toBe('#1a1a1a')
  })

  it('keeps every step readable (WCAG AA contrast of at least 4.5:1)', () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      })
      return 0.2126 * r + 0.7152 * g + 0.0722 * b
    }
    const contrast = (a: string, b: string) => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x)
      return (hi + 0.05) / (lo + 0.05)
    }
    for (let v = 0; v <= 10; v++) {
      const { bg, fg } = heatColor(v, 10)
      expect(contrast(bg, fg)).toBeGreaterThanOrEqual(4.5)
    }
  })
})
