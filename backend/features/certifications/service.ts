import { type Kysely, type Selectable, sql } from 'kysely'
import { DateTime } from 'luxon'
import type { CertificationKindsTable, Database, LabType } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { isTeamMember, managedHubIds, managesSomeHub, maySeeTeamCertificates, scopeIsEmpty } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { DEFAULT_ZONE } from '../../time.ts'
import { defaultExpiry } from './certification-gate.ts'
import { certificationMessages as M } from './messages.ts'
import type { CertificationInput, ExpiringQuery, KindInput, KindPatchInput } from './schemas.ts'

type KindRow = Pick<Selectable<CertificationKindsTable>, 'id' | 'name' | 'validity_months'> & {
  equipment_type_ids: string[]
  lab_types: LabType[]
}

export function toKind(row: KindRow) {
  return {
    id: row.id,
    name: row.name,
    enables: { equipmentTypeIds: row.equipment_type_ids, labTypes: row.lab_types },
    validityMonths: row.validity_months,
  }
}
export type KindView = ReturnType<typeof toKind>

function kinds(db: Kysely<Database>) {
  return db
    .selectFrom('certification_kinds')
    .select([
      'id',
      'name',
      'validity_months',
      sql<string[]>`equipment_type_ids::text[]`.as('equipment_type_ids'),
      sql<LabType[]>`lab_types`.as('lab_types'),
    ])
}

/** The Comune's kinds: anyone signed in reads them (a refused booking names them). */
export async function listKinds(db: Kysely<Database>): Promise<KindView[]> {
  return (await kinds(db).orderBy('name').execute()).map(toKind)
}

async function assertEquipmentTypesExist(db: Kysely<Database>, ids: string[]) {
  if (ids.length === 0) return
  const found = await db.selectFrom('equipment_types').select('id').where('id', 'in', ids).execute()
  const known = new Set(found.map((f) => f.id))
  const i = ids.findIndex((id) => !known.has(id))
  if (i >= 0) throw problems.validation([{ path: `enables.equipmentTypeIds.${i}`, message: field.unknownEquipmentType() }])
}

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === '23505'
}

export async function createKind(db: Kysely<Database>, actor: SessionUser, input: KindInput): Promise<KindView> {
  const equipmentTypeIds = [...new Set(input.enables.equipmentTypeIds ?? [])]
  const labTypes = [...new Set(input.enables.labTypes ?? [])]
  await assertEquipmentTypesExist(db, equipmentTypeIds)
  try {
    return await db
      .transaction()
      .execute(async (trx) => {
        const { id } = await trx
          .insertInto('certification_kinds')
          .values({
            name: input.name,
            equipment_type_ids: equipmentTypeIds,
            lab_types: labTypes,
            validity_months: input.validityMonths ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await recordAudit(trx, {
          actorUserId: actor.id,
          action: 'certification_kind.created',
          entity: 'certification_kind',
          entityId: id,
          details: input,
        })
        return id
      })
      .then(async (id) => toKind(await kinds(db).where('id', '=', id).executeTakeFirstOrThrow()))
  } catch (err) {
    if (isUniqueViolation(err)) throw problems.conflict(M.duplicateKind())
    throw err
  }
}

export async function updateKind(db: Kysely<Database>, actor: SessionUser, id: string, patch: KindPatchInput): Promise<KindView> {
  const current = await kinds(db).where('id', '=', id).executeTakeFirst()
  if (!current) throw problems.notFound('certificationKind')
  if (patch.enables?.equipmentTypeIds) await assertEquipmentTypesExist(db, patch.enables.equipmentTypeIds)
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('certification_kinds')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.validityMonths !== undefined && { validity_months: patch.validityMonths }),
          ...(patch.enables?.equipmentTypeIds && { equipment_type_ids: [...new Set(patch.enables.equipmentTypeIds)] }),
          ...(patch.enables?.labTypes && { lab_types: [...new Set(patch.enables.labTypes)] }),
        })
        .where('id', '=', id)
        .execute()
      await recordAudit(trx, {
        actorUserId: actor.id,
        action: 'certification_kind.updated',
        entity: 'certification_kind',
        entityId: id,
        details: patch,
      })
    })
  } catch (err) {
    if (isUniqueViolation(err)) throw problems.conflict(M.duplicateKind())
    throw err
  }
  return toKind(await kinds(db).where('id', '=', id).executeTakeFirstOrThrow())
}

/** Lapsed, lapsing within 30 days, or valid, on a given local date. */
export function certificateStatus(expiresOn: string | null, today: string): 'valid' | 'expiring' | 'expired' {
  if (expiresOn === null) return 'valid'
  if (expiresOn < today) return 'expired'
  const soon = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: 30 }).toISODate()!
  return expiresOn <= soon ? 'expiring' : 'valid'
}

export function todayIn(zone = DEFAULT_ZONE, now = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!
}

function certificates(db: Kysely<Database>) {
  return db
    .selectFrom('certifications as c')
    .innerJoin('certification_kinds as k', 'k.id', 'c.kind_id')
    .innerJoin('teams as t', 't.id', 'c.team_id')
    .select([
      'c.id',
      'c.team_id',
      't.name as team_name',
      'c.kind_id',
      'k.name as kind_name',
      'c.person_name',
      'c.user_id',
      'c.obtained_on',
      'c.expires_on',
      'c.recorded_by',
    ])
}
type CertificateRow = Awaited<ReturnType<ReturnType<typeof certificates>['executeTakeFirstOrThrow']>>

export function toCertificate(row: CertificateRow, today = todayIn()) {
  const expiresOn = row.expires_on === null ? null : String(row.expires_on)
  return {
    id: row.id,
    teamId: row.team_id,
    teamName: row.team_name,
    kindId: row.kind_id,
    kindName: row.kind_name,
    personName: row.person_name,
    userId: row.user_id,
    obtainedOn: String(row.obtained_on),
    expiresOn,
    status: certificateStatus(expiresOn, today),
    recordedBy: row.recorded_by,
  }
}

async function assertTeamExists(db: Kysely<Database>, teamId: string) {
  if (!(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw problems.notFound('team')
}

/** A team's certificates, for staff and the team's members (others: 404). */
export async function listCertificates(db: Kysely<Database>, user: SessionUser, teamId: string) {
  await assertTeamExists(db, teamId)
  if (!(await maySeeTeamCertificates(db, user, teamId))) throw problems.notFound('team')
  const rows = await certificates(db).where('c.team_id', '=', teamId).orderBy('k.name').orderBy('c.obtained_on').orderBy('c.id').execute()
  const today = todayIn()
  return rows.map((r) => toCertificate(r, today))
}

/** Staff who manage a hub (or the Comune): who record certificates. */
async function assertRecordingStaff(db: Kysely<Database>, user: SessionUser) {
  if (user.role === 'member' || !(await managesSomeHub(db, user))) throw problems.forbidden(M.staffOnly())
}

/** Staff record a certificate; without `expiresOn` it lapses after the kind's validity (or never). */
export async function recordCertificate(db: Kysely<Database>, actor: SessionUser, teamId: string, input: CertificationInput) {
  await assertRecordingStaff(db, actor)
  await assertTeamExists(db, teamId)
  const kind = await db
    .selectFrom('certification_kinds')
    .select(['id', 'validity_months'])
    .where('id', '=', input.kindId)
    .executeTakeFirst()
  if (!kind) throw problems.validation([{ path: 'kindId', message: M.unknownKind() }])
  const expiresOn = input.expiresOn === undefined ? defaultExpiry(input.obtainedOn, kind.validity_months) : input.expiresOn
  if (expiresOn !== null && expiresOn < input.obtainedOn)
    throw problems.validation([{ path: 'expiresOn', message: M.expiresBeforeObtained() }])
  if (input.userId && !(await isTeamMember(db, input.userId, teamId))) {
    throw problems.validation([{ path: 'userId', message: M.notTeamMember() }])
  }
  const id = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('certifications')
      .values({
        team_id: teamId,
        kind_id: kind.id,
        person_name: input.personName,
        user_id: input.userId ?? null,
        obtained_on: input.obtainedOn,
        expires_on: expiresOn,
        recorded_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'certification.recorded',
      entity: 'team',
      entityId: teamId,
      details: { certificationId: row.id, ...input, expiresOn },
    })
    return row.id
  })
  return toCertificate(await certificates(db).where('c.id', '=', id).executeTakeFirstOrThrow())
}

/** Staff remove a certificate recorded by mistake (the audit log keeps it). */
export async function deleteCertificate(db: Kysely<Database>, actor: SessionUser, id: string): Promise<void> {
  await assertRecordingStaff(db, actor)
  await db.transaction().execute(async (trx) => {
    const gone = await trx.deleteFrom('certifications').where('id', '=', id).returningAll().executeTakeFirst()
    if (!gone) throw problems.notFound('certificate')
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'certification.deleted',
      entity: 'team',
      entityId: gone.team_id,
      details: { certificationId: id, kindId: gone.kind_id, personName: gone.person_name },
    })
  })
}

/**
 * Certificates lapsing within `withinDays` (or lapsed in the last `withinDays`, with `includeExpired`) of teams
 * that book in the caller's hubs (all for the Comune), each with the team's live bookings after today that need
 * its kind: what the operator should chase.
 */
export async function listExpiring(db: Kysely<Database>, user: SessionUser, q: ExpiringQuery) {
  if (user.role === 'member') throw problems.forbidden(M.staffOnly())
  const hubs = await managedHubIds(db, user)
  if (scopeIsEmpty(hubs)) return []
  const today = todayIn()
  const until = DateTime.fromISO(today, { zone: 'UTC' }).plus({ days: q.withinDays }).toISODate()!
  const since = q.includeExpired ? DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: q.withinDays }).toISODate()! : today
  const needing = (hubFilter: boolean) =>
    sql<number>`(
      select count(distinct b.id)::int from bookings b
      join labs l on l.id = b.lab_id
      left join equipment_allocations a on a.booking_id = b.id and a.released_at is null
      left join equipment_assets e on e.id = a.asset_id
      where b.team_id = c.team_id and b.status in ('pending', 'confirmed') and lower(b.during) >= now()
        and (l.type = any(k.lab_types) or e.type_id = any(k.equipment_type_ids))
        ${hubFilter && hubs !== 'all' ? sql`and l.hub_id = any(${hubs}::uuid[])` : sql``}
    )`
  let query = certificates(db)
    .select(needing(true).as('upcoming_bookings'))
    .select(
      sql<boolean>`exists (select 1 from certifications r where r.team_id = c.team_id and r.kind_id = c.kind_id and r.id <> c.id
        and (r.expires_on is null or r.expires_on > c.expires_on))`.as('renewed'),
    )
    .where('c.expires_on', 'is not', null)
    .where('c.expires_on', '>=', since)
    .where('c.expires_on', '<=', until)
  if (hubs !== 'all') {
    query = query.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('bookings as b')
          .innerJoin('labs as l', 'l.id', 'b.lab_id')
          .select('b.id')
          .whereRef('b.team_id', '=', 'c.team_id')
          .where('l.hub_id', 'in', hubs)
          .where(sql<boolean>`lower(b.during) >= now() - interval '1 year'`),
      ),
    )
  }
  const rows = await query.orderBy('c.expires_on').orderBy('t.name').execute()
  return rows.map((r) => ({ ...toCertificate(r, today), upcomingBookings: Number(r.upcoming_bookings), renewed: r.renewed }))
}
