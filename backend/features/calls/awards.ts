import type { Kysely, Transaction } from 'kysely'
import { DateTime } from 'luxon'
import type { Award, Database, TrancheStatus } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { canSeeTeam, isAdmin, seesAward } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { cancelTaxCodeReminders } from '../../outbox/call-messages.ts'
import { notify } from '../../outbox/notify.ts'
import { visibleCall } from './calls.ts'
import { awardText } from './messages.ts'
import type { AwardInput, TaxCodeInput } from './schemas.ts'
import type { AwardView } from './views.ts'

/**
 * Awards: funding within the call's budget, hours of space that become the team's grant (its reference
 * names the call), the team created or linked with the applicant as contact and member. An informal
 * group's award (or any without an entity's codice fiscale) is `conditional` until the codice fiscale is
 * recorded; until then it may book, but no tranche is paid (a trigger referees that too).
 */

type Db = Kysely<Database> | Transaction<Database>

const todayInRome = () => DateTime.now().setZone('Europe/Rome').toISODate()!

/** The grant's reference and the team's call reference: the call, by title, recognisable in any list. */
export function callReference(call: { title: string }): string {
  const ref = `Bando: ${call.title}`
  return ref.length <= 200 ? ref : `${ref.slice(0, 199)}…`
}

export function toAward(
  row: Award,
  tranches: Array<{ id: string; amount_cents: number; due_on: string; status: TrancheStatus; paid_on: string | null }>,
): AwardView {
  return {
    id: row.id,
    callId: row.call_id,
    applicationId: row.application_id,
    teamId: row.team_id,
    grantId: row.grant_id,
    concessionId: row.concession_id,
    fundingCents: row.funding_cents,
    hours: row.hours,
    hubId: row.hub_id,
    labType: row.lab_type,
    status: row.status,
    beneficiaryName: row.beneficiary_name,
    beneficiaryTaxCode: row.beneficiary_tax_code,
    taxCodeDueOn: row.tax_code_due_on,
    awardedOn: DateTime.fromJSDate(row.created_at).setZone('Europe/Rome').toISODate()!,
    tranches: tranches.map((t) => ({ id: t.id, amountCents: t.amount_cents, dueOn: t.due_on, status: t.status, paidOn: t.paid_on })),
  }
}

async function awardViews(db: Db, rows: Award[]): Promise<AwardView[]> {
  if (rows.length === 0) return []
  const tranches = await db
    .selectFrom('award_tranches')
    .selectAll()
    .where(
      'award_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('due_on')
    .orderBy('created_at')
    .execute()
  return rows.map((r) =>
    toAward(
      r,
      tranches.filter((t) => t.award_id === r.id),
    ),
  )
}

/** The team the award goes to: the one named, or a new one for the application's group. */
async function teamFor(
  trx: Transaction<Database>,
  input: AwardInput,
  app: { organisation_name: string; applicant_type: string },
  contactEmail: string,
  reference: string,
) {
  if (input.teamId) {
    const team = await trx.selectFrom('teams').select('id').where('id', '=', input.teamId).executeTakeFirst()
    if (!team) throw problems.validation([{ path: 'teamId', message: awardText.unknownTeam() }])
    return team.id
  }
  const team = await trx
    .insertInto('teams')
    .values({
      name: app.organisation_name,
      legal_status: app.applicant_type as 'informal',
      contact_email: contactEmail,
      call_reference: reference,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return team.id
}

export async function createAward(db: Kysely<Database>, admin: SessionUser, callId: string, input: AwardInput) {
  if (!isAdmin(admin)) throw problems.forbidden()
  const row = await db.transaction().execute(async (trx) => {
    // the call's row lock queues concurrent awards: each sums what the ones before it committed
    const call = await trx.selectFrom('calls').selectAll().where('id', '=', callId).forUpdate().executeTakeFirst()
    if (!call) throw problems.notFound('call')
    if (call.status !== 'ranked' && call.status !== 'awarded') throw problems.conflict(awardText.notRanked(), { reason: 'call_not_ranked' })
    const app = await trx
      .selectFrom('applications')
      .innerJoin('users', 'users.id', 'applications.applicant_user_id')
      .selectAll('applications')
      .select(['users.email as applicant_email', 'users.role as applicant_role'])
      .where('applications.id', '=', input.applicationId)
      .where('applications.call_id', '=', callId)
      .forUpdate()
      .executeTakeFirst()
    if (!app) throw problems.validation([{ path: 'applicationId', message: awardText.notInRanking() }])
    if (app.status === 'awarded' || app.status === 'conditional')
      throw problems.conflict(awardText.already(), { reason: 'already_awarded' })
    if (app.status !== 'ranked') throw problems.conflict(awardText.notInRanking(), { reason: 'not_ranked' })
    if (input.fundingCents > call.max_funding_cents) throw problems.validation([{ path: 'fundingCents', message: awardText.overMax() }])
    const committed = await trx
      .selectFrom('awards')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('funding_cents'), eb.lit(0)).as('sum'))
      .where('call_id', '=', callId)
      .where('status', '<>', 'revoked')
      .executeTakeFirstOrThrow()
    const committedCents = Number(committed.sum)
    if (committedCents + input.fundingCents > call.budget_cents) {
      throw problems.conflict(awardText.budgetExceeded(), {
        reason: 'budget_exceeded',
        budgetCents: call.budget_cents,
        committedCents,
        availableCents: call.budget_cents - committedCents,
      })
    }
    if (input.hubId && !(await trx.selectFrom('hubs').select('id').where('id', '=', input.hubId).executeTakeFirst()))
      throw problems.validation([{ path: 'hubId', message: awardText.unknownHub() }])
    if (input.concessionId && !(await trx.selectFrom('concessions').select('id').where('id', '=', input.concessionId).executeTakeFirst()))
      throw problems.validation([{ path: 'concessionId', message: awardText.unknownConcession() }])

    const reference = callReference(call)
    const teamId = await teamFor(trx, input, app, app.applicant_email, reference)
    if (app.applicant_role === 'member') {
      await trx
        .insertInto('team_members')
        .values({ team_id: teamId, user_id: app.applicant_user_id })
        .onConflict((oc) => oc.columns(['team_id', 'user_id']).doNothing())
        .execute()
    }
    const from = input.from ?? todayInRome()
    const to = input.to ?? DateTime.fromISO(from).plus({ years: 1 }).minus({ days: 1 }).toISODate()!
    if (to < from) throw problems.validation([{ path: 'to', message: field.endBeforeStart() }])
    const grant =
      input.hours > 0
        ? await trx
            .insertInto('grants')
            .values({
              team_id: teamId,
              hours: input.hours,
              from_date: from,
              to_date: to,
              hub_id: input.hubId ?? null,
              lab_type: input.labType ?? null,
              reference,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        : null
    // only an entity (11-digit codice fiscale) receives money at once
    const confirmed = app.applicant_type !== 'informal' && app.tax_code !== null && /^\d{11}$/.test(app.tax_code)
    const award = await trx
      .insertInto('awards')
      .values({
        call_id: callId,
        application_id: app.id,
        team_id: teamId,
        grant_id: grant?.id ?? null,
        concession_id: input.concessionId ?? null,
        funding_cents: input.fundingCents,
        hours: input.hours,
        hub_id: input.hubId ?? null,
        lab_type: input.labType ?? null,
        status: confirmed ? 'awarded' : 'conditional',
        beneficiary_name: confirmed ? app.organisation_name : null,
        beneficiary_tax_code: confirmed ? app.tax_code : null,
        beneficiary_legal_status: confirmed ? (app.applicant_type as 'association') : null,
        tax_code_due_on: confirmed ? null : DateTime.fromISO(todayInRome()).plus({ days: call.incorporation_days }).toISODate(),
        confirmed_at: confirmed ? new Date() : null,
        awarded_by: admin.id,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await trx
      .updateTable('applications')
      .set({ status: award.status === 'awarded' ? 'awarded' : 'conditional', updated_at: new Date() })
      .where('id', '=', app.id)
      .execute()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'award.created',
      entity: 'award',
      entityId: award.id,
      details: { callId, ...input, teamId },
    })
    await notify(trx, { type: 'call.application', applicationId: app.id, step: award.status === 'awarded' ? 'awarded' : 'conditional' })
    return award
  })
  return (await awardViews(db, [row]))[0]
}

/** Who sees an award: the Comune, the team's members, the applicant. */
async function visibleAward(db: Db, user: SessionUser, awardId: string, lock = false) {
  let q = db
    .selectFrom('awards')
    .innerJoin('applications', 'applications.id', 'awards.application_id')
    .selectAll('awards')
    .select('applications.applicant_user_id')
    .where('awards.id', '=', awardId)
  if (lock) q = q.forUpdate()
  const row = await q.executeTakeFirst()
  if (!row) throw problems.notFound('award')
  if (!(await seesAward(db, user, row))) throw problems.notFound('award')
  return row
}

export async function getAward(db: Kysely<Database>, user: SessionUser, awardId: string) {
  const { applicant_user_id: _, ...row } = await visibleAward(db, user, awardId)
  return (await awardViews(db, [row]))[0]
}

export async function listCallAwards(db: Kysely<Database>, user: SessionUser, callId: string) {
  await visibleCall(db, user, callId)
  if (!isAdmin(user)) throw problems.forbidden()
  const rows = await db.selectFrom('awards').selectAll().where('call_id', '=', callId).orderBy('created_at').execute()
  return awardViews(db, rows)
}

export async function listTeamAwards(db: Kysely<Database>, user: SessionUser, teamId: string) {
  if (!(await canSeeTeam(db, user, teamId))) throw problems.notFound('team')
  const rows = await db.selectFrom('awards').selectAll().where('team_id', '=', teamId).orderBy('created_at').execute()
  return awardViews(db, rows)
}

/**
 * The new entity's codice fiscale, recorded by the Comune or by the group itself (applicant or member):
 * the award is confirmed, the team takes the entity's legal status, the reminders are withdrawn.
 */
export async function recordTaxCode(db: Kysely<Database>, user: SessionUser, awardId: string, input: TaxCodeInput) {
  await db.transaction().execute(async (trx) => {
    const award = await visibleAward(trx, user, awardId, true)
    if (award.status !== 'conditional') throw problems.conflict(awardText.notConditional(), { reason: 'not_conditional' })
    await trx
      .updateTable('awards')
      .set({
        status: 'awarded',
        beneficiary_name: input.name,
        beneficiary_tax_code: input.taxCode,
        beneficiary_legal_status: input.legalStatus,
        confirmed_at: new Date(),
      })
      .where('id', '=', awardId)
      .execute()
    await trx.updateTable('teams').set({ legal_status: input.legalStatus }).where('id', '=', award.team_id).execute()
    await trx
      .updateTable('applications')
      .set({ status: 'awarded', updated_at: new Date() })
      .where('id', '=', award.application_id)
      .execute()
    await cancelTaxCodeReminders(trx, awardId)
    await recordAudit(trx, { actorUserId: user.id, action: 'award.confirmed', entity: 'award', entityId: awardId, details: input })
    await notify(trx, { type: 'call.application', applicationId: award.application_id, step: 'confirmed' })
  })
  return getAward(db, user, awardId)
}

export async function addTranche(db: Kysely<Database>, admin: SessionUser, awardId: string, input: { amountCents: number; dueOn: string }) {
  if (!isAdmin(admin)) throw problems.forbidden()
  await db.transaction().execute(async (trx) => {
    const award = await visibleAward(trx, admin, awardId, true)
    const planned = await trx
      .selectFrom('award_tranches')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_cents'), eb.lit(0)).as('sum'))
      .where('award_id', '=', awardId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirstOrThrow()
    if (Number(planned.sum) + input.amountCents > award.funding_cents)
      throw problems.conflict(awardText.overAward(), { reason: 'over_award' })
    const t = await trx
      .insertInto('award_tranches')
      .values({ award_id: awardId, amount_cents: input.amountCents, due_on: input.dueOn })
      .returning('id')
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'award.tranche_added',
      entity: 'award',
      entityId: awardId,
      details: { trancheId: t.id, ...input },
    })
  })
  return getAward(db, admin, awardId)
}

export async function updateTranche(
  db: Kysely<Database>,
  admin: SessionUser,
  trancheId: string,
  input: { status: 'planned' | 'paid' | 'cancelled'; paidOn?: string },
) {
  if (!isAdmin(admin)) throw problems.forbidden()
  const awardId = await db.transaction().execute(async (trx) => {
    const t = await trx.selectFrom('award_tranches').select(['id', 'award_id']).where('id', '=', trancheId).executeTakeFirst()
    if (!t) throw problems.notFound('tranche')
    const award = await visibleAward(trx, admin, t.award_id, true)
    if (input.status === 'paid' && award.status !== 'awarded')
      throw problems.conflict(awardText.conditional(), { reason: 'award_conditional' })
    await trx
      .updateTable('award_tranches')
      .set({ status: input.status, paid_on: input.status === 'paid' ? input.paidOn! : null })
      .where('id', '=', trancheId)
      .execute()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'award.tranche_updated',
      entity: 'award',
      entityId: t.award_id,
      details: { trancheId, ...input },
    })
    return t.award_id
  })
  return getAward(db, admin, awardId)
}

/** Closes the awarding: ranked applications that won nothing are `not_funded`, and hear so. */
export async function concludeAwards(trx: Transaction<Database>, callId: string) {
  const losers = await trx
    .updateTable('applications')
    .set({ status: 'not_funded', updated_at: new Date() })
    .where('call_id', '=', callId)
    .where('status', '=', 'ranked')
    .returning('id')
    .execute()
  for (const { id } of losers) await notify(trx, { type: 'call.application', applicationId: id, step: 'not_funded' })
}
