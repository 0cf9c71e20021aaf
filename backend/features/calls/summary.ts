import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { isAdmin } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { problems } from '../../http/problem.ts'
import { grantUsage } from '../grants/usage.ts'
import { visibleCall } from './calls.ts'

/**
 * The Comune's view of one call: applications by status, budget committed and paid, hours granted and
 * used, the same by priority area (an application that targets several areas counts in each).
 * «Domande» are the submitted applications only (every status after `draft`); drafts, which no one has
 * sent and which a late group may leave behind, are counted apart (`drafts`), overall and per area.
 */
export async function callSummary(db: Kysely<Database>, user: SessionUser, callId: string) {
  const call = await visibleCall(db, user, callId)
  if (!isAdmin(user)) throw problems.forbidden()
  const apps = await db.selectFrom('applications').select(['id', 'status']).where('call_id', '=', callId).execute()
  const areas = await db
    .selectFrom('application_areas')
    .innerJoin('applications', 'applications.id', 'application_areas.application_id')
    .select(['application_areas.application_id', 'application_areas.area_id'])
    .where('applications.call_id', '=', callId)
    .execute()
  const awards = await db
    .selectFrom('awards')
    .select(['id', 'application_id', 'grant_id', 'funding_cents', 'hours', 'status'])
    .where('call_id', '=', callId)
    .where('status', '<>', 'revoked')
    .execute()
  const paid = awards.length
    ? await db
        .selectFrom('award_tranches')
        .select(['award_id', 'amount_cents'])
        .where(
          'award_id',
          'in',
          awards.map((a) => a.id),
        )
        .where('status', '=', 'paid')
        .execute()
    : []
  const grantIds = awards.map((a) => a.grant_id).filter((g): g is string => g !== null)
  const usage = grantIds.length ? await grantUsage(db, { grantIds }) : []
  const figures = (subset: typeof awards) => ({
    committedCents: subset.reduce((s, a) => s + a.funding_cents, 0),
    paidCents: paid.filter((p) => subset.some((a) => a.id === p.award_id)).reduce((s, p) => s + p.amount_cents, 0),
    hoursGranted: subset.reduce((s, a) => s + a.hours, 0),
    hoursUsed: usage.filter((u) => subset.some((a) => a.grant_id === u.grantId)).reduce((s, u) => s + u.hoursUsed, 0),
  })
  const draftIds = new Set(apps.filter((a) => a.status === 'draft').map((a) => a.id))
  const byStatus: Record<string, number> = {}
  for (const a of apps) if (!draftIds.has(a.id)) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1
  const areaIds = [...new Set(areas.map((a) => a.area_id))].sort()
  return {
    callId,
    budgetCents: call.budget_cents,
    applications: apps.length - draftIds.size,
    drafts: draftIds.size,
    byStatus,
    ...figures(awards),
    byArea: areaIds.map((areaId) => {
      const ids = areas.filter((a) => a.area_id === areaId).map((a) => a.application_id)
      const drafts = ids.filter((id) => draftIds.has(id)).length
      return {
        areaId,
        applications: ids.length - drafts,
        drafts,
        ...figures(awards.filter((a) => ids.includes(a.application_id))),
      }
    }),
  }
}
