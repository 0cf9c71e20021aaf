import { type Kysely, sql } from 'kysely'
import { hashPassword } from '../backend/features/auth/passwords.ts'
import type { Database } from '../db/schema.ts'

/**
 * The benchmark's own corner of the Milan-scale dataset: a hub open 07–23 every day with labs of its own
 * (one per writing scenario and engine, one per concurrent client), a team and a member who signs in with a
 * password. Its bookings are cleared before each run, so every iteration books a free slot while the
 * dataset's bookings, closures and indexes stay what the engine reads.
 */

const BENCH_HUB = 'Hub di prova del benchmark'
const BENCH_TEAM = 'Team del benchmark'
export const BENCH_MEMBER = { email: 'bench-member@example.org', password: 'bench-password-2027' }
export const CONCURRENT_CLIENTS = 16

export interface BenchWorld {
  hubId: string
  teamId: string
  labs: {
    single: { app: string; floor: string }
    series: { app: string; floor: string }
    /** One lab per concurrent client (shared by every throughput phase, which book different dates). */
    concurrent: string[]
  }
}

export async function prepareWorld(db: Kysely<Database>): Promise<BenchWorld> {
  let hub = await db.selectFrom('hubs').select('id').where('name', '=', BENCH_HUB).executeTakeFirst()
  if (!hub) {
    const area = await db.selectFrom('areas').select('id').orderBy('name').executeTakeFirstOrThrow()
    hub = await db
      .insertInto('hubs')
      .values({ name: BENCH_HUB, kind: 'community_hub', address: 'Via del Benchmark 1, Milano', area_id: area.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    const hubId = hub.id
    await db
      .insertInto('opening_hours')
      .values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ hub_id: hubId, weekday, opens: '07:00', closes: '23:00' })))
      .execute()
  }
  const hubId = hub.id
  const lab = async (name: string) =>
    (
      (await db.selectFrom('labs').select('id').where('hub_id', '=', hubId).where('name', '=', name).executeTakeFirst()) ??
      (await db
        .insertInto('labs')
        .values({ hub_id: hubId, name, type: 'multipurpose', capacity: 20, min_duration_minutes: 30, max_duration_minutes: 480 })
        .returning('id')
        .executeTakeFirstOrThrow())
    ).id
  const labs: BenchWorld['labs'] = {
    single: { app: await lab('Sala prenotazioni singole'), floor: await lab('Sala prenotazioni singole (floor)') },
    series: { app: await lab('Sala serie annuali'), floor: await lab('Sala serie annuali (floor)') },
    concurrent: [],
  }
  for (let i = 1; i <= CONCURRENT_CLIENTS; i++) labs.concurrent.push(await lab(`Sala concorrente ${i}`))

  const team =
    (await db.selectFrom('teams').select('id').where('name', '=', BENCH_TEAM).executeTakeFirst()) ??
    (await db
      .insertInto('teams')
      .values({ name: BENCH_TEAM, legal_status: 'association', contact_email: 'bench@example.org' })
      .returning('id')
      .executeTakeFirstOrThrow())
  const passwordHash = await hashPassword(BENCH_MEMBER.password)
  const user = await db
    .insertInto('users')
    .values({ email: BENCH_MEMBER.email, name: 'Membro del benchmark', role: 'member', password_hash: passwordHash })
    .onConflict((oc) => oc.column('email').doUpdateSet({ password_hash: passwordHash }))
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('team_members')
    .values({ team_id: team.id, user_id: user.id })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
    .execute()

  // Each run starts from empty bench labs…
  const labIds = [labs.single.app, labs.single.floor, labs.series.app, labs.series.floor, ...labs.concurrent]
  await db.deleteFrom('waitlist').where('lab_id', 'in', labIds).execute()
  await db.deleteFrom('bookings').where('lab_id', 'in', labIds).execute()
  await db.deleteFrom('booking_series').where('lab_id', 'in', labIds).execute()
  // …the outbox the previous runs filled is gone (the worker would otherwise send it during this one)…
  await db.deleteFrom('outbox').where('recipient', 'in', [BENCH_MEMBER.email, 'bench@example.org']).execute()
  // …and without the dead rows of the previous runs, in every table: a run's bookings update the roll-ups' rows
  // thousands of times, and a server with autovacuum off (this machine's CI configuration) keeps every dead
  // version (session 13: the heatmap's week-hours rows, never vacuumed, took its p50 from 18 to 87 ms over a
  // day's runs). ≈ 2 s on the dataset.
  await sql`vacuum (analyze)`.execute(db)
  // The pages this clearing dirtied are written now, not by the checkpointer during the measurement.
  await sql`checkpoint`.execute(db).catch(() => console.error('  (no CHECKPOINT privilege: the first iterations may pay for the clearing)'))
  return { hubId, teamId: team.id, labs }
}

/**
 * The dataset's busiest lab (the most bookings) and one of its bookings: the lab whose public feed the bench
 * measures. The bench's own labs are left out: once the series scenario has run, its series lab holds 36 series
 * of 52 weeks, more bookings than any lab of the dataset but a feed of a few dozen events (each series one RRULE).
 */
export async function busiestLab(db: Kysely<Database>, world: BenchWorld): Promise<{ labId: string; bookingId: string }> {
  const row = await sql<{ lab_id: string; booking_id: string }>`
    select b.lab_id, (array_agg(b.id))[1]::text as booking_id
    from bookings b join labs l on l.id = b.lab_id
    where l.hub_id <> ${world.hubId}
    group by b.lab_id order by count(*) desc limit 1`.execute(db)
  return { labId: row.rows[0].lab_id, bookingId: row.rows[0].booking_id }
}
