import type { Application, AwardStatus } from '../../../db/schema.ts'
import { formatInstant } from '../../time.ts'
import type { ApplicationView } from './views.ts'

/** Row → API shape of an application. Promoters (natural persons) reach only the applicant and the Comune. */

export interface ApplicationExtras {
  areaIds: string[]
  indicators: Array<{ name: string; unit: string; baseline: number; target: number }>
  attachments: Array<{ id: string; kind: string; filename: string; size_bytes: number; created_at: Date }>
  award: {
    id: string
    status: AwardStatus
    teamId: string
    grantId: string | null
    fundingCents: number
    hours: number
    taxCodeDueOn: string | null
  } | null
}

export type Audience = 'applicant' | 'admin' | 'evaluator'

export function toApplication(row: Application, extras: ApplicationExtras, audience: Audience): ApplicationView {
  return {
    id: row.id,
    callId: row.call_id,
    status: row.status,
    title: row.title,
    summary: row.summary,
    activities: row.activities,
    applicantType: row.applicant_type,
    organisationName: row.organisation_name,
    taxCode: row.tax_code,
    promoters: audience === 'evaluator' ? row.promoters.map((p) => ({ name: p.name })) : row.promoters,
    commitToIncorporate: row.commit_to_incorporate,
    areaIds: extras.areaIds,
    labNeeds: row.lab_needs,
    requestedFundingCents: row.requested_funding_cents,
    crowdfundingGoalCents: row.crowdfunding_goal_cents,
    indicators: extras.indicators,
    attachments: extras.attachments.map((a) => ({
      id: a.id,
      kind: a.kind,
      filename: a.filename,
      sizeBytes: a.size_bytes,
      uploadedAt: formatInstant(a.created_at),
    })),
    protocolNumber: row.protocol_number,
    submittedAt: row.submitted_at ? formatInstant(row.submitted_at) : null,
    exclusionReason: row.exclusion_reason,
    award: extras.award,
    ...(audience !== 'evaluator' && { applicantUserId: row.applicant_user_id }),
    updatedAt: formatInstant(row.updated_at),
  }
}
