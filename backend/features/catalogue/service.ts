import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { assertCanManageHub, isAdmin } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field, http } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { rebuildHubUsage } from '../reports/usage-rollup.ts'
import { type HubView, type LabView, toArea, toHub, toLab } from './mappers.ts'
import { m } from './messages.ts'
import { type OpeningInterval, openingHoursProblems, sortWeek } from './opening-hours.ts'
import { findArea, findHub, findLab, openingHoursOf, replaceOpeningHours } from './queries.ts'
import type { AreaInput, HubInput, HubPatchInput, LabInput, LabPatchInput } from './schemas.ts'

/** Use cases of the catalogue: access check first, one transaction each, the change audited. */

function assertAdmin(actor: SessionUser) {
  if (!isAdmin(actor)) throw problems.forbidden(http.onlyComune())
}

async function assertAreaExists(db: Kysely<Database> | Transaction<Database>, areaId: string) {
  if (!(await findArea(db, areaId))) throw problems.validation([{ path: 'areaId', message: field.unknownArea() }])
}

export async function createArea(db: Kysely<Database>, actor: SessionUser, input: AreaInput) {
  assertAdmin(actor)
  return db.transaction().execute(async (trx) => {
    if (input.nilId !== null) {
      const taken = await trx.selectFrom('areas').select('id').where('nil_id', '=', input.nilId).executeTakeFirst()
      if (taken) throw problems.conflict(m.nilTaken({ nilId: String(input.nilId) }), { existingId: taken.id })
    }
    const row = await trx
      .insertInto('areas')
      .values({ name: input.name, nil_id: input.nilId, municipio: input.municipio, is_target: input.isTarget })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: actor.id, action: 'area.created', entity: 'area', entityId: row.id, details: input })
    return toArea(row)
  })
}

export async function getHub(db: Kysely<Database>, id: string): Promise<HubView> {
  const row = await findHub(db, id)
  if (!row) throw problems.notFound('hub')
  return toHub(row)
}

export async function createHub(db: Kysely<Database>, actor: SessionUser, input: HubInput): Promise<HubView> {
  assertAdmin(actor)
  return db.transaction().execute(async (trx) => {
    await assertAreaExists(trx, input.areaId)
    const { id } = await trx
      .insertInto('hubs')
      .values({
        name: input.name,
        kind: input.kind,
        address: input.address,
        area_id: input.areaId,
        timezone: input.timezone,
        phone: input.phone ?? null,
        email: input.email ?? null,
        description: input.description ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: actor.id, action: 'hub.created', entity: 'hub', entityId: id, details: input })
    return toHub((await findHub(trx, id))!)
  })
}

export async function updateHub(db: Kysely<Database>, actor: SessionUser, id: string, patch: HubPatchInput): Promise<HubView> {
  const current = await getHub(db, id)
  await assertCanManageHub(db, actor, id)
  return db.transaction().execute(async (trx) => {
    if (patch.areaId) await assertAreaExists(trx, patch.areaId)
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.kind !== undefined && { kind: patch.kind }),
      ...(patch.address !== undefined && { address: patch.address }),
      ...(patch.areaId !== undefined && { area_id: patch.areaId }),
      ...(patch.timezone !== undefined && { timezone: patch.timezone }),
      ...(patch.phone !== undefined && { phone: patch.phone }),
      ...(patch.email !== undefined && { email: patch.email }),
      ...(patch.description !== undefined && { description: patch.description }),
    }
    if (Object.keys(set).length > 0) {
      await trx.updateTable('hubs').set(set).where('id', '=', id).execute()
      // the usage figures count the hub's local days
      if (patch.timezone !== undefined && patch.timezone !== current.timezone) await rebuildHubUsage(trx, id)
      await recordAudit(trx, { actorUserId: actor.id, action: 'hub.updated', entity: 'hub', entityId: id, details: patch })
    }
    return toHub((await findHub(trx, id))!)
  })
}

export async function getOpeningHours(db: Kysely<Database>, hubId: string): Promise<OpeningInterval[]> {
  await getHub(db, hubId)
  return openingHoursOf(db, hubId)
}

/** Replaces the hub's whole week. */
export async function setOpeningHours(db: Kysely<Database>, actor: SessionUser, hubId: string, week: OpeningInterval[]) {
  await getHub(db, hubId)
  await assertCanManageHub(db, actor, hubId)
  const faults = openingHoursProblems(week)
  if (faults.length) throw problems.validation(faults, m.openingHoursInvalid())
  return db.transaction().execute(async (trx) => {
    // Serialises concurrent replacements of one hub's week.
    await trx.selectFrom('hubs').select('id').where('id', '=', hubId).forUpdate().executeTakeFirst()
    await replaceOpeningHours(trx, hubId, sortWeek(week))
    await recordAudit(trx, { actorUserId: actor.id, action: 'hub.opening_hours_set', entity: 'hub', entityId: hubId, details: { week } })
    return openingHoursOf(trx, hubId)
  })
}

export async function getLab(db: Kysely<Database>, id: string): Promise<LabView> {
  const row = await findLab(db, id)
  if (!row) throw problems.notFound('lab')
  return toLab(row)
}

export async function createLab(db: Kysely<Database>, actor: SessionUser, input: LabInput): Promise<LabView> {
  if (!(await findHub(db, input.hubId))) throw problems.validation([{ path: 'hubId', message: field.unknownHub() }])
  await assertCanManageHub(db, actor, input.hubId)
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('labs')
      .values({
        hub_id: input.hubId,
        name: input.name,
        type: input.type,
        capacity: input.capacity,
        approval_required: input.approvalRequired,
        requires_grant: input.requiresGrant,
        min_duration_minutes: input.minDurationMinutes,
        max_duration_minutes: input.maxDurationMinutes,
        description: input.description ?? null,
        check_in_required: input.checkInRequired,
        check_in_since: input.checkInRequired ? new Date() : null,
        check_in_before_minutes: input.checkInBeforeMinutes,
        check_in_after_minutes: input.checkInAfterMinutes,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: actor.id, action: 'lab.created', entity: 'lab', entityId: id, details: input })
    return toLab((await findLab(trx, id))!)
  })
}

export async function updateLab(db: Kysely<Database>, actor: SessionUser, id: string, patch: LabPatchInput): Promise<LabView> {
  const current = await getLab(db, id)
  await assertCanManageHub(db, actor, current.hubId)
  const min = patch.minDurationMinutes ?? current.minDurationMinutes
  const max = patch.maxDurationMinutes ?? current.maxDurationMinutes
  if (min > max) throw problems.validation([{ path: 'maxDurationMinutes', message: m.maxBelowMin() }])
  return db.transaction().execute(async (trx) => {
    const set = {
      ...(patch.name !== undefined && { name: patch.name }),
      ...(patch.type !== undefined && { type: patch.type }),
      ...(patch.capacity !== undefined && { capacity: patch.capacity }),
      ...(patch.approvalRequired !== undefined && { approval_required: patch.approvalRequired }),
      ...(patch.requiresGrant !== undefined && { requires_grant: patch.requiresGrant }),
      ...(patch.minDurationMinutes !== undefined && { min_duration_minutes: patch.minDurationMinutes }),
      ...(patch.maxDurationMinutes !== undefined && { max_duration_minutes: patch.maxDurationMinutes }),
      ...(patch.description !== undefined && { description: patch.description }),
      // bookings that started before check-in was switched on are never released
      ...(patch.checkInRequired !== undefined &&
        patch.checkInRequired !== current.checkInRequired && {
          check_in_required: patch.checkInRequired,
          check_in_since: patch.checkInRequired ? new Date() : null,
        }),
      ...(patch.checkInBeforeMinutes !== undefined && { check_in_before_minutes: patch.checkInBeforeMinutes }),
      ...(patch.checkInAfterMinutes !== undefined && { check_in_after_minutes: patch.checkInAfterMinutes }),
    }
    if (Object.keys(set).length > 0) {
      await trx.updateTable('labs').set(set).where('id', '=', id).execute()
      await recordAudit(trx, { actorUserId: actor.id, action: 'lab.updated', entity: 'lab', entityId: id, details: patch })
    }
    return toLab((await findLab(trx, id))!)
  })
}
