import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { ConcessionScope } from '../../features/reports/concessions-queries.ts'
import type { GrantScope } from '../../features/reports/grants-report.ts'
import { m } from '../../features/reports/messages.ts'
import type { LabScope } from '../../features/reports/utilisation-queries.ts'
import type { SessionUser } from '../context.ts'
import { problems } from '../problem.ts'
import { managedHubIds } from './hubs.ts'
import { isStaff } from './people.ts'

export interface ScopeFilters {
  hubId?: string
  labId?: string
  type?: string
  areaId?: string
}

/**
 * Reports are for the Comune (everything) and operators (their hubs); members get 403.
 * An operator's filters are silently narrowed to its hubs; naming a hub (or a lab of a hub) it does not
 * manage is a 403, so a figure never looks like "zero" when it is in fact hidden.
 */
export async function resolveLabScope(db: Kysely<Database>, user: SessionUser, filters: ScopeFilters): Promise<LabScope> {
  if (!isStaff(user)) throw problems.forbidden(m.staffOnly())
  const hubIds = await managedHubIds(db, user)
  if (hubIds !== 'all') {
    if (filters.hubId && !hubIds.includes(filters.hubId)) throw problems.forbidden(m.notYourHub())
    if (filters.labId) {
      const lab = await db.selectFrom('labs').select('hub_id').where('id', '=', filters.labId).executeTakeFirst()
      if (!lab || !hubIds.includes(lab.hub_id)) throw problems.forbidden(m.notYourLab())
    }
  }
  return { hubIds, ...filters }
}

/** Concession compliance: the Comune sees every concession, an operator those of its own operator. */
export function resolveConcessionScope(user: SessionUser, filters: { hubId?: string; areaId?: string }): ConcessionScope {
  if (user.role === 'admin') return { operatorId: 'all', ...filters }
  if (user.role === 'operator' && user.operatorId) return { operatorId: user.operatorId, ...filters }
  throw problems.forbidden(m.staffOnly())
}

/** Grants: the Comune sees them all; an operator those scoped to a hub it manages. */
export async function resolveGrantScope(db: Kysely<Database>, user: SessionUser, filters: Omit<GrantScope, 'hubIds'>): Promise<GrantScope> {
  if (!isStaff(user)) throw problems.forbidden(m.staffOnly())
  const hubIds = await managedHubIds(db, user)
  if (hubIds !== 'all' && filters.hubId && !hubIds.includes(filters.hubId)) throw problems.forbidden(m.notYourHub())
  return { hubIds, ...filters }
}
