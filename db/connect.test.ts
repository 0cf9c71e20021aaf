import { describe, expect, it } from 'vitest'
import { preparedName } from './connect.ts'

describe('preparedName', () => {
  it('names the same data statement the same way, and a different one differently', () => {
    const prepared = new Set<string>()
    const a = preparedName('select * from hubs where id = $1', prepared)
    expect(a).toMatch(/^sc0_/)
    expect(preparedName('select * from hubs where id = $1', prepared)).toBe(a)
    expect(preparedName('  insert into hubs (name) values ($1)', prepared)).not.toBe(a)
    expect(prepared.size).toBe(2)
  })

  it('leaves transaction control, settings and long report statements unnamed', () => {
    const prepared = new Set<string>()
    for (const text of ['begin', 'commit', 'set local jit = off', `with x as (select 1) ${' '.repeat(5_000)} select * from x`]) {
      expect(preparedName(text, prepared)).toBeUndefined()
    }
    expect(prepared.size).toBe(0)
  })

  it('stops naming new texts when a connection holds its share, and keeps naming those it holds', () => {
    const prepared = new Set<string>()
    const first = preparedName('select $1::int as n0', prepared)
    for (let i = 1; i < 400; i++) preparedName(`select $1::int as n${i}`, prepared)
    expect(prepared.size).toBe(300)
    expect(preparedName('select $1::int as n399', prepared)).toBeUndefined()
    expect(preparedName('select $1::int as n0', prepared)).toBe(first)
  })
})
