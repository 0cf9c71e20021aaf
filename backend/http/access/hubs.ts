import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { SessionUser } from '../context.ts'
import { http } from '../messages.ts'
import { problems } from '../problem.ts'

/** The hubs a person manages: every hub for the Comune, else a list (empty for members and evaluators). */
export type HubScope = 'all' | string[]

/** A concession in force: status active and today's date in Milan within its period (columns of `concessions`). */
export const concessionInForce = sql<boolean>`status = 'active' and (now() at time zone 'Europe/Rome')::date between start_date and end_date`

/** Hubs the operator holds under a concession in force: the hubs its staff manage. */
export async function hubsHeldByOperator(db: Kysely<Database>, operatorId: string): Promise<string[]> {
  const rows = await hubsHeldQuery(db, operatorId).execute()
  return [...new Set(rows.map((r) => r.hub_id))]
}

/** The same as a subquery, for a statement that resolves the viewer's scope itself. */
export function hubsHeldQuery(db: Kysely<Database>, operatorId: string) {
  return db.selectFrom('concessions').select('hub_id').where('operator_id', '=', operatorId).where(concessionInForce)
}

/** Hubs the user manages: 'all' for admins, the concession hubs for operators, none for members. */
export async function managedHubIds(db: Kysely<Database>, user: SessionUser | null): Promise<HubScope> {
  if (!user) return []
  if (user.role === 'admin') return 'all'
  if (user.role !== 'operator' || !user.operatorId) return []
  return hubsHeldByOperator(db, user.operatorId)
}

/** Whether the scope covers the hub. */
export function scopeIncludes(hubs: HubScope, hubId: string): boolean {
  return hubs === 'all' || hubs.includes(hubId)
}

/** Whether the scope covers any hub at all (an operator without a concession in force covers none). */
export function scopeIsEmpty(hubs: HubScope): boolean {
  return hubs !== 'all' && hubs.length === 0
}

/** Whether the scope covers one of the hubs. */
export function scopeMeets(hubs: HubScope, hubIds: readonly string[]): boolean {
  return hubs === 'all' || hubIds.some((h) => hubs.includes(h))
}

export async function canManageHub(db: Kysely<Database>, user: SessionUser | null, hubId: string): Promise<boolean> {
  return scopeIncludes(await managedHubIds(db, user), hubId)
}

/** Throws 403 unless the user manages the hub (the hub is known to exist and be visible). */
export async function assertCanManageHub(db: Kysely<Database>, user: SessionUser, hubId: string): Promise<void> {
  if (!(await canManageHub(db, user, hubId))) throw problems.forbidden(http.onlyHubManager())
}

/** Staff who manage at least one hub, or the Comune. */
export async function managesSomeHub(db: Kysely<Database>, user: SessionUser): Promise<boolean> {
  return !scopeIsEmpty(await managedHubIds(db, user))
}
