import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { optionalText, text } from '../../http/validation.ts'
import { moneyByYear } from './programme-figures.ts'

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
  /** As entered by the Comune. */
  programmedCents: number
  committedCents: number
  paidCents: number
  notes: string | null
  /** What the calls' awards (committed) and their paid tranches add in the year. */
  fromCalls: { committedCents: number; paidCents: number }
  /** Entered plus the calls'. */
  totalCommittedCents: number
  totalPaidCents: number
}

const cents = z.number().int().min(0).max(1e13)

/** The answer schemas (OpenAPI) of ProgrammeView and ProgrammeYearView. */
export const ProgrammeViewSchema = z.object({
  title: z.string(),
  fund: z.string(),
  cup: z.string(),
  projectCode: z.string(),
  programmedCents: z.number().int(),
  responsibleOffice: z.string().nullable(),
  responsiblePerson: z.string().nullable(),
})
export const ProgrammeYearViewSchema = z.object({
  year: z.number().int(),
  programmedCents: z.number().int(),
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  notes: z.string().nullable(),
  fromCalls: z.object({ committedCents: z.number().int(), paidCents: z.number().int() }),
  totalCommittedCents: z.number().int(),
  totalPaidCents: z.number().int(),
})

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
  const [rows, calls] = await Promise.all([db.selectFrom('programme_years').selectAll().orderBy('year').execute(), moneyByYear(db)])
  const years = [...new Set([...rows.map((r) => r.year), ...calls.keys()])].sort((a, b) => a - b)
  return years.map((year) => {
    const r = rows.find((x) => x.year === year)
    const fromCalls = calls.get(year) ?? { committedCents: 0, paidCents: 0 }
    const committedCents = Number(r?.committed_cents ?? 0)
    const paidCents = Number(r?.paid_cents ?? 0)
    return {
      year,
      programmedCents: Number(r?.programmed_cents ?? 0),
      committedCents,
      paidCents,
      notes: r?.notes ?? null,
      fromCalls,
      totalCommittedCents: committedCents + fromCalls.committedCents,
      totalPaidCents: paidCents + fromCalls.paidCents,
    }
  })
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
