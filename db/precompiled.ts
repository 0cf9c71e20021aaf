import { type Compilable, CompiledQuery, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/**
 * A statement whose text does not depend on its arguments, built and compiled by Kysely once per database
 * handle and then run with each call's values (issue 18: building and compiling the query tree was a share of
 * the server's CPU on every request). `build` receives stand-ins for the arguments and must pass each one
 * through untouched as a parameter (never `.toISOString()` it, never put it in an `in` list): a stand-in that
 * ends up inside another value, or that is missing from the parameters, is refused when the statement is
 * first compiled. Its other values are constants of the statement. Any argument may be null when run (a null
 * parameter: in a comparison it matches nothing).
 */
export function precompiled<A extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, args: A) => Compilable<Row>,
): (db: Kysely<Database>, args: { [K in keyof A]: A[K] | null }) => Promise<Row[]> {
  const compiledFor = new WeakMap<Kysely<Database>, Compiled>()
  return async (db, args) => {
    let compiled = compiledFor.get(db)
    if (!compiled) {
      compiled = compile(db, build as (db: Kysely<Database>, args: Record<string, unknown>) => Compilable<unknown>, Object.keys(args))
      compiledFor.set(db, compiled)
    }
    const parameters = compiled.parameters.map((p) => (p instanceof StandIn ? args[p.name] : p))
    const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters))
    return result.rows
  }
}

/** Where an argument goes among the compiled statement's parameters. */
class StandIn {
  constructor(readonly name: string) {}
}

interface Compiled {
  sql: string
  parameters: unknown[]
}

/** A text stand-in no caller's value can equal (NUL is refused at the edge: validation.ts). */
const MARK = '\u0000precompiled:'

function compile(
  db: Kysely<Database>,
  build: (db: Kysely<Database>, args: Record<string, unknown>) => Compilable<unknown>,
  names: string[],
) {
  const standIns = Object.fromEntries(names.map((name) => [name, `${MARK}${name}`]))
  const { sql, parameters } = build(db, standIns).compile()
  const seen = new Set<string>()
  const mapped = parameters.map((p) => {
    if (typeof p !== 'string' || !p.includes(MARK)) return p
    const name = p.slice(MARK.length)
    if (!p.startsWith(MARK) || !names.includes(name)) throw new Error(`precompiled: the argument ${JSON.stringify(p)} was altered`)
    seen.add(name)
    return new StandIn(name)
  })
  const unused = names.filter((n) => !seen.has(n))
  if (unused.length) throw new Error(`precompiled: arguments not among the parameters: ${unused.join(', ')}`)
  return { sql, parameters: mapped }
}
