import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { isStaff, managedHubIds } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { m } from './messages.ts'

/**
 * The inventory belongs to the hubs: the Comune sees and manages all of it, an operator the assets
 * of the hubs it manages (managedHubIds, the one rule), members none of it.
 */
export async function inventoryHubs(db: Kysely<Database>, user: SessionUser): Promise<'all' | string[]> {
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
  if (!row || (hubs !== 'all' && !hubs.includes(row.hub_id))) throw assetNotFound()
  return row
}

/** 400 for an unknown lab, 403 for a lab of a hub the user does not manage. */
export async function assertCanManageLab(db: Kysely<Database>, user: SessionUser, labId: string, path = 'labId') {
  const lab = await db.selectFrom('labs').select(['id', 'hub_id']).where('id', '=', labId).executeTakeFirst()
  if (!lab) throw problems.validation([{ path, message: field.unknownLab() }])
  const hubs = await inventoryHubs(db, user)
  if (hubs !== 'all' && !hubs.includes(lab.hub_id)) {
    throw problems.forbidden(m.notYourLab())
  }
  return lab
}

/** Staff who manage at least one hub (or the Comune): who may record trainings and add equipment types. */
export async function assertIsManagingStaff(db: Kysely<Database>, user: SessionUser) {
  const hubs = await inventoryHubs(db, user)
  if (hubs !== 'all' && hubs.length === 0) throw problems.forbidden(m.concessionNeeded())
}
