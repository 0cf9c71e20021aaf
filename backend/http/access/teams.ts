import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { SessionUser } from '../context.ts'
import { isAdmin, isStaff } from './people.ts'

/** The teams a person belongs to. */
export async function teamIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await teamIdsQuery(db, userId).execute()
  return rows.map((r) => r.team_id)
}

/** The same as a subquery, for a statement that resolves the viewer's teams itself. */
export function teamIdsQuery(db: Kysely<Database>, userId: string) {
  return db.selectFrom('team_members').select('team_id').where('user_id', '=', userId)
}

export async function isTeamMember(db: Kysely<Database>, userId: string, teamId: string): Promise<boolean> {
  const row = await db
    .selectFrom('team_members')
    .select('team_id')
    .where('user_id', '=', userId)
    .where('team_id', '=', teamId)
    .executeTakeFirst()
  return !!row
}

/** Staff see every team (operators need the names for their schedule); members and evaluators only their own. */
export function seesEveryTeam(user: SessionUser): boolean {
  return isStaff(user)
}

/**
 * Who sees a team, and what hangs from it (its grants, awards, trainings, indicators, progress reports):
 * staff all of them, members only their own. A team the caller may not see is unknown to it (404).
 */
export async function canSeeTeam(db: Kysely<Database>, user: SessionUser, teamId: string): Promise<boolean> {
  return seesEveryTeam(user) || isTeamMember(db, user.id, teamId)
}

/** The teams whose rows the user may list: 'all' for staff, else their own. */
export async function visibleTeamIds(db: Kysely<Database>, user: SessionUser): Promise<'all' | string[]> {
  return seesEveryTeam(user) ? 'all' : teamIdsOf(db, user.id)
}

/** Who may change a team's membership: the Comune, or a member of that team adding or removing a colleague. */
export async function mayManageTeamMembers(db: Kysely<Database>, user: SessionUser, teamId: string): Promise<boolean> {
  return isAdmin(user) || isTeamMember(db, user.id, teamId)
}

/** A team's calendar feed is private to its members and the Comune (operators read their hubs' feeds instead). */
export async function mayReadTeamFeed(db: Kysely<Database>, user: SessionUser, teamId: string): Promise<boolean> {
  return isAdmin(user) || isTeamMember(db, user.id, teamId)
}

/**
 * A team's certificates: anyone but a member of another team (staff check them before a booking; evaluators,
 * who are not members, read them too, as they always have).
 */
export async function maySeeTeamCertificates(db: Kysely<Database>, user: SessionUser, teamId: string): Promise<boolean> {
  return user.role !== 'member' || isTeamMember(db, user.id, teamId)
}
