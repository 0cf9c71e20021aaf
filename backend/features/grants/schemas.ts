import { z } from 'zod'
import { LAB_TYPES, type LabType } from '../../../db/schema.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { isoDate, text } from '../../http/validation.ts'
import { m } from './messages.ts'

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

const hours = z.number().positive().max(100_000).multipleOf(0.01, fieldMessage(m.twoDecimals))

export const GrantBody = z
  .object({
    hours,
    from: isoDate,
    to: isoDate,
    hubId: z.uuid().nullish(),
    labType: z.enum(LAB_TYPES as [LabType, ...LabType[]]).nullish(),
    reference: text(200),
  })
  .strict()
  .refine((b) => b.from <= b.to, { path: ['to'], message: fieldMessage(field.endBeforeStart) })

export const GrantPatch = z
  .object({
    hours: hours.optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    hubId: z.uuid().nullish(),
    labType: z.enum(LAB_TYPES as [LabType, ...LabType[]]).nullish(),
    reference: text(200).optional(),
  })
  .strict()

export const GrantsQuery = z.object({
  teamId: z.uuid().optional(),
  callReference: z.string().trim().min(1).max(200).optional(),
  reference: z.string().trim().min(1).max(200).optional(),
  hubId: z.uuid().optional(),
})

// ── Answers (the OpenAPI document's response schemas) ────────────────────────────────────────

/** A grant as the API answers it, with its hours booked, used and remaining (see accounting.ts). */
export const GrantView = z.object({
  id: z.string(),
  teamId: z.string(),
  hours: z.number(),
  from: z.string(),
  to: z.string(),
  hubId: z.string().nullable(),
  labType: z.enum(LAB_TYPES).nullable(),
  reference: z.string(),
  hoursBooked: z.number(),
  hoursUsed: z.number(),
  hoursRemaining: z.number(),
})
