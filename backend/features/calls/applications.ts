import type { Kysely, Transaction } from 'kysely'
import type { Application, Call, Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { applicationAudience, callApplicationsAudience } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { notify } from '../../outbox/notify.ts'
import { type Audience, toApplication } from './application-views.ts'
import { visibleCall } from './calls.ts'
import { effectiveCallStatus } from './mappers.ts'
import { applicationText } from './messages.ts'
import type { ApplicationInput, ApplicationPatchInput } from './schemas.ts'
import type { ApplicationView } from './views.ts'

/**
 * Applications: a signed-in person drafts one for a group, saves it as they go, and submits it before the
 * deadline; submitting gives a protocol number, gapless per call, and a receipt by email.
 */

type Db = Kysely<Database> | Transaction<Database>

/** The application and how the caller sees it; 404 when the caller may not see it. */
export async function visibleApplication(db: Db, user: SessionUser, id: string, lock = false) {
  let q = db.selectFrom('applications').selectAll().where('id', '=', id)
  if (lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  const audience = row ? await applicationAudience(db, user, row) : null
  if (!row || !audience) throw problems.notFound('application')
  return { row, audience }
}

export async function applicationViews(db: Db, rows: Application[], audience: Audience): Promise<ApplicationView[]> {
  if (rows.length === 0) return []
  const ids = rows.map((r) => r.id)
  const [areas, indicators, attachments, awards] = await Promise.all([
    db
      .selectFrom('application_areas')
      .select(['application_id', 'area_id'])
      .where('application_id', 'in', ids)
      .orderBy('area_id')
      .execute(),
    db
      .selectFrom('application_indicators')
      .select(['application_id', 'name', 'unit', 'baseline', 'target'])
      .where('application_id', 'in', ids)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('application_attachments')
      .select(['id', 'application_id', 'kind', 'filename', 'size_bytes', 'created_at'])
      .where('application_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('awards')
      .select(['id', 'application_id', 'status', 'team_id', 'grant_id', 'funding_cents', 'hours', 'tax_code_due_on'])
      .where('application_id', 'in', ids)
      .execute(),
  ])
  return rows.map((row) => {
    const award = awards.find((a) => a.application_id === row.id)
    return toApplication(
      row,
      {
        areaIds: areas.filter((a) => a.application_id === row.id).map((a) => a.area_id),
        indicators: indicators
          .filter((i) => i.application_id === row.id)
          .map((i) => ({ name: i.name, unit: i.unit, baseline: i.baseline, target: i.target })),
        attachments: attachments.filter((a) => a.application_id === row.id),
        award: award
          ? {
              id: award.id,
              status: award.status,
              teamId: award.team_id,
              grantId: award.grant_id,
              fundingCents: award.funding_cents,
              hours: award.hours,
              taxCodeDueOn: award.tax_code_due_on,
            }
          : null,
      },
      audience,
    )
  })
}

export async function getApplication(db: Kysely<Database>, user: SessionUser, id: string): Promise<ApplicationView> {
  const { row, audience } = await visibleApplication(db, user, id)
  return (await applicationViews(db, [row], audience))[0]
}

/** Applications are accepted from opensAt (included) to closesAt (excluded), to the second, by the server's clock. */
export function assertAcceptsApplications(call: Call, now: Date) {
  const status = effectiveCallStatus(call, now)
  if (status === 'draft') throw problems.notFound('call')
  if (status !== 'open') throw problems.conflict(applicationText.callClosed(), { reason: 'call_closed' })
  if (now.getTime() < call.opens_at.getTime()) throw problems.conflict(applicationText.callNotOpen(), { reason: 'call_not_open' })
}

async function assertAreasExist(db: Db, areaIds: string[]) {
  if (areaIds.length === 0) return
  const found = await db.selectFrom('areas').select('id').where('id', 'in', areaIds).execute()
  const missing = areaIds.filter((id) => !found.some((f) => f.id === id))
  if (missing.length > 0) throw problems.validation(missing.map(() => ({ path: 'areaIds', message: applicationText.unknownArea() })))
}

async function writeAreas(trx: Transaction<Database>, applicationId: string, areaIds: string[]) {
  await trx.deleteFrom('application_areas').where('application_id', '=', applicationId).execute()
  const unique = [...new Set(areaIds)]
  if (unique.length > 0)
    await trx
      .insertInto('application_areas')
      .values(unique.map((area_id) => ({ application_id: applicationId, area_id })))
      .execute()
}

async function writeIndicators(trx: Transaction<Database>, applicationId: string, indicators: ApplicationInput['indicators']) {
  await trx.deleteFrom('application_indicators').where('application_id', '=', applicationId).execute()
  if (indicators.length > 0)
    await trx
      .insertInto('application_indicators')
      .values(indicators.map((i, position) => ({ application_id: applicationId, ...i, position })))
      .execute()
}

export async function createApplication(db: Kysely<Database>, user: SessionUser, callId: string, input: ApplicationInput) {
  const now = new Date()
  return db.transaction().execute(async (trx) => {
    const call = await visibleCall(trx, user, callId)
    assertAcceptsApplications(call, now)
    await assertAreasExist(trx, input.areaIds)
    const row = await trx
      .insertInto('applications')
      .values({
        call_id: callId,
        applicant_user_id: user.id,
        title: input.title,
        summary: input.summary,
        activities: input.activities,
        applicant_type: input.applicantType,
        organisation_name: input.organisationName,
        tax_code: input.taxCode ?? null,
        promoters: JSON.stringify(input.promoters),
        commit_to_incorporate: input.commitToIncorporate,
        lab_needs: JSON.stringify(input.labNeeds),
        requested_funding_cents: input.requestedFundingCents,
        crowdfunding_goal_cents: input.crowdfundingGoalCents,
      })
      .returning(['id', 'status'])
      .executeTakeFirstOrThrow()
    await writeAreas(trx, row.id, input.areaIds)
    await writeIndicators(trx, row.id, input.indicators)
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'application.created',
      entity: 'application',
      entityId: row.id,
      details: { callId },
    })
    return { id: row.id, status: row.status }
  })
}

/** The applicant's own draft, locked, while the call still accepts applications. */
export async function ownDraft(trx: Transaction<Database>, user: SessionUser, id: string, now: Date) {
  const { row, audience } = await visibleApplication(trx, user, id, true)
  if (audience !== 'applicant') throw problems.notFound('application')
  if (row.status !== 'draft') throw problems.conflict(applicationText.notDraft(), { reason: 'not_draft' })
  const call = await trx.selectFrom('calls').selectAll().where('id', '=', row.call_id).executeTakeFirstOrThrow()
  assertAcceptsApplications(call, now)
  return { row, call }
}

export async function updateApplication(db: Kysely<Database>, user: SessionUser, id: string, patch: ApplicationPatchInput) {
  const now = new Date()
  await db.transaction().execute(async (trx) => {
    await ownDraft(trx, user, id, now)
    if (patch.areaIds) await assertAreasExist(trx, patch.areaIds)
    await trx
      .updateTable('applications')
      .set({
        ...(patch.title !== undefined && { title: patch.title }),
        ...(patch.summary !== undefined && { summary: patch.summary }),
        ...(patch.activities !== undefined && { activities: patch.activities }),
        ...(patch.applicantType !== undefined && { applicant_type: patch.applicantType }),
        ...(patch.organisationName !== undefined && { organisation_name: patch.organisationName }),
        ...(patch.taxCode !== undefined && { tax_code: patch.taxCode ?? null }),
        ...(patch.promoters !== undefined && { promoters: JSON.stringify(patch.promoters) }),
        ...(patch.commitToIncorporate !== undefined && { commit_to_incorporate: patch.commitToIncorporate }),
        ...(patch.labNeeds !== undefined && { lab_needs: JSON.stringify(patch.labNeeds) }),
        ...(patch.requestedFundingCents !== undefined && { requested_funding_cents: patch.requestedFundingCents }),
        ...(patch.crowdfundingGoalCents !== undefined && { crowdfunding_goal_cents: patch.crowdfundingGoalCents }),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
    if (patch.areaIds) await writeAreas(trx, id, patch.areaIds)
    if (patch.indicators) await writeIndicators(trx, id, patch.indicators)
  })
  return getApplication(db, user, id)
}

/** What a submitted application must hold; admissibility (eligibility, documents) is the commission's step after. */
function incompleteFields(row: Application): string[] {
  const missing: string[] = []
  if (!row.summary.trim()) missing.push('summary')
  if (row.applicant_type === 'informal' && row.promoters.length === 0) missing.push('promoters')
  if (row.applicant_type !== 'informal' && !row.tax_code) missing.push('taxCode')
  return missing
}

/**
 * Submits the draft. The protocol number comes from the call's counter row, incremented in this
 * transaction: concurrent submits queue on its lock, and a submit that fails after it gives the number
 * back (rollback), so numbers are gapless. The deadline is judged at the request's arrival.
 */
export async function submitApplication(db: Kysely<Database>, user: SessionUser, id: string) {
  const now = new Date()
  return db.transaction().execute(async (trx) => {
    const { row } = await ownDraft(trx, user, id, now)
    const missing = incompleteFields(row)
    if (missing.length > 0) throw problems.validation(missing.map((path) => ({ path, message: applicationText.requiredToSubmit() })))
    const { last_number } = await trx
      .updateTable('call_protocol_counters')
      .set((eb) => ({ last_number: eb('last_number', '+', 1) }))
      .where('call_id', '=', row.call_id)
      .returning('last_number')
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('applications')
      .set({ status: 'submitted', protocol_number: last_number, submitted_at: now, updated_at: now })
      .where('id', '=', id)
      .execute()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'application.submitted',
      entity: 'application',
      entityId: id,
      details: { protocolNumber: last_number },
    })
    await notify(trx, { type: 'call.application', applicationId: id, step: 'submitted' })
    return { status: 'submitted' as const, protocolNumber: last_number }
  })
}

/** The signed-in person's applications, with their call's title and deadline. */
export async function listOwnApplications(db: Kysely<Database>, user: SessionUser) {
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('applicant_user_id', '=', user.id)
    .orderBy('created_at', 'desc')
    .execute()
  return applicationViews(db, rows, 'applicant')
}

/** The submitted applications of a call: all of them for the Comune, the call's own for its evaluators. */
export async function listCallApplications(db: Kysely<Database>, user: SessionUser, callId: string) {
  const call = await visibleCall(db, user, callId)
  const audience = await callApplicationsAudience(db, user, call.id)
  const rows = await db
    .selectFrom('applications')
    .selectAll()
    .where('call_id', '=', callId)
    .where('status', '<>', 'draft')
    .orderBy('protocol_number')
    .execute()
  return applicationViews(db, rows, audience)
}
