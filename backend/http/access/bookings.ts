import { type Expression, type Kysely, type SqlBool, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { m } from '../../features/bookings/messages.ts'
import type { SessionUser } from '../context.ts'
import { problems } from '../problem.ts'
import { type HubScope, hubsHeldQuery, managedHubIds, scopeIncludes } from './hubs.ts'
import { teamIdsOf, teamIdsQuery } from './teams.ts'

/**
 * Who is asking about bookings and waitlists, resolved once per request: the hubs they manage and the teams
 * they belong to. Staff see their hubs' bookings; members their teams'. Everything else is 404 to them.
 */
export interface Viewer {
  user: SessionUser
  hubs: HubScope
  teams: string[]
}

export async function viewerOf(db: Kysely<Database>, user: SessionUser): Promise<Viewer> {
  const [hubs, teams] = await Promise.all([managedHubIds(db, user), teamIdsOf(db, user.id)])
  return { user, hubs, teams }
}

/** Whether the viewer manages the hub: the staff side of every booking rule. */
export function managesHub(v: Viewer, hubId: string): boolean {
  return scopeIncludes(v.hubs, hubId)
}

/** Whether the viewer belongs to the team (a booking without a team, an internal one, belongs to nobody). */
export function inTeam(v: Viewer, teamId: string | null | undefined): boolean {
  return !!teamId && v.teams.includes(teamId)
}

/** A booking, a waitlist entry: its hub's staff and its team's members see it. */
export function seesBooking(v: Viewer, b: { hub_id: string; team_id: string | null }): boolean {
  return managesHub(v, b.hub_id) || inTeam(v, b.team_id)
}

/** Who may ask on a team's behalf for a lab (book it, queue for it): the lab's staff, or the team's members. */
export function mayActFor(v: Viewer, hubId: string, teamId: string): boolean {
  return managesHub(v, hubId) || inTeam(v, teamId)
}

/** What a list shows the viewer: null for everything (the Comune), else the hubs and teams it may see. */
export function listScope(v: Viewer): { hubIds: string[]; teamIds: string[] } | null {
  return v.hubs === 'all' ? null : { hubIds: v.hubs, teamIds: v.teams }
}

/**
 * `listScope` in SQL, for a list that resolves the viewer in its own statement (issue 18: no round trip for the
 * teams and hubs first): whether the user sees a booking of this hub and team — every one for the Comune, else
 * one of a hub they manage (`managedHubIds`) or of one of their teams (`teamIdsOf`).
 */
export function seesBookingSql(
  db: Kysely<Database>,
  user: SessionUser,
  booking: { hubId: Expression<string>; teamId: Expression<string | null> },
): Expression<SqlBool> {
  if (user.role === 'admin') return sql<SqlBool>`true`
  const ofTeam = sql<SqlBool>`${booking.teamId} in (${teamIdsQuery(db, user.id)})`
  if (user.role !== 'operator' || !user.operatorId) return ofTeam
  return sql<SqlBool>`(${booking.hubId} in (${hubsHeldQuery(db, user.operatorId)}) or ${ofTeam})`
}

/**
 * Who may book a lab: its hub's staff (for any team, or none: an internal booking), a member for one of
 * their own teams. `team` is the team named (undefined when unknown), with whether the actor belongs to it.
 */
export function assertMayBook(a: {
  user: SessionUser
  staff: boolean
  teamId: string | null
  team: { actorIsMember: SqlBool } | undefined
}) {
  if (!a.staff && a.user.role !== 'member') throw problems.forbidden(m.onlyStaffInternal())
  if (a.teamId && !a.team) throw problems.notFound('team')
  if (a.teamId && !a.staff && !a.team?.actorIsMember) throw problems.forbidden(m.onlyOwnTeams())
}
