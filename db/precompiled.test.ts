import { sql } from 'kysely'
import { describe, expect, it } from 'vitest'
import { capturing } from '../test/helpers/capturing-kysely.ts'
import { MAX_SHAPES, precompiled, precompiledShapes } from './precompiled.ts'

describe('precompiled', () => {
  it('builds the statement once and runs it with each call’s values, constants kept, nulls passed', async () => {
    const { db, sent } = capturing()
    let built = 0
    const byEmail = precompiled((db, a: { email: string; since: Date }) => {
      built++
      return db
        .selectFrom('users')
        .select('id')
        .where('email', '=', a.email)
        .where('created_at', '>', a.since)
        .where('role', '=', 'admin')
        .limit(3)
    })
    const since = new Date('2027-01-01T00:00:00Z')
    await byEmail(db, { email: 'a@example.org', since })
    await byEmail(db, { email: 'b@example.org', since: null })
    expect(built).toBe(1)
    expect(sent).toHaveLength(2)
    expect(sent[0].sql).toBe(sent[1].sql)
    expect(sent[0].sql).toContain('"email" = $1')
    expect(sent[0].parameters).toEqual(['a@example.org', since, 'admin', 3])
    expect(sent[1].parameters).toEqual(['b@example.org', null, 'admin', 3])
  })

  it('builds once for a handle and its transactions, again for another handle', async () => {
    const first = capturing()
    const second = capturing()
    let built = 0
    const byEmail = precompiled((db, a: { email: string }) => {
      built++
      return db.selectFrom('users').select('id').where('email', '=', a.email)
    })
    await byEmail(first.db, { email: 'a@example.org' })
    await first.db.transaction().execute((trx) => byEmail(trx, { email: 'b@example.org' }))
    expect(built).toBe(1)
    expect(first.sent.map((q) => q.parameters)).toEqual([['a@example.org'], ['b@example.org']])
    await byEmail(second.db, { email: 'c@example.org' })
    expect(built).toBe(2)
  })

  it('refuses a builder that alters an argument or leaves one out', async () => {
    const { db } = capturing()
    const altered = precompiled((db, a: { email: string }) =>
      db.selectFrom('users').select('id').where('email', '=', a.email.toUpperCase()),
    )
    await expect(altered(db, { email: 'a@example.org' })).rejects.toThrow(/not among the parameters: email/)
    const inText = precompiled((db, a: { q: string }) => db.selectFrom('users').select('id').where('name', 'like', `%${a.q}%`))
    await expect(inText(db, { q: 'x' })).rejects.toThrow(/altered/)
    const unused = precompiled((db, _a: { email: string }) => db.selectFrom('users').select(sql<number>`1`.as('one')))
    await expect(unused(db, { email: 'a@example.org' })).rejects.toThrow(/not among the parameters: email/)
  })

  it('builds one statement per shape, each with the arguments of its shape, and beyond the bound builds per call', async () => {
    const { db, sent } = capturing()
    const built: string[] = []
    const users = precompiledShapes(
      (s: { byEmail: boolean; roles: number }) => `${s.byEmail}:${s.roles}`,
      (db, s, a: { email: string; role0: string; role1: string; limit: number }) => {
        built.push(`${s.byEmail}:${s.roles}`)
        let q = db.selectFrom('users').select('id').limit(a.limit)
        if (s.byEmail) q = q.where('email', '=', a.email)
        if (s.roles) q = q.where('role', 'in', [a.role0, a.role1].slice(0, s.roles) as Array<'admin'>)
        return q
      },
    )
    await users(db, { byEmail: true, roles: 0 }, { email: 'a@example.org', limit: 5 })
    await users(db, { byEmail: false, roles: 2 }, { role0: 'admin', role1: 'member', limit: 6 })
    await users(db, { byEmail: true, roles: 0 }, { email: 'b@example.org', limit: 7 })
    await users(db, { byEmail: true, roles: 1 }, { email: 'c@example.org', role0: 'operator', limit: 8 })
    expect(built).toEqual(['true:0', 'false:2', 'true:1'])
    expect(sent.map((q) => q.parameters)).toEqual([
      ['a@example.org', 5],
      ['admin', 'member', 6],
      ['b@example.org', 7],
      ['c@example.org', 'operator', 8],
    ])
    expect(sent[0].sql).toBe(sent[2].sql)
    expect(sent[3].sql).toContain('"role" in ($2)')

    // keys that are values, not shapes: past the bound each call is built and compiled anew, and still answered
    const many = precompiledShapes(
      (s: { n: number }) => String(s.n),
      (db, _s, a: { email: string }) => db.selectFrom('users').select('id').where('email', '=', a.email),
    )
    for (let n = 0; n < MAX_SHAPES + 3; n++) await many(db, { n }, { email: `${n}@example.org` })
    expect(sent.at(-1)?.parameters).toEqual([`${MAX_SHAPES + 2}@example.org`])
  })
})
