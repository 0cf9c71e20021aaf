import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { managedHubIds, teamIdsOf } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { type AppError, problems } from '../../http/problem.ts'

/** Who is asking, resolved once per request: the hubs they manage and the teams they belong to. */
export interface Viewer {
  user: SessionUser
  hubs: 'all' | string[]
  teams: string[]
}

export async function viewerOf(db: Kysely<Database>, user: SessionUser): Promise<Viewer> {
  const [hubs, teams] = await Promise.all([managedHubIds(db, user), teamIdsOf(db, user.id)])
  return { user, hubs, teams }
}

export function managesHub(v: Viewer, hubId: string): boolean {
  return v.hubs === 'all' || v.hubs.includes(hubId)
}

/** Staff see their hubs' bookings; members their teams'. Everything else is 404 to them. */
export function seesBooking(v: Viewer, b: { hub_id: string; team_id: string | null }): boolean {
  return managesHub(v, b.hub_id) || (b.team_id !== null && v.teams.includes(b.team_id))
}

export function notFound(what: 'booking' | 'lab' | 'hub' | 'team' | 'closure' | 'waitlist'): AppError {
  return problems.notFound(what)
}
