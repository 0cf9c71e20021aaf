import { describe, expect, it } from 'vitest'
import {
  attributeBookings,
  type ConsumingBooking,
  covers,
  GrantLedger,
  type GrantTerms,
  grantPreference,
  hoursToSeconds,
  remainingGrantHours,
  secondsToHours,
} from './accounting.ts'

const H = 3600
const HUB_A = 'hub-a'
const HUB_B = 'hub-b'

function grant(o: Partial<GrantTerms> & { id: string }): GrantTerms {
  return {
    grantedSeconds: 10 * H,
    from: '2027-01-01',
    to: '2027-12-31',
    hubId: null,
    labType: null,
    createdAt: new Date('2026-01-01'),
    ...o,
  }
}

let n = 0
function booking(o: Partial<ConsumingBooking> = {}): ConsumingBooking {
  n += 1
  return { id: `b${n}`, seconds: 2 * H, startDate: '2027-03-02', hubId: HUB_A, labType: 'kitchen', status: 'confirmed', ...o }
}

describe('which grants cover a booking', () => {
  it('covers a booking whose start date is within [from, to], both ends included', () => {
    const g = grant({ id: 'g', from: '2027-03-01', to: '2027-03-31' })
    expect(covers(g, booking({ startDate: '2027-03-01' }))).toBe(true)
    expect(covers(g, booking({ startDate: '2027-03-31' }))).toBe(true)
    expect(covers(g, booking({ startDate: '2027-04-01' }))).toBe(false)
    expect(covers(g, booking({ startDate: '2027-02-28' }))).toBe(false)
  })

  it('matches hub and lab type only where the grant sets them', () => {
    const g = grant({ id: 'g', hubId: HUB_A, labType: 'it' })
    expect(covers(g, booking({ hubId: HUB_A, labType: 'it' }))).toBe(true)
    expect(covers(g, booking({ hubId: HUB_B, labType: 'it' }))).toBe(false)
    expect(covers(g, booking({ hubId: HUB_A, labType: 'kitchen' }))).toBe(false)
    expect(covers(grant({ id: 'any' }), booking({ hubId: HUB_B, labType: 'gardening' }))).toBe(true)
  })
})

describe('the order a booking draws on its grants', () => {
  it('prefers the most specific, then the one ending first, then the oldest', () => {
    const general = grant({ id: 'general' })
    const hubOnly = grant({ id: 'hub', hubId: HUB_A })
    const both = grant({ id: 'both', hubId: HUB_A, labType: 'kitchen' })
    const hubEndingSooner = grant({ id: 'hub-sooner', hubId: HUB_A, to: '2027-06-30' })
    const hubOlder = grant({ id: 'hub-older', hubId: HUB_A, createdAt: new Date('2025-01-01') })
    expect([general, hubOnly, both, hubEndingSooner, hubOlder].sort(grantPreference).map((g) => g.id)).toEqual([
      'both',
      'hub-sooner',
      'hub-older',
      'hub',
      'general',
    ])
  })
})

describe('attributing bookings to grants', () => {
  it('counts pending, confirmed, completed and no-show as booked, only completed as used', () => {
    const g = grant({ id: 'g', grantedSeconds: 20 * H })
    const { usage } = attributeBookings(
      [g],
      [
        booking({ status: 'pending' }),
        booking({ status: 'confirmed' }),
        booking({ status: 'completed' }),
        booking({ status: 'no_show' }),
        booking({ status: 'cancelled' }),
        booking({ status: 'rejected' }),
      ],
    )
    expect(usage).toEqual([{ grantId: 'g', grantedSeconds: 20 * H, bookedSeconds: 8 * H, usedSeconds: 2 * H, remainingSeconds: 12 * H }])
  })

  it('draws on the specific grant first and spills the rest over to the general one', () => {
    const specific = grant({ id: 'specific', hubId: HUB_A, grantedSeconds: 3 * H })
    const general = grant({ id: 'general', grantedSeconds: 10 * H })
    const { usage, uncoveredSeconds } = attributeBookings([general, specific], [booking({ seconds: 2 * H }), booking({ seconds: 2 * H })])
    expect(usage.find((u) => u.grantId === 'specific')?.bookedSeconds).toBe(3 * H)
    expect(usage.find((u) => u.grantId === 'general')?.bookedSeconds).toBe(1 * H)
    expect(uncoveredSeconds.size).toBe(0)
  })

  it('reports what no grant could give to an existing booking', () => {
    const g = grant({ id: 'g', grantedSeconds: 3 * H })
    const first = booking()
    const second = booking()
    const { usage, uncoveredSeconds } = attributeBookings([g], [first, second])
    expect(usage[0].bookedSeconds).toBe(3 * H)
    expect(uncoveredSeconds.get(second.id)).toBe(1 * H)
    expect(uncoveredSeconds.has(first.id)).toBe(false)
  })

  it('ignores bookings outside every grant', () => {
    const g = grant({ id: 'g', hubId: HUB_B })
    const { usage, uncoveredSeconds } = attributeBookings([g], [booking({ hubId: HUB_A })])
    expect(usage[0].bookedSeconds).toBe(0)
    expect(uncoveredSeconds.get(`b${n}`)).toBe(2 * H)
  })
})

describe('the ledger of a booking being made', () => {
  it('accepts an occurrence only when it fits whole, and later ones see what is left', () => {
    const ledger = new GrantLedger([grant({ id: 'g', grantedSeconds: 5 * H })])
    const occurrence = booking({ seconds: 2 * H })
    expect(ledger.tryConsume(occurrence)).toBe(true)
    expect(ledger.tryConsume(occurrence)).toBe(true)
    expect(ledger.remainingFor(occurrence)).toBe(1 * H)
    expect(ledger.tryConsume(occurrence)).toBe(false)
    expect(ledger.usageOf('g')?.bookedSeconds).toBe(4 * H)
    expect(ledger.tryConsume(booking({ seconds: 1 * H }))).toBe(true)
    expect(ledger.remainingFor(occurrence)).toBe(0)
  })

  it('adds up the remaining hours of every covering grant', () => {
    const ledger = new GrantLedger([grant({ id: 'a', grantedSeconds: 1 * H }), grant({ id: 'b', grantedSeconds: 1 * H, hubId: HUB_A })])
    expect(ledger.tryConsume(booking({ seconds: 2 * H }))).toBe(true)
    expect(ledger.usage().map((u) => u.remainingSeconds)).toEqual([0, 0])
  })
})

describe('hours and seconds', () => {
  it('converts without drift', () => {
    expect(hoursToSeconds(1.25)).toBe(4500)
    expect(hoursToSeconds(0.01)).toBe(36)
    expect(secondsToHours(5400)).toBe(1.5)
    expect(secondsToHours(1200)).toBe(0.33)
    expect(remainingGrantHours({ grantedSeconds: 10 * H, bookedSeconds: 12 * H })).toBe(0)
    expect(remainingGrantHours({ grantedSeconds: 10 * H, bookedSeconds: 2.5 * H })).toBe(7.5)
  })
})
