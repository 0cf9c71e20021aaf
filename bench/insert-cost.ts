import { readFileSync } from 'node:fs'
import pg from 'pg'

/**
 * What one booking `INSERT` costs inside PostgreSQL, trigger by trigger (docs/benchmarks-history.md, session 10).
 *
 * `npm run bench:insert-cost -- ROUNDS URL [URL…]` on Milan-scale databases that `npm run bench` has prepared (its
 * hub, labs and team); the server must run on this machine (the backend's CPU time is read from /proc). With
 * several URLs (copies of one database, e.g. before and after a migration) the rounds alternate between them,
 * so that a busy machine weighs on each the same. Each round, in one session per database (warm), runs the
 * reference server's `INSERT` (bench/reference-server.ts) inside `BEGIN … ROLLBACK`, leaving the data as it was:
 * - once plain: its time at the client (one round trip on the loopback) and the backend's CPU time
 *   (/proc/PID/schedstat, unaffected by waiting for a core on a loaded machine);
 * - once with `session_replication_role = replica`: no trigger fires, foreign keys included (what the row,
 *   its indexes and the exclusion constraint cost alone);
 * - once under `EXPLAIN (ANALYZE, BUFFERS)`, for its "Trigger …: time=" lines and the functions' own times
 *   (`pg_stat_xact_user_functions` before and after, `track_functions = all`; a function's time includes
 *   what it calls).
 * Four cases: the benchmark's (an empty lab of the bench hub, a team without grants, in 2032/2033, days the
 * bench's own runs leave free) and a dataset lab booked by a team with a grant (2028), each as one booking and
 * as a 52-row series. Prints the median and the 90th percentile of each figure in milliseconds.
 */

const rounds = Number(process.argv[2] ?? 30)
const urls = process.argv.slice(3)
if (urls.length === 0) throw new Error('usage: npm run bench:insert-cost -- ROUNDS URL [URL…]')

interface Case {
  name: string
  lab: string
  team: string
  /** One range: a single booking; more: a series. */
  ranges: string[]
}

const INSERT_ONE = `insert into bookings (lab_id, team_id, title, during, status, created_by)
  values ($1, $2, $3, $4::tstzrange, 'confirmed', $5) returning id, lower(during) as start, upper(during) as "end"`
const INSERT_SERIES = `insert into booking_series (lab_id, team_id, rrule, dtstart, duration_minutes, title, created_by)
  values ($1, $2, 'FREQ=WEEKLY;COUNT=52', $3, 59, $4, $5) returning id`
const INSERT_MANY = `insert into bookings (series_id, lab_id, team_id, title, during, status, created_by)
  select $1, $2, $3, $4, r, 'confirmed', $5 from unnest($6::tstzrange[]) as r
  returning id, lower(during) as start, upper(during) as "end"`

const weekly = (first: string, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const s = new Date(first).getTime() + i * 7 * 86_400_000
    return `[${new Date(s).toISOString()},${new Date(s + 59 * 60_000).toISOString()})`
  })

async function open(url: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query("set track_functions = 'all'")
  const one = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows[0] as T
  const pid = (await one<{ pid: number }>('select pg_backend_pid() as pid')).pid
  /** Nanoseconds the backend has run on a core. */
  const cpu = () => Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[0])

  const bench = await one<{ lab_single: string; lab_series: string; team: string; user: string }>(`
    select (select l.id from labs l join hubs h on h.id = l.hub_id
             where h.name = 'Hub di prova del benchmark' and l.name = 'Sala prenotazioni singole (floor)') as lab_single,
           (select l.id from labs l join hubs h on h.id = l.hub_id
             where h.name = 'Hub di prova del benchmark' and l.name = 'Sala serie annuali (floor)') as lab_series,
           (select id from teams where name = 'Team del benchmark') as team,
           (select id from users where email = 'bench-member@example.org') as "user"`)
  if (!bench.lab_single || !bench.team) throw new Error('run `npm run bench` once on this database first (its world)')

  // A dataset lab booked by a team with a grant over 2028, and its free one-hour weekly slots at 06:00 UTC.
  const real = await one<{ lab: string; team: string }>(`
    select b.lab_id as lab, b.team_id as team from bookings b
    join grants g on g.team_id = b.team_id and g.from_date <= '2028-01-01' and g.to_date >= '2028-12-31'
    group by 1, 2 order by count(*) desc, 1, 2 limit 1`)
  const free = (
    await client.query<{ r: string }>(
      `select s.r::text as r from generate_series(0, 400) i
       cross join lateral (select tstzrange('2027-06-07 06:00+00'::timestamptz + i * interval '1 week',
                                            '2027-06-07 07:00+00'::timestamptz + i * interval '1 week') as r) s
       where not exists (select 1 from bookings b where b.lab_id = $1 and b.during && s.r and b.status in ('pending', 'confirmed'))
         and not exists (select 1 from closures c join labs l on l.id = $1 where c.during && s.r
                           and ((c.hub_id is null and c.lab_id is null) or c.hub_id = l.hub_id or c.lab_id = l.id))
       order by i limit 53`,
      [real.lab],
    )
  ).rows.map((row) => row.r)

  const cases: Case[] = [
    { name: 'bench, single', lab: bench.lab_single, team: bench.team, ranges: ['[2032-03-04 09:00+00,2032-03-04 11:00+00)'] },
    { name: 'bench, 52 weeks', lab: bench.lab_series, team: bench.team, ranges: weekly('2033-01-03T08:00:00Z', 52) },
    { name: 'dataset, single', lab: real.lab, team: real.team, ranges: [free[40] as string] },
    { name: 'dataset, 52 weeks', lab: real.lab, team: real.team, ranges: free.slice(0, 52) },
  ]

  async function insert(c: Case, explain: boolean): Promise<string[]> {
    const prefix = explain ? 'explain (analyze, buffers) ' : ''
    if (c.ranges.length === 1) {
      const { rows } = await client.query(prefix + INSERT_ONE, [c.lab, c.team, 'Misura', c.ranges[0], bench.user])
      return rows.map((row) => row['QUERY PLAN'])
    }
    const series = await one<{ id: string }>(INSERT_SERIES, [c.lab, c.team, c.ranges[0]?.slice(1, 23), 'Misura', bench.user])
    const { rows } = await client.query(prefix + INSERT_MANY, [series.id, c.lab, c.team, 'Misura', bench.user, c.ranges])
    return rows.map((row) => row['QUERY PLAN'])
  }

  /** Time in each function since the session's last report of its statistics (not only this transaction's). */
  async function functionTimes() {
    const { rows } = await client.query<{ funcname: string; total_time: number }>(
      'select funcname, total_time from pg_stat_xact_user_functions',
    )
    return new Map(rows.map((row) => [row.funcname, Number(row.total_time)]))
  }

  /** One round of a case: its figures in milliseconds. */
  async function round(c: Case): Promise<[string, number][]> {
    const out: [string, number][] = []
    await client.query('begin')
    const [t0, c0] = [process.hrtime.bigint(), cpu()]
    await insert(c, false)
    out.push(['INSERT, at the client', Number(process.hrtime.bigint() - t0) / 1e6], ['INSERT, backend CPU', (cpu() - c0) / 1e6])
    await client.query('rollback')

    await client.query('begin')
    await client.query("set local session_replication_role = 'replica'")
    const [t1, c1] = [process.hrtime.bigint(), cpu()]
    await insert(c, false)
    out.push(
      ['INSERT without triggers, at the client', Number(process.hrtime.bigint() - t1) / 1e6],
      ['INSERT without triggers, backend CPU', (cpu() - c1) / 1e6],
    )
    await client.query('rollback')

    await client.query('begin')
    const before = await functionTimes()
    const plan = await insert(c, true)
    const after = await functionTimes()
    await client.query('rollback')
    for (const line of plan) {
      const trigger = /^Trigger (.+?): time=([\d.]+) calls=/.exec(line.trim())
      if (trigger) out.push([`trigger ${trigger[1]}`, Number(trigger[2])])
      const total = /^Execution Time: ([\d.]+) ms/.exec(line.trim())
      if (total) out.push(['EXPLAIN ANALYZE execution time', Number(total[1])])
    }
    for (const [name, ms] of after) if (ms > (before.get(name) ?? 0)) out.push([`function ${name}`, ms - (before.get(name) ?? 0)])
    return out
  }
  return { url, client, cases, round }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN
}

const dbs = []
for (const url of urls) dbs.push(await open(url))
const first = dbs[0]
if (!first) throw new Error('no database')
for (const [k, c] of first.cases.entries()) {
  const figures = dbs.map(() => new Map<string, number[]>())
  for (let r = 0; r < rounds + 3; r++) {
    for (const [i, db] of dbs.entries()) {
      const out = await db.round(db.cases[k] as Case)
      if (r < 3) continue
      for (const [key, ms] of out) figures[i]?.set(key, [...(figures[i]?.get(key) ?? []), ms])
    }
  }
  console.log(`\n${c.name} (${c.ranges.length} row${c.ranges.length > 1 ? 's' : ''}), ${rounds} warm rounds: median / p90 ms`)
  console.log(`  ${''.padEnd(52)} ${dbs.map((db) => new URL(db.url).pathname.slice(1).padEnd(18)).join(' ')}`)
  const keys = [...new Set(figures.flatMap((f) => [...f.keys()]))]
  for (const key of keys) {
    const cells = figures.map((f) => {
      const xs = f.get(key)
      return (xs ? `${quantile(xs, 0.5).toFixed(2)} / ${quantile(xs, 0.9).toFixed(2)}` : '–').padEnd(18)
    })
    console.log(`  ${key.padEnd(52)} ${cells.join(' ')}`)
  }
}
for (const db of dbs) await db.client.end()
