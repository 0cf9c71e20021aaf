import { type Compilable, CompiledQuery, type Kysely } from 'kysely'
import type { Database } from './schema.ts'

/**
 * A statement whose text does not depend on its arguments, built and compiled by Kysely once per database
 * handle and then run with each call's values (issue 18: building and compiling the query tree was a share of
 * the server's CPU on every request). `build` receives stand-ins for the arguments and must pass each one
 * through untouched as a parameter (never `.toISOString()` it, never put it in an `in` list): a stand-in that
 * ends up inside another value, or that is missing from the parameters, is refused when the statement is
 * first compiled. Its other values are constants of the statement. Any argument may be null when run (a null
 * parameter: in a comparison it matches nothing). A handle's transactions share its compiled statement (they share
 * its adapter, on which the statement is kept).
 */
export function precompiled<A extends Record<string, unknown>, Row>(
  build: (db: Kysely<Database>, args: A) => Compilable<Row>,
): (db: Kysely<Database>, args: { [K in keyof A]: A[K] | null }) => Promise<Row[]> {
  const compiledFor = new WeakMap<object, Compiled>()
  return async (db, args) => {
    const adapter = db.getExecutor().adapter
    let compiled = compiledFor.get(adapter)
    if (!compiled) {
      compiled = compile(db, build as (db: Kysely<Database>, args: Record<string, unknown>) => Compilable<unknown>, Object.keys(args))
      compiledFor.set(adapter, compiled)
    }
    const parameters = compiled.parameters.map((p) => (p instanceof StandIn ? args[p.name] : p))
    const result = await db.executeQuery<Row>(CompiledQuery.raw(compiled.sql, parameters))
    return result.rows
  }
}

/**
 * Statements whose text depends on a few choices — which filters are given, the viewer's role, how many values a
 * list holds — and never on the values themselves: one `precompiled` statement per shape, built on the shape's
 * first use. `shapeKey` must name the shape alone (booleans, kinds, small counts): a key carrying a value would
 * build and keep a statement per request. `build` receives the shape and stand-ins for the arguments, as for
 * `precompiled`; each shape passes the arguments its statement uses, and only those. Past `MAX_SHAPES` keys (a
 * key that is not a shape), the statement is built and compiled on each call, as without this helper.
 */
export function precompiledShapes<S, A extends Record<string, unknown>, Row>(
  shapeKey: (shape: S) => string,
  build: (db: Kysely<Database>, shape: S, args: A) => Compilable<Row>,
): (db: Kysely<Database>, shape: S, args: Partial<{ [K in keyof A]: A[K] | null }>) => Promise<Row[]> {
  const shapes = new Map<string, (db: Kysely<Database>, args: Record<string, unknown>) => Promise<Row[]>>()
  return async (db, shape, args) => {
    const key = shapeKey(shape)
    let run = shapes.get(key)
    if (!run) {
      if (shapes.size >= MAX_SHAPES) {
        const rows = await db.executeQuery<Row>(build(db, shape, args as A).compile())
        return rows.rows
      }
      run = precompiled((db, a: Record<string, unknown>) => build(db, shape, a as A))
      shapes.set(key, run)
    }
    return run(db, args)
  }
}

/** How many shapes one `precompiledShapes` keeps. */
export const MAX_SHAPES = 256

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
