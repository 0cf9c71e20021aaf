import http from 'node:http'
import type { AddressInfo } from 'node:net'
import pg from 'pg'
import { hashToken } from '../backend/features/auth/tokens.ts'

/**
 * The bare floor of `npm run bench` (issue 18): node:http + pg on the same database, doing only the SQL of
 * each operation, so that a figure of Spazi Comuni can be read against what the database itself costs.
 *
 * Every request looks its session up (the same `sessions` table and cookie as the app), reads a JSON body
 * where there is one and answers JSON. No validation, no rules beyond the database's own: a booking is one
 * INSERT (a series: the series row and one multi-row INSERT in a transaction) that the same exclusion
 * constraint referees (409 on 23P01), with the same triggers (roll-up, closures) firing.
 *
 * Run by bench/run.ts as a child process: `DATABASE_URL=… PORT=0 node --import tsx bench/reference-server.ts`;
 * it prints `listening on http://127.0.0.1:PORT`.
 */

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) })

const SESSION = `select u.id, u.role from sessions s join users u on u.id = s.user_id
  where s.token_hash = $1 and s.expires_at > now() and u.disabled_at is null`

async function sessionUser(req: http.IncomingMessage): Promise<{ id: string; role: string } | null> {
  const token = /(?:^|;\s*)sc_session=([^;]+)/.exec(req.headers.cookie ?? '')?.[1]
  if (!token) return null
  const { rows } = await pool.query({ name: 'session', text: SESSION, values: [hashToken(token)] })
  return rows[0] ?? null
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) })
  res.end(text)
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8'))
}

interface BookingBody {
  labId: string
  teamId: string
  title: string
  /** Instants with an offset: the floor does no time-zone work. */
  start: string
  end: string
  /** A weekly series of this many occurrences (same UTC time each week). */
  weeks?: number
}

const INSERT_ONE = `insert into bookings (lab_id, team_id, title, during, status, created_by)
  values ($1, $2, $3, tstzrange($4, $5), 'confirmed', $6) returning id, lower(during) as start, upper(during) as "end"`

const INSERT_SERIES = `insert into booking_series (lab_id, team_id, rrule, dtstart, duration_minutes, title, created_by)
  values ($1, $2, $3, $4, $5, $6, $7) returning id`

const INSERT_MANY = `insert into bookings (series_id, lab_id, team_id, title, during, status, created_by)
  select $1, $2, $3, $4, r, 'confirmed', $5 from unnest($6::tstzrange[]) as r
  returning id, lower(during) as start, upper(during) as "end"`

async function book(user: { id: string }, b: BookingBody) {
  const weeks = b.weeks ?? 1
  if (weeks <= 1) {
    const { rows } = await pool.query({
      name: 'insert-one',
      text: INSERT_ONE,
      values: [b.labId, b.teamId, b.title, b.start, b.end, user.id],
    })
    return { series: null, bookings: rows }
  }
  const start = new Date(b.start).getTime()
  const length = new Date(b.end).getTime() - start
  const ranges = Array.from({ length: weeks }, (_, i) => {
    const s = start + i * 7 * 86_400_000
    return `[${new Date(s).toISOString()},${new Date(s + length).toISOString()})`
  })
  const client = await pool.connect()
  try {
    await client.query('begin')
    const series = await client.query({
      name: 'insert-series',
      text: INSERT_SERIES,
      values: [b.labId, b.teamId, `FREQ=WEEKLY;COUNT=${weeks}`, b.start, Math.round(length / 60_000), b.title, user.id],
    })
    const seriesId = series.rows[0].id
    const { rows } = await client.query({
      name: 'insert-many',
      text: INSERT_MANY,
      values: [seriesId, b.labId, b.teamId, b.title, user.id, ranges],
    })
    await client.query('commit')
    return { series: { id: seriesId }, bookings: rows }
  } catch (err) {
    await client.query('rollback')
    throw err
  } finally {
    client.release()
  }
}

const HUB_WEEK = `select b.id, b.series_id as "seriesId", b.lab_id as "labId", l.name as "labName", b.team_id as "teamId",
    t.name as "teamName", b.title, lower(b.during) as start, upper(b.during) as "end", b.status
  from bookings b join labs l on l.id = b.lab_id left join teams t on t.id = b.team_id
  where l.hub_id = $1 and b.during && tstzrange($2::date::timestamp at time zone 'Europe/Rome', $3::date::timestamp at time zone 'Europe/Rome')
  order by lower(b.during), b.id`

/** Labs of a type, with how many of the weekly occurrences no live booking is in the way of. */
const AVAILABILITY = `select l.id, l.name, l.capacity, count(*) filter (where not exists (
      select 1 from bookings b where b.lab_id = l.id and b.during && s.r and b.status in ('pending', 'confirmed'))) as free,
    count(*) as total
  from labs l cross join unnest($2::tstzrange[]) as s(r)
  where l.type = $1
  group by l.id order by free desc, l.name`

async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  const user = await sessionUser(req)
  if (!user) return send(res, 401, { title: 'not signed in' })
  const url = new URL(req.url ?? '/', 'http://floor')
  if (req.method === 'POST' && url.pathname === '/bookings') {
    try {
      return send(res, 201, await book(user, (await readJson(req)) as unknown as BookingBody))
    } catch (err) {
      if ((err as { code?: string }).code === '23P01') return send(res, 409, { title: 'conflict' })
      throw err
    }
  }
  if (req.method === 'GET' && url.pathname === '/bookings') {
    const q = url.searchParams
    const { rows } = await pool.query({ name: 'hub-week', text: HUB_WEEK, values: [q.get('hubId'), q.get('from'), q.get('to')] })
    return send(res, 200, rows)
  }
  if (req.method === 'GET' && url.pathname === '/availability') {
    const q = url.searchParams
    const start = new Date(q.get('start') ?? '').getTime()
    const length = new Date(q.get('end') ?? '').getTime() - start
    const ranges = Array.from({ length: Number(q.get('weeks') ?? 1) }, (_, i) => {
      const s = start + i * 7 * 86_400_000
      return `[${new Date(s).toISOString()},${new Date(s + length).toISOString()})`
    })
    const { rows } = await pool.query({ name: 'availability', text: AVAILABILITY, values: [q.get('type'), ranges] })
    return send(res, 200, rows)
  }
  send(res, 404, { title: 'no route' })
}

const server = http.createServer((req, res) => {
  handle(req, res).catch((err) => send(res, 500, { title: String(err) }))
})
server.keepAliveTimeout = 60_000
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`)
})
const stop = () => server.close(() => void pool.end().then(() => process.exit(0)))
process.on('SIGTERM', stop)
process.on('SIGINT', stop)
