import { describe, expect, it } from 'vitest'
import { groupBy } from './grouping.ts'

describe('groupBy', () => {
  it('groups items by key, in the order keys first appear, each group in the items’ order', () => {
    const rows = [
      { lab: 'b', n: 1 },
      { lab: 'a', n: 2 },
      { lab: 'b', n: 3 },
    ]
    const groups = groupBy(rows, (r) => r.lab)
    expect([...groups.keys()]).toEqual(['b', 'a'])
    expect(groups.get('b')).toEqual([rows[0], rows[2]])
    expect(groups.get('a')).toEqual([rows[1]])
  })

  it('keeps what value picks of each item', () => {
    const groups = groupBy(
      [
        { k: 1, v: 'x' },
        { k: 1, v: 'y' },
      ],
      (r) => r.k,
      (r) => r.v,
    )
    expect(groups.get(1)).toEqual(['x', 'y'])
  })

  it('gives an empty map for no items', () => {
    expect(groupBy([], (x: number) => x).size).toBe(0)
  })
})
