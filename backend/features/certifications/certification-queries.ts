import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, LabType } from '../../../db/schema.ts'
import { type HeldCertificate, type KindRule, kindsNeeded } from './certification-gate.ts'

type Db = Kysely<Database> | Transaction<Database>

/** Every kind, as the gate reads it (a handful of rows: the Comune's list). */
export async function kindRules(db: Db): Promise<KindRule[]> {
  const rows = await db
    .selectFrom('certification_kinds')
    .select(['id', 'name', sql<string[]>`equipment_type_ids::text[]`.as('equipment_type_ids'), sql<LabType[]>`lab_types`.as('lab_types')])
    .orderBy('name')
    .execute()
  return rows.map((r) => ({ id: r.id, name: r.name, equipmentTypeIds: r.equipment_type_ids, labTypes: r.lab_types }))
}

/** The team's certificates of the given kinds. */
export async function heldCertificates(db: Db, teamId: string, kindIds: string[]): Promise<HeldCertificate[]> {
  if (kindIds.length === 0) return []
  const rows = await db
    .selectFrom('certifications')
    .select(['kind_id', 'obtained_on', 'expires_on'])
    .where('team_id', '=', teamId)
    .where('kind_id', 'in', kindIds)
    .execute()
  return rows.map((r) => ({
    kindId: r.kind_id,
    obtainedOn: String(r.obtained_on),
    expiresOn: r.expires_on === null ? null : String(r.expires_on),
  }))
}

/**
 * What the gate needs for a team's booking of a lab: the kinds the lab type and the equipment call for and the
 * team's certificates of them. Staff's internal use (no team) needs none. Two small reads.
 */
export async function certificationRules(
  db: Db,
  args: { teamId: string | null; labType: LabType; equipmentTypeIds: string[] },
): Promise<{ needed: KindRule[]; held: HeldCertificate[] }> {
  if (!args.teamId) return { needed: [], held: [] }
  const needed = kindsNeeded(await kindRules(db), args.labType, args.equipmentTypeIds)
  if (needed.length === 0) return { needed, held: [] }
  return {
    needed,
    held: await heldCertificates(
      db,
      args.teamId,
      needed.map((k) => k.id),
    ),
  }
}
