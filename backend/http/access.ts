import type { Context } from 'hono'
import { type Kysely, sql } from 'kysely'
import type { Database, Role } from '../../db/schema.ts'
import type { AppEnv, SessionUser } from './context.ts'
import { http } from './messages.ts'
import { problems } from './problem.ts'

/**
 * The one place where who-may-do-what is decided.
 * admin: everything. operator: the hubs its operator holds under a concession in force
 * (status active, today within its period). member: its own teams.
 */

export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user')
  if (!user) throw problems.unauthorized()
  return user
}

export function requireRole(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  const user = requireUser(c)
  if (!roles.includes(user.role)) throw problems.forbidden()
  return user
}

export function isStaff(user: SessionUser | null): boolean {
  return user?.role === 'admin' || user?.role === 'operator'
}

/** A concession in force: status active and today's date in Milan within its period (columns of `concessions`). */
export const concessionInForce = sql<boolean>`status = 'active' and (now() at time zone 'Europe/Rome')::date between start_date and end_date`

/** Hubs the operator holds under a concession in force: the hubs its staff manage. */
export async function hubsHeldByOperator(db: Kysely<Database>, operatorId: string): Promise<string[]> {
  const rows = await db.selectFrom('concessions').select('hub_id').where('operator_id', '=', operatorId).where(concessionInForce).execute()
  return [...new Set(rows.map((r) => r.hub_id))]
}

/** Hubs the user manages: 'all' for admins, the concession hubs for operators, none for members. */
export async function managedHubIds(db: Kysely<Database>, user: SessionUser | null): Promise<'all' | string[]> {
  if (!user) return []
  if (user.role === 'admin') return 'all'
  if (user.role !== 'operator' || !user.operatorId) return []
  return hubsHeldByOperator(db, user.operatorId)
}

export async function canManageHub(db: Kysely<Database>, user: SessionUser | null, hubId: string): Promise<boolean> {
  const hubs = await managedHubIds(db, user)
  return hubs === 'all' || hubs.includes(hubId)
}

/** Throws 403 unless the user manages the hub (the hub is known to exist and be visible). */
export async function assertCanManageHub(db: Kysely<Database>, user: SessionUser, hubId: string): Promise<void> {
  if (!(await canManageHub(db, user, hubId))) throw problems.forbidden(http.onlyHubManager())
}

export async function teamIdsOf(db: Kysely<Database>, userId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('user_id', '=', userId).execute()
  return rows.map((r) => r.team_id)
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
