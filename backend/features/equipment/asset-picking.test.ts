import { describe, expect, it } from 'vitest'
import { type CandidateAsset, mergeRequests, pickAssets } from './asset-picking.ts'

const OVEN = 'oven'
const MIXER = 'mixer'
const week = (n: number) => ({ start: new Date(Date.UTC(2027, 9, 5 + 7 * n, 16)), end: new Date(Date.UTC(2027, 9, 5 + 7 * n, 18)) })

function asset(id: string, o: Partial<CandidateAsset> = {}): CandidateAsset {
  return { id, typeId: OVEN, assetTag: id.toUpperCase(), status: 'active', usage: 0, ...o }
}

describe('picking assets for occurrences', () => {
  it('takes the requested number of distinct assets, least used first', () => {
    const [plan] = pickAssets({
      requests: [{ typeId: OVEN, quantity: 2 }],
      occurrences: [week(0)],
      assets: [asset('a', { usage: 5 }), asset('b', { usage: 1 }), asset('c', { usage: 3 })],
      occupations: [],
    })
    expect(plan).toEqual({ allocations: [{ typeId: OVEN, assetIds: ['b', 'c'] }], conflicts: [] })
  })

  it('rotates equal assets over a series to spread the wear', () => {
    const plans = pickAssets({
      requests: [{ typeId: OVEN, quantity: 1 }],
      occurrences: [week(0), week(1), week(2)],
      assets: [asset('a'), asset('b')],
      occupations: [],
    })
    expect(plans.map((p) => p.allocations[0].assetIds[0])).toEqual(['a', 'b', 'a'])
  })

  it('skips assets allocated, in a maintenance window, in maintenance or retired', () => {
    const [plan] = pickAssets({
      requests: [{ typeId: OVEN, quantity: 1 }],
      occurrences: [week(0)],
      assets: [asset('a'), asset('b'), asset('c', { status: 'maintenance' }), asset('d', { status: 'retired' }), asset('e', { usage: 9 })],
      occupations: [
        { occurrence: 0, assetId: 'a', kind: 'allocation', bookingId: 'x' },
        { occurrence: 0, assetId: 'b', kind: 'maintenance' },
      ],
    })
    expect(plan.allocations).toEqual([{ typeId: OVEN, assetIds: ['e'] }])
  })

  it('says equipment_unavailable when other bookings hold the assets, naming one', () => {
    const plans = pickAssets({
      requests: [{ typeId: OVEN, quantity: 2 }],
      occurrences: [week(0), week(1)],
      assets: [asset('a'), asset('b')],
      occupations: [{ occurrence: 1, assetId: 'a', kind: 'allocation', bookingId: 'booking-1' }],
      typeNames: new Map([[OVEN, 'Forno']]),
    })
    expect(plans[0].conflicts).toEqual([])
    expect(plans[1].allocations).toEqual([])
    expect(plans[1].conflicts).toEqual([
      {
        ...week(1),
        reason: 'equipment_unavailable',
        bookingId: 'booking-1',
        detail: expect.objectContaining({ it: expect.stringContaining('Forno') }),
      },
    ])
  })

  it('says maintenance when maintenance is what keeps enough assets away', () => {
    const [byWindow, byStatus] = pickAssets({
      requests: [{ typeId: OVEN, quantity: 2 }],
      occurrences: [week(0), week(1)],
      assets: [asset('a'), asset('b')],
      occupations: [{ occurrence: 0, assetId: 'b', kind: 'maintenance' }],
    })
    expect(byWindow.conflicts.map((c) => c.reason)).toEqual(['maintenance'])
    expect(byStatus.conflicts).toEqual([])
    const [status] = pickAssets({
      requests: [{ typeId: OVEN, quantity: 1 }],
      occurrences: [week(0)],
      assets: [asset('a', { status: 'maintenance' })],
      occupations: [],
    })
    expect(status.conflicts.map((c) => c.reason)).toEqual(['maintenance'])
  })

  it('says equipment_unavailable when the lab has too few of the type at all', () => {
    const [plan] = pickAssets({
      requests: [{ typeId: MIXER, quantity: 1 }],
      occurrences: [week(0)],
      assets: [asset('a')],
      occupations: [],
    })
    expect(plan.conflicts.map((c) => c.reason)).toEqual(['equipment_unavailable'])
  })

  it('allocates nothing for an occurrence when one of its types is short', () => {
    const [plan] = pickAssets({
      requests: [
        { typeId: OVEN, quantity: 1 },
        { typeId: MIXER, quantity: 1 },
      ],
      occurrences: [week(0)],
      assets: [asset('a')],
      occupations: [],
    })
    expect(plan.allocations).toEqual([])
    expect(plan.conflicts).toHaveLength(1)
  })

  it('adds up requests for the same type', () => {
    expect(
      mergeRequests([
        { typeId: OVEN, quantity: 1 },
        { typeId: MIXER, quantity: 2 },
        { typeId: OVEN, quantity: 2 },
      ]),
    ).toEqual([
      { typeId: OVEN, quantity: 3 },
      { typeId: MIXER, quantity: 2 },
    ])
  })
})
