import { z } from 'zod'
import { LAB_TYPES, type LabType } from '../../../db/schema.ts'
import { isoDate, paginationQuery, text } from '../../http/validation.ts'
import { instantString } from '../../time.ts'

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
