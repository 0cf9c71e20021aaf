import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/**
 * The one place where outcomes meet the calls feature (CONTRACT §8): which calls exist, and which calls fund
 * a team. Until awards exist a team takes part in a call when the Comune set it targets on the call's indicators.
 */
export async function callExists(_db: Kysely<Database>, _callId: string): Promise<boolean> {
  return true
}

/** The calls whose indicators a team reports on. */
export async function callsOfTeam(db: Kysely<Database>, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indicator_targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .select('i.call_id')
    .distinct()
    .where('t.team_id', '=', teamId)
    .execute()
  return rows.map((r) => r.call_id)
}

/** The teams taking part in a call (funded projects). */
export async function teamsOfCall(db: Kysely<Database>, callId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('indicator_targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .select('t.team_id')
    .distinct()
    .where('i.call_id', '=', callId)
    .execute()
  return rows.map((r) => r.team_id)
}
