import { describe, expect, it } from 'vitest'
import { labNamer } from '../../../frontend/src/lib/lab-names.ts'

describe('lab names', () => {
  const labs = [
    { id: 'a', name: 'Cucina', hubId: 'h1', hub: { name: 'Barona' } },
    { id: 'b', name: 'cucina ', hubId: 'h2', hub: { name: 'Gratosoglio' } },
    { id: 'c', name: 'Sartoria', hubId: 'h1', hub: { name: 'Barona' } },
  ]

  it('adds the hub to a name two labs share, and only then', () => {
    const n = labNamer(labs)
    expect(n.name('a')).toBe('Cucina · Barona')
    expect(n.name(labs[1])).toBe('cucina · Gratosoglio')
    expect(n.name('c')).toBe('Sartoria')
    expect(n.name('unknown')).toBe('')
  })

  it('finds the hub by id when the lab does not carry it', () => {
    const n = labNamer(
      labs.map(({ hub: _, ...l }) => l),
      (id) => ({ h1: 'Barona', h2: 'Gratosoglio' })[id],
    )
    expect(n.name('b')).toBe('cucina · Gratosoglio')
    expect(n.hub('c')).toBe('Barona')
  })
})
