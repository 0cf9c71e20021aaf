import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { m } from '../../features/equipment/messages.ts'
import type { SessionUser } from '../context.ts'
import { field } from '../messages.ts'
import { problems } from '../problem.ts'
import { type HubScope, managedHubIds, scopeIncludes, scopeIsEmpty } from './hubs.ts'
import { isStaff } from './people.ts'

/**
 * The inventory belongs to the hubs: the Comune sees and manages all of it, an operator the assets
 * of the hubs it manages (managedHubIds, the one rule), members none of it.
 */
export async function inventoryHubs(db: Kysely<Database>, user: SessionUser): Promise<HubScope> {
  if (!isStaff(user)) throw problems.forbidden(m.staffOnly())
  return managedHubIds(db, user)
}

export const assetNotFound = () => problems.notFound('asset')

/** The asset with its lab's hub, if the user may see it; 404 otherwise (also for other hubs' assets). */
export async function visibleAsset(db: Kysely<Database>, user: SessionUser, assetId: string) {
  const hubs = await inventoryHubs(db, user)
  const row = await db
    .selectFrom('equipment_assets as a')
    .innerJoin('labs as l', 'l.id', 'a.lab_id')
    .innerJoin('hubs as h', 'h.id', 'l.hub_id')
    .selectAll('a')
    .select(['l.hub_id', 'h.timezone'])
    .where('a.id', '=', assetId)
    .executeTakeFirst()
  if (!row || !scopeIncludes(hubs, row.hub_id)) throw assetNotFound()
  return row
}

/** 400 for an unknown lab, 403 for a lab of a hub the user does not manage. */
export async function assertCanManageLab(db: Kysely<Database>, user: SessionUser, labId: string, path = 'labId') {
  const lab = await db.selectFrom('labs').select(['id', 'hub_id']).where('id', '=', labId).executeTakeFirst()
  if (!lab) throw problems.validation([{ path, message: field.unknownLab() }])
  const hubs = await inventoryHubs(db, user)
  if (!scopeIncludes(hubs, lab.hub_id)) throw problems.forbidden(m.notYourLab())
  return lab
}

/** Staff who manage at least one hub (or the Comune): who may record trainings and add equipment types. */
export async function assertIsManagingStaff(db: Kysely<Database>, user: SessionUser) {
  const hubs = await inventoryHubs(db, user)
  if (scopeIsEmpty(hubs)) throw problems.forbidden(m.concessionNeeded())
}
