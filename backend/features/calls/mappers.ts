import type { Call, CallStatus } from '../../../db/schema.ts'
import { formatInstant } from '../../time.ts'
import type { CallView } from './views.ts'

/** Row → API shapes of the call. Instants in Rome time (CONTRACT §2). */

/** A call stored 'open' reads as 'closed' once its deadline has passed: the deadline needs no job to run. */
export function effectiveCallStatus(call: Pick<Call, 'status' | 'closes_at'>, now: Date = new Date()): CallStatus {
  if (call.status === 'open' && now.getTime() >= call.closes_at.getTime()) return 'closed'
  return call.status
}

export interface CriterionRow {
  id: string
  name: string
  weight: number
  max_score: number
}

export function toCall(
  row: Call,
  extra: { areaIds: string[]; criteria: CriterionRow[]; evaluatorIds?: string[] },
  now: Date = new Date(),
): CallView {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    opensAt: formatInstant(row.opens_at),
    closesAt: formatInstant(row.closes_at),
    budgetCents: row.budget_cents,
    maxFundingCents: row.max_funding_cents,
    applicantTypes: row.applicant_types,
    areaIds: extra.areaIds,
    criteria: extra.criteria.map((c) => ({ id: c.id, name: c.name, weight: c.weight, maxScore: c.max_score })),
    requiredDocuments: row.required_documents,
    incorporationDays: row.incorporation_days,
    status: effectiveCallStatus(row, now),
    ...(extra.evaluatorIds && { evaluatorIds: extra.evaluatorIds }),
  }
}
