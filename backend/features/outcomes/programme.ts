import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { optionalText, text } from '../../http/validation.ts'

/**
 * The programme (a PON Metro project): its identity (CUP, project code, money programmed, the office and the
 * person responsible) and its financial progress per year as entered by the Comune.
 */
export interface ProgrammeView {
  title: string
  fund: string
  cup: string
  projectCode: string
  programmedCents: number
  responsibleOffice: string | null
  responsiblePerson: string | null
}

export interface ProgrammeYearView {
  year: number
  programmedCents: number
  committedCents: number
  paidCents: number
  notes: string | null
}

const cents = z.number().int().min(0).max(1e13)

export const ProgrammePatch = z
  .object({
    title: text(200).optional(),
    fund: text(200).optional(),
    cup: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{15}$/, 'a CUP has 15 letters and digits')
      .optional(),
    projectCode: text(50).optional(),
    programmedCents: cents.optional(),
    responsibleOffice: optionalText(300),
    responsiblePerson: optionalText(200),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change')

export const YearBody = z.object({ programmedCents: cents, committedCents: cents, paidCents: cents, notes: optionalText(2000) })

export async function getProgramme(db: Kysely<Database>): Promise<ProgrammeView> {
  const r = await db.selectFrom('programme').selectAll().executeTakeFirstOrThrow()
  return {
    title: r.title,
    fund: r.fund,
    cup: r.cup,
    projectCode: r.project_code,
    programmedCents: Number(r.programmed_cents),
    responsibleOffice: r.responsible_office,
    responsiblePerson: r.responsible_person,
  }
}

export async function updateProgramme(db: Kysely<Database>, admin: SessionUser, patch: z.output<typeof ProgrammePatch>) {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('programme')
      .set({
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.fund !== undefined ? { fund: patch.fund } : {}),
        ...(patch.cup !== undefined ? { cup: patch.cup } : {}),
        ...(patch.projectCode !== undefined ? { project_code: patch.projectCode } : {}),
        ...(patch.programmedCents !== undefined ? { programmed_cents: patch.programmedCents } : {}),
        ...(patch.responsibleOffice !== undefined ? { responsible_office: patch.responsibleOffice } : {}),
        ...(patch.responsiblePerson !== undefined ? { responsible_person: patch.responsiblePerson } : {}),
        updated_by: admin.id,
        updated_at: new Date(),
      })
      .execute()
    await recordAudit(trx, { actorUserId: admin.id, action: 'programme.update', entity: 'programme', details: patch })
  })
  return getProgramme(db)
}

export async function listYears(db: Kysely<Database>): Promise<ProgrammeYearView[]> {
  const rows = await db.selectFrom('programme_years').selectAll().orderBy('year').execute()
  return rows.map((r) => ({
    year: r.year,
    programmedCents: Number(r.programmed_cents),
    committedCents: Number(r.committed_cents),
    paidCents: Number(r.paid_cents),
    notes: r.notes,
  }))
}

export async function putYear(db: Kysely<Database>, admin: SessionUser, year: number, body: z.output<typeof YearBody>) {
  const values = {
    programmed_cents: body.programmedCents,
    committed_cents: body.committedCents,
    paid_cents: body.paidCents,
    notes: body.notes ?? null,
  }
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programme_years')
      .values({ year, ...values, updated_by: admin.id })
      .onConflict((oc) => oc.column('year').doUpdateSet({ ...values, updated_by: admin.id, updated_at: new Date() }))
      .execute()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'programme_year.set',
      entity: 'programme_year',
      entityId: null,
      details: { year, ...body },
    })
  })
  return (await listYears(db)).find((y) => y.year === year)!
}
