import { z } from 'zod'
import { LAB_TYPES, type LabType } from '../../../db/schema.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { uploadFilename } from '../../http/uploads.ts'
import { isoDate, paginationQuery, text } from '../../http/validation.ts'
import { instantString } from '../../time.ts'
import { applicationText, awardText } from './messages.ts'

/** Request bodies of the call (CONTRACT §8): each schema is both the validator and the type. */

export const legalStatus = z.enum(['informal', 'association', 'cooperative', 'social_enterprise', 'other'])
export const labType = z.enum(LAB_TYPES as [LabType, ...LabType[]])
const cents = z.number().int().min(0).max(1_000_000_000_00)
const documentKind = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lettere minuscole, cifre e _')

export const CriterionBody = z
  .object({
    /** Present when a PATCH keeps an existing criterion (its scores stay). */
    id: z.uuid().optional(),
    name: text(200),
    weight: z.number().positive().max(1000).multipleOf(0.01, 'al più due decimali'),
    maxScore: z.number().int().min(1).max(1000),
  })
  .strict()

const callFields = {
  title: text(200),
  description: z.string().trim().max(20000),
  opensAt: instantString,
  closesAt: instantString,
  budgetCents: cents,
  maxFundingCents: cents,
  applicantTypes: z.array(legalStatus).min(1).max(5),
  areaIds: z.array(z.uuid()).max(100),
  criteria: z.array(CriterionBody).max(30),
  requiredDocuments: z.array(documentKind).max(20),
  incorporationDays: z.number().int().min(1).max(730),
}

export const CallBody = z
  .object({
    ...callFields,
    description: callFields.description.default(''),
    areaIds: callFields.areaIds.default([]),
    criteria: callFields.criteria.default([]),
    requiredDocuments: callFields.requiredDocuments.default([]),
    incorporationDays: callFields.incorporationDays.default(90),
  })
  .strict()
export type CallInput = z.output<typeof CallBody>

export const CallPatch = z
  .object({
    title: callFields.title.optional(),
    description: callFields.description.optional(),
    opensAt: callFields.opensAt.optional(),
    closesAt: callFields.closesAt.optional(),
    budgetCents: callFields.budgetCents.optional(),
    maxFundingCents: callFields.maxFundingCents.optional(),
    applicantTypes: callFields.applicantTypes.optional(),
    areaIds: callFields.areaIds.optional(),
    criteria: callFields.criteria.optional(),
    requiredDocuments: callFields.requiredDocuments.optional(),
    incorporationDays: callFields.incorporationDays.optional(),
    status: z.enum(['draft', 'open', 'closed', 'ranked', 'awarded']).optional(),
    evaluatorIds: z.array(z.uuid()).max(50).optional(),
  })
  .strict()
export type CallPatchInput = z.output<typeof CallPatch>

export const CallsQuery = z.object({
  status: z.enum(['draft', 'open', 'closed', 'ranked', 'awarded']).optional(),
  ...paginationQuery,
})
export type CallsFilter = z.output<typeof CallsQuery>

export { isoDate }

/** Codice fiscale: 11 digits (an entity, as its partita IVA) or 16 characters (a person); upper-cased. */
export const taxCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{11}|[A-Z0-9]{16})$/, 'codice fiscale non valido: 11 cifre o 16 caratteri')

const promoter = z.object({ name: text(200), email: z.email().max(200).nullish() }).strict()
const labNeed = z
  .object({
    labType,
    hoursPerWeek: z.number().positive().max(168).multipleOf(0.5, 'mezz’ore'),
    weeks: z.number().int().min(1).max(104),
  })
  .strict()
const indicator = z
  .object({ name: text(200), unit: text(50), baseline: z.number().min(-1e12).max(1e12), target: z.number().min(-1e12).max(1e12) })
  .strict()

const applicationFields = {
  title: text(200),
  summary: z.string().trim().max(5000),
  activities: z.string().trim().max(20000),
  applicantType: legalStatus,
  organisationName: text(200),
  taxCode: taxCode.nullish(),
  promoters: z.array(promoter).max(50),
  commitToIncorporate: z.boolean(),
  areaIds: z.array(z.uuid()).max(50),
  labNeeds: z.array(labNeed).max(20),
  requestedFundingCents: cents,
  crowdfundingGoalCents: cents,
  indicators: z.array(indicator).max(30),
}

/** A draft needs a title, who applies and as what; the rest can come as one goes (checked at submit). */
export const ApplicationBody = z
  .object({
    ...applicationFields,
    summary: applicationFields.summary.default(''),
    activities: applicationFields.activities.default(''),
    promoters: applicationFields.promoters.default([]),
    commitToIncorporate: applicationFields.commitToIncorporate.default(false),
    areaIds: applicationFields.areaIds.default([]),
    labNeeds: applicationFields.labNeeds.default([]),
    requestedFundingCents: applicationFields.requestedFundingCents.default(0),
    crowdfundingGoalCents: applicationFields.crowdfundingGoalCents.default(0),
    indicators: applicationFields.indicators.default([]),
  })
  .strict()
export type ApplicationInput = z.output<typeof ApplicationBody>

export const ApplicationPatch = z
  .object(
    Object.fromEntries(Object.entries(applicationFields).map(([k, v]) => [k, v.optional()])) as {
      [K in keyof typeof applicationFields]: z.ZodOptional<(typeof applicationFields)[K]>
    },
  )
  .strict()
export type ApplicationPatchInput = z.output<typeof ApplicationPatch>

export const AttachmentQuery = z.object({
  kind: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lettere minuscole, cifre e _'),
  filename: uploadFilename,
})

export const AdmissibilityBody = z
  .object({ admissible: z.boolean(), reason: z.string().trim().min(1).max(2000).optional() })
  .strict()
  .refine((b) => b.admissible || b.reason, { path: ['reason'], message: fieldMessage(applicationText.exclusionReason) })

export const ScoresBody = z
  .object({
    scores: z
      .array(z.object({ criterionId: z.uuid(), score: z.number().min(0).max(100000).multipleOf(0.01, 'al più due decimali') }).strict())
      .max(30)
      .default([]),
    conflictOfInterest: z.boolean(),
    comment: z.string().trim().max(5000).nullish(),
  })
  .strict()
  .refine((b) => !b.conflictOfInterest || b.scores.length === 0, {
    path: ['scores'],
    message: fieldMessage(applicationText.abstainNoScores),
  })
export type ScoresInput = z.output<typeof ScoresBody>

export const AwardBody = z
  .object({
    applicationId: z.uuid(),
    fundingCents: cents,
    hours: z.number().min(0).max(100_000).multipleOf(0.01, 'al più due decimali'),
    hubId: z.uuid().nullish(),
    labType: labType.nullish(),
    /** The grant's period; from today for a year by default. */
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Link an existing team instead of creating one. */
    teamId: z.uuid().optional(),
    concessionId: z.uuid().optional(),
  })
  .strict()
export type AwardInput = z.output<typeof AwardBody>

/** An entity's codice fiscale is 11 digits. */
export const entityTaxCode = z
  .string()
  .trim()
  .regex(/^\d{11}$/, 'il codice fiscale di un ente è di 11 cifre')

export const TaxCodeBody = z
  .object({
    taxCode: entityTaxCode,
    name: text(200),
    legalStatus: z.enum(['association', 'cooperative', 'social_enterprise', 'other']),
  })
  .strict()
export type TaxCodeInput = z.output<typeof TaxCodeBody>

export const TrancheBody = z.object({ amountCents: cents.refine((v) => v > 0, fieldMessage(awardText.positive)), dueOn: isoDate }).strict()
export const TranchePatch = z
  .object({ status: z.enum(['planned', 'paid', 'cancelled']), paidOn: isoDate.optional() })
  .strict()
  .refine((b) => b.status !== 'paid' || b.paidOn, { path: ['paidOn'], message: fieldMessage(awardText.paidOnRequired) })

const callFigures = {
  committedCents: z.number().int(),
  paidCents: z.number().int(),
  hoursGranted: z.number(),
  hoursUsed: z.number(),
}
/** `GET /calls/:id/summary`: «Domande» are submitted applications; drafts are counted apart. */
export const CallSummaryView = z.object({
  callId: z.uuid(),
  budgetCents: z.number().int(),
  applications: z.number().int().describe('Submitted applications (every status after draft)'),
  drafts: z.number().int().describe('Applications still in draft: never sent, not counted as applications'),
  byStatus: z.record(z.string(), z.number().int()).describe('Submitted applications by status (draft excluded)'),
  ...callFigures,
  byArea: z.array(
    z.object({
      areaId: z.uuid(),
      applications: z.number().int(),
      drafts: z.number().int(),
      ...callFigures,
    }),
  ),
})
