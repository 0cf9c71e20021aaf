import { sql } from 'kysely'
import { createSession } from '../../backend/features/auth/sessions.ts'
import type { BenchContext, BenchScenario } from '../scenario.ts'

/**
 * The booking engine at Milan scale: one booking, a 52-week series, the "which kitchen is free every
 * Tuesday?" search over every lab of a type, and a hub's week. Writes go to a bench hub of their own
 * (created once, its bookings cleared before each run), so every iteration books a free slot and the
 * dataset's bookings, closures and indexes stay what the engine reads.
 */

const BENCH_HUB = 'Hub di prova del benchmark'
const BENCH_TEAM = 'Team del benchmark'

interface BenchWorld {
  hubId: string
  singleLabId: string
  seriesLabId: string
  teamId: string
  cookie: string
}

let world: BenchWorld | null = null

async function benchWorld(ctx: BenchContext): Promise<BenchWorld> {
  if (world) return world
  const db = ctx.db
  let hub = await db.selectFrom('hubs').select('id').where('name', '=', BENCH_HUB).executeTakeFirst()
  if (!hub) {
    const area = await db.selectFrom('areas').select('id').orderBy('name').executeTakeFirstOrThrow()
    hub = await db
      .insertInto('hubs')
      .values({ name: BENCH_HUB, kind: 'community_hub', address: 'Via del Benchmark 1, Milano', area_id: area.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('opening_hours')
      .values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ hub_id: hub?.id ?? '', weekday, opens: '07:00', closes: '23:00' })))
      .execute()
  }
  const lab = async (name: string) =>
    (await db.selectFrom('labs').select('id').where('hub_id', '=', hub.id).where('name', '=', name).executeTakeFirst()) ??
    (await db
      .insertInto('labs')
      .values({ hub_id: hub.id, name, type: 'multipurpose', capacity: 20, min_duration_minutes: 30, max_duration_minutes: 480 })
      .returning('id')
      .executeTakeFirstOrThrow())
  const single = await lab('Sala prenotazioni singole')
  const series = await lab('Sala serie annuali')
  const team =
    (await db.selectFrom('teams').select('id').where('name', '=', BENCH_TEAM).executeTakeFirst()) ??
    (await db
      .insertInto('teams')
      .values({ name: BENCH_TEAM, legal_status: 'association', contact_email: 'bench@example.org' })
      .returning('id')
      .executeTakeFirstOrThrow())
  const email = 'bench-member@example.org'
  const user =
    (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) ??
    (await db.insertInto('users').values({ email, name: 'Membro del benchmark', role: 'member' }).returning('id').executeTakeFirstOrThrow())
  await db
    .insertInto('team_members')
    .values({ team_id: team.id, user_id: user.id })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute()
  // Each run starts from empty bench labs.
  const labIds = [single.id, series.id]
  await db.deleteFrom('waitlist').where('lab_id', 'in', labIds).execute()
  await db.deleteFrom('bookings').where('lab_id', 'in', labIds).execute()
  await db.deleteFrom('booking_series').where('lab_id', 'in', labIds).execute()
  // …and without the dead rows of the previous run in the indexes the engine probes.
  await sql`vacuum (analyze) bookings, booking_series, waitlist, outbox, usage_rollup, usage_rollup_totals`.execute(db)
  // The pages this clearing dirtied are written now, not by the checkpointer during the measurement.
  await sql`checkpoint`.execute(db).catch(() => console.error('  (no CHECKPOINT privilege: the first iterations may pay for the clearing)'))
  world = {
    hubId: hub.id,
    singleLabId: single.id,
    seriesLabId: series.id,
    teamId: team.id,
    cookie: `sc_session=${(await createSession(db, user.id)).token}`,
  }
  return world
}

async function send(ctx: BenchContext, method: string, path: string, cookie: string, body?: unknown) {
  const res = await ctx.app.request(`http://localhost/api/v1${path}`, {
    method,
    headers: { Cookie: cookie, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, text }
}

async function expectStatus(ctx: BenchContext, expected: number, method: string, path: string, cookie: string, body?: unknown) {
  const res = await send(ctx, method, path, cookie, body)
  if (res.status !== expected) throw new Error(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** A distinct local day per iteration (warm-up ones included), far from the dataset's years. */
function dayOf(iteration: number): string {
  const d = new Date(Date.UTC(2030, 0, 7) + (iteration + 10) * 86_400_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

let hubWeek = { hubId: '', from: '2027-10-18', to: '2027-10-25' }
let searchType = 'kitchen'

export const scenarios: BenchScenario[] = [
  {
    name: 'bookings: a single booking (member)',
    // Steady state: the warm-up lets every pooled connection plan the engine's statements once.
    iterations: 100,
    warmup: 10,
    targetP95Ms: 20,
    prepare: async (ctx) => {
      await benchWorld(ctx)
    },
    run: async (ctx, i) => {
      const w = await benchWorld(ctx)
      const day = dayOf(i)
      await expectStatus(ctx, 201, 'POST', '/bookings', w.cookie, {
        labId: w.singleLabId,
        teamId: w.teamId,
        title: 'Corso di prova',
        start: `${day}T10:00`,
        end: `${day}T12:00`,
      })
    },
  },
  {
    name: 'bookings: a 52-week series (member)',
    iterations: 30,
    warmup: 5,
    targetP95Ms: 80,
    prepare: async (ctx) => {
      await benchWorld(ctx)
    },
    run: async (ctx, i) => {
      const w = await benchWorld(ctx)
      // 7 weekdays × 16 hours of distinct one-hour weekly slots.
      const k = i + 5
      const day = new Date(Date.UTC(2031, 0, 6) + (k % 7) * 86_400_000)
      const date = `${day.getUTCFullYear()}-${pad(day.getUTCMonth() + 1)}-${pad(day.getUTCDate())}`
      const hour = 7 + Math.floor(k / 7)
      await expectStatus(ctx, 201, 'POST', '/bookings', w.cookie, {
        labId: w.seriesLabId,
        teamId: w.teamId,
        title: 'Laboratorio annuale',
        start: `${date}T${pad(hour)}:00`,
        end: `${date}T${pad(hour)}:59`,
        recurrence: { rrule: 'FREQ=WEEKLY;COUNT=52' },
      })
    },
  },
  {
    name: 'availability: every lab of one type, 12 weekly occurrences',
    iterations: 30,
    warmup: 3,
    targetP95Ms: 150,
    prepare: async (ctx) => {
      const row = await sql<{ type: string }>`select type from labs group by type order by count(*) desc limit 1`.execute(ctx.db)
      searchType = row.rows[0]?.type ?? 'kitchen'
    },
    run: async (ctx, i) => {
      // A different Tuesday afternoon each time (no cache helps), inside the dataset's busy year.
      const start = new Date(Date.UTC(2027, 2, 2) + (i + 3) * 7 * 86_400_000)
      const date = `${start.getUTCFullYear()}-${pad(start.getUTCMonth() + 1)}-${pad(start.getUTCDate())}`
      const q = new URLSearchParams({ type: searchType, start: `${date}T14:00`, end: `${date}T17:00`, rrule: 'FREQ=WEEKLY;COUNT=12' })
      await expectStatus(ctx, 200, 'GET', `/availability?${q}`, ctx.cookies.member)
    },
  },
  {
    name: "bookings: a hub's week (GET /bookings?hubId&from&to, staff)",
    iterations: 40,
    warmup: 3,
    targetP95Ms: 25,
    prepare: async (ctx) => {
      const row = await sql<{ hub_id: string }>`
        select l.hub_id from bookings b join labs l on l.id = b.lab_id
        where b.during && tstzrange('2027-10-18 00:00+02', '2027-10-25 00:00+01')
        group by l.hub_id order by count(*) desc limit 1
      `.execute(ctx.db)
      if (!row.rows[0]) throw new Error('no bookings in the week of 18 October 2027')
      hubWeek = { ...hubWeek, hubId: row.rows[0].hub_id }
    },
    run: (ctx) =>
      expectStatus(ctx, 200, 'GET', `/bookings?hubId=${hubWeek.hubId}&from=${hubWeek.from}&to=${hubWeek.to}`, ctx.cookies.admin),
  },
]
