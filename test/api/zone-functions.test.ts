import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatInstant, parseInstant } from '../../backend/time.ts'
import * as m0620 from '../../db/migrations/0620_zone_functions_plpgsql.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const ZONES = ['Europe/Rome', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'UTC']
const MINUTE = 60_000

/** Migration 0590's functions (PL/pgSQL since 0620), with which a list of bookings reads its period and writes its instants (issue 18). */
describe('iso_instant and wall_instant', () => {
  it('write an instant as formatInstant does, at random instants and minute by minute across DST changes', () => writesInstants())
  it('read a wall time as parseInstant does: the first of two, none for one skipped', () => readsWallTimes())

  it("are PL/pgSQL since 0620, and 0620 undone gives back 0590's SQL functions with the same values", async () => {
    const languages = async () => {
      const { rows } = await sql<{ proname: string; lanname: string }>`
        select p.proname, l.lanname from pg_proc p join pg_language l on l.oid = p.prolang
        where p.proname in ('iso_instant', 'wall_instant') order by p.proname`.execute(ctx.db)
      return rows.map((r) => `${r.proname}: ${r.lanname}`)
    }
    expect(await languages()).toEqual(['iso_instant: plpgsql', 'wall_instant: plpgsql'])
    await m0620.down(ctx.db)
    try {
      expect(await languages()).toEqual(['iso_instant: sql', 'wall_instant: sql'])
      await writesInstants()
      await readsWallTimes()
    } finally {
      await m0620.up(ctx.db)
    }
    expect(await languages()).toEqual(['iso_instant: plpgsql', 'wall_instant: plpgsql'])
  })
})

async function writesInstants() {
  const instants: number[] = []
  let seed = 7
  const random = () => {
    seed = (seed * 16807) % 2147483647
    return seed / 2147483647
  }
  for (let i = 0; i < 200; i++) instants.push(Date.UTC(2020, 0, 1) + Math.floor(random() * 12 * 365 * 86_400_000))
  // around Rome's, New York's and Lord Howe's changes of 2027 (the half-hour one included)
  for (const change of [Date.UTC(2027, 2, 28, 1), Date.UTC(2027, 9, 31, 1), Date.UTC(2027, 10, 7, 6), Date.UTC(2027, 3, 3, 15)])
    for (let m = -90; m <= 90; m += 7) instants.push(change + m * MINUTE + 59_999)
  for (const zone of ZONES) {
    const texts = instants.map((t) => new Date(t).toISOString())
    const rows = await sql<{ text: string }>`
      select iso_instant(t, ${zone}) as text from unnest(${texts}::timestamptz[]) with ordinality as u(t, n) order by n
    `.execute(ctx.db)
    expect(rows.rows.map((r) => r.text)).toEqual(instants.map((t) => formatInstant(new Date(t), zone)))
  }
  const none = await sql<{ text: string | null; zoneless: string | null }>`
    select iso_instant(null, 'Europe/Rome') as text, iso_instant(now(), null) as zoneless`.execute(ctx.db)
  expect(none.rows[0]).toEqual({ text: null, zoneless: null })
}

async function readsWallTimes() {
  const walls: string[] = []
  const pad = (n: number) => String(n).padStart(2, '0')
  for (const day of ['2027-03-28', '2027-10-31', '2027-03-14', '2027-11-07', '2027-04-04', '2027-10-03', '2027-06-15'])
    for (let m = 0; m < 4 * 60; m += 10) walls.push(`${day}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`)
  for (const zone of ZONES) {
    const rows = await sql<{ at: Date | null }>`
      select wall_instant(w, ${zone}) as at from unnest(${walls}::timestamp[]) with ordinality as u(w, n) order by n
    `.execute(ctx.db)
    const got = rows.rows.map((r) => (r.at === null ? null : new Date(r.at).toISOString()))
    expect(got).toEqual(walls.map((w) => parseInstant(w, zone)?.toUTC().toISO() ?? null))
  }
  const none = await sql<{ at: Date | null; zoneless: Date | null }>`
    select wall_instant(null, 'Europe/Rome') as at, wall_instant('2027-06-15T10:00', null) as zoneless`.execute(ctx.db)
  expect(none.rows[0]).toEqual({ at: null, zoneless: null })
}
