import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { SessionUser } from '../../http/context.ts'
import { visibleCall } from '../calls/calls.ts'

/**
 * The one place where outcomes meet the calls feature (CONTRACT §8): which calls a person may see, which
 * projects (teams) a call funds, and what their applications promised. A team takes part in a call when the
 * call awarded it (an award not revoked) or when the Comune set it targets on the call's indicators (a
 * project funded before the system kept its calls).
 */
export async function assertCallVisible(db: Kysely<Database>, user: SessionUser | null, callId: string): Promise<void> {
  await visibleCall(db, user, callId)
}

/** The calls whose indicators a team reports on. */
export async function callsOfTeam(db: Kysely<Database>, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('awards')
    .select('call_id')
    .where('team_id', '=', teamId)
    .where('status', '<>', 'revoked')
    .union(
      db
        .selectFrom('indicator_targets as t')
        .innerJoin('indicators as i', 'i.id', 't.indicator_id')
        .select('i.call_id')
        .where('t.team_id', '=', teamId),
    )
    .execute()
  return rows.map((r) => r.call_id)
}

/** The projects (teams) of a call. */
export async function teamsOfCall(db: Kysely<Database>, callId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('awards')
    .select('team_id')
    .where('call_id', '=', callId)
    .where('status', '<>', 'revoked')
    .union(
      db
        .selectFrom('indicator_targets as t')
        .innerJoin('indicators as i', 'i.id', 't.indicator_id')
        .select('t.team_id')
        .where('i.call_id', '=', callId),
    )
    .execute()
  return rows.map((r) => r.team_id)
}

/**
 * What the projects' applications promised, per team and call: indicator name (trimmed, lower case) →
 * baseline and target. Used where the Comune set no target of its own, so nothing is typed twice.
 */
export async function applicationPromises(
  db: Kysely<Database>,
  projects: Array<{ teamId: string; callId: string }>,
): Promise<Map<string, Map<string, { baseline: number; target: number }>>> {
  const out = new Map<string, Map<string, { baseline: number; target: number }>>()
  const teamIds = [...new Set(projects.map((p) => p.teamId))]
  if (teamIds.length === 0) return out
  const rows = await db
    .selectFrom('awards as a')
    .innerJoin('application_indicators as ai', 'ai.application_id', 'a.application_id')
    .select(['a.team_id', 'a.call_id', 'ai.name', 'ai.baseline', 'ai.target'])
    .where('a.team_id', 'in', teamIds)
    .where('a.status', '<>', 'revoked')
    .execute()
  for (const r of rows) {
    const key = `${r.team_id}:${r.call_id}`
    const m = out.get(key) ?? new Map()
    m.set(r.name.trim().toLowerCase(), { baseline: Number(r.baseline), target: Number(r.target) })
    out.set(key, m)
  }
  return out
}
