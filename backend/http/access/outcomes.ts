import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { hubsOfTeams } from '../../features/outcomes/project-places.ts'
import type { SessionUser } from '../context.ts'
import { managedHubIds, scopeIsEmpty, scopeMeets } from './hubs.ts'
import { isTeamMember } from './teams.ts'

/**
 * A funded project (a team) works in the hubs of its grants and its bookings. Its progress reports and its
 * figures in the outcome reports are for the Comune, and for the operators of a hub the team works in.
 */

/** Whether the user may review the team's progress reports: the Comune, or the operator of a hub the team works in. */
export async function mayReviewTeam(db: Kysely<Database>, user: SessionUser, teamId: string): Promise<boolean> {
  const managed = await managedHubIds(db, user)
  if (managed === 'all') return true
  if (scopeIsEmpty(managed)) return false
  return scopeMeets(managed, (await hubsOfTeams(db, [teamId])).get(teamId) ?? [])
}

/** A progress report: its team's members and its reviewers see it; to anyone else it does not exist. */
export async function seesProgressReport(db: Kysely<Database>, user: SessionUser, report: { team_id: string }): Promise<boolean> {
  const member = user.role === 'member' && (await isTeamMember(db, user.id, report.team_id))
  return member || mayReviewTeam(db, user, report.team_id)
}

/** The projects the user may see in reports: all for the Comune, those working in its hubs for an operator. */
export async function scopeProjects<P extends { teamId: string }>(db: Kysely<Database>, user: SessionUser, projects: P[]): Promise<P[]> {
  const managed = await managedHubIds(db, user)
  if (managed === 'all') return projects
  const hubs = await hubsOfTeams(db, [...new Set(projects.map((p) => p.teamId))])
  return projects.filter((p) => scopeMeets(managed, hubs.get(p.teamId) ?? []))
}
