import { z } from 'zod'
import { labType, legalStatus } from './schemas.ts'

/**
 * The answers of the call (CONTRACT §8) as zod schemas: the OpenAPI document is generated from them, and the
 * views' TypeScript types are derived from them, so a mapper that drifts from the document fails to compile.
 * Instants are Rome time with their offset (`2027-03-01T12:00:00+01:00`, CONTRACT §2); dates `YYYY-MM-DD`.
 */

const instant = z.string().describe('An instant in Rome time with its offset, e.g. 2027-03-01T12:00:00+01:00')
const day = z.iso.date()
const cents = z.number().int()

export const callStatus = z
  .enum(['draft', 'open', 'closed', 'ranked', 'awarded'])
  .describe('A call stored open reads closed once its deadline has passed.')
export const applicationStatus = z.enum([
  'draft',
  'submitted',
  'admissible',
  'excluded',
  'scored',
  'ranked',
  'awarded',
  'conditional',
  'not_funded',
])
const awardStatus = z.enum(['awarded', 'conditional', 'revoked'])
const trancheStatus = z.enum(['planned', 'paid', 'cancelled'])

export const CallViewSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  opensAt: instant,
  closesAt: instant,
  budgetCents: cents,
  maxFundingCents: cents,
  applicantTypes: z.array(legalStatus),
  areaIds: z.array(z.uuid()),
  criteria: z.array(z.object({ id: z.uuid(), name: z.string(), weight: z.number(), maxScore: z.number().int() })),
  requiredDocuments: z.array(z.string()).describe('The kinds of attachment an application must carry.'),
  incorporationDays: z.number().int().describe('Days an informal group has to record its new entity’s codice fiscale.'),
  status: callStatus,
  evaluatorIds: z.array(z.uuid()).optional().describe('The Comune only.'),
})
export type CallView = z.output<typeof CallViewSchema>

const ApplicationAward = z.object({
  id: z.uuid(),
  status: awardStatus,
  teamId: z.uuid(),
  grantId: z.uuid().nullable(),
  fundingCents: cents,
  hours: z.number(),
  taxCodeDueOn: day.nullable(),
})

export const AttachmentViewSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  filename: z.string(),
  sizeBytes: z.number().int(),
})

export const ApplicationViewSchema = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  status: applicationStatus,
  title: z.string(),
  summary: z.string(),
  activities: z.string(),
  applicantType: legalStatus,
  organisationName: z.string(),
  taxCode: z.string().nullable(),
  promoters: z
    .array(z.object({ name: z.string(), email: z.string().nullish() }))
    .describe('Natural persons: their emails reach only the applicant and the Comune (evaluators see names).'),
  commitToIncorporate: z.boolean(),
  areaIds: z.array(z.uuid()),
  labNeeds: z.array(z.object({ labType, hoursPerWeek: z.number(), weeks: z.number().int() })),
  requestedFundingCents: cents,
  crowdfundingGoalCents: cents,
  indicators: z.array(z.object({ name: z.string(), unit: z.string(), baseline: z.number(), target: z.number() })),
  attachments: z.array(AttachmentViewSchema.extend({ uploadedAt: instant })),
  protocolNumber: z.number().int().nullable().describe('Given at submission, gapless per call.'),
  submittedAt: instant.nullable(),
  exclusionReason: z.string().nullable(),
  award: ApplicationAward.nullable(),
  applicantUserId: z.uuid().optional().describe('Absent for evaluators.'),
  updatedAt: instant,
})
export type ApplicationView = z.output<typeof ApplicationViewSchema>

export const ApplicationCreatedSchema = z.object({ id: z.uuid(), status: applicationStatus })
export const SubmittedSchema = z.object({ status: z.literal('submitted'), protocolNumber: z.number().int() })

export const AdmissibilityViewSchema = z.object({
  checks: z.array(
    z.object({
      rule: z.enum(['eligible_applicant', 'documents_present', 'tax_code', 'commitment_to_incorporate', 'funding_within_maximum']),
      ok: z.boolean(),
    }),
  ),
  suggested: z.boolean().describe('Every automatic check passes: the aid to the Comune’s decision.'),
  admissible: z.boolean().nullable().describe('The Comune’s decision; null while undecided.'),
  reason: z.string().nullable().describe('Why it was excluded.'),
})

export const EvaluationViewSchema = z.object({
  conflictOfInterest: z.boolean().nullable().describe('null until the caller has evaluated the application.'),
  comment: z.string().nullable(),
  scores: z.array(z.object({ criterionId: z.uuid(), score: z.number() })),
})

export const RankingRowSchema = z.object({
  applicationId: z.uuid(),
  rank: z.number().int().nullable().describe('null: not admissible, or without a complete evaluation.'),
  score: z.number().nullable(),
  admissible: z.boolean(),
  protocolNumber: z.number().int().nullable(),
  title: z.string(),
  organisationName: z.string(),
  applicantType: legalStatus,
  requestedFundingCents: cents,
  status: applicationStatus,
})

export const AwardViewSchema = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  applicationId: z.uuid(),
  teamId: z.uuid(),
  grantId: z.uuid().nullable().describe('The grant of the awarded hours (null with no hours).'),
  concessionId: z.uuid().nullable(),
  fundingCents: cents,
  hours: z.number(),
  hubId: z.uuid().nullable(),
  labType: labType.nullable(),
  status: awardStatus.describe('conditional until an informal group records its entity’s codice fiscale.'),
  beneficiaryName: z.string().nullable(),
  beneficiaryTaxCode: z.string().nullable(),
  taxCodeDueOn: day.nullable(),
  awardedOn: day,
  tranches: z.array(z.object({ id: z.uuid(), amountCents: cents, dueOn: day, status: trancheStatus, paidOn: day.nullable() })),
})
export type AwardView = z.output<typeof AwardViewSchema>
