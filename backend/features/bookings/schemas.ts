import { z } from 'zod'
import { fieldMessage } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { booleanQuery, optionalText, paginationQuery, text } from '../../http/validation.ts'
import { instantString } from '../../time.ts'

const id = z.string().trim().min(1).max(100)
const uuidQuery = z.uuid(fieldMessage(field.expectedId))
const BOOKING_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled', 'completed', 'no_show'] as const
export const scope = z.enum(['occurrence', 'following', 'series'])
export type Scope = z.output<typeof scope>

/** A date (`YYYY-MM-DD`, midnight in the hub's zone) or an instant, as the contract's periods allow. */
export const dateOrInstant = z
  .string()
  .refine(
    (v) => /^\d{4}-\d{2}-\d{2}$/.test(v) || instantString.safeParse(v).success,
    'expected YYYY-MM-DD or YYYY-MM-DDTHH:mm[:ss][±HH:MM]',
  )

export const EquipmentRequest = z.object({ typeId: id, quantity: z.number().int().min(1).max(100) })

export const CreateBookingBody = z.object({
  labId: id,
  teamId: id.nullish(),
  title: text(200),
  start: instantString,
  end: instantString,
  recurrence: z
    .object({
      rrule: z.string().max(4000),
      /** Dates (`YYYY-MM-DD`) or start instants left out of the series, besides EXDATE lines in `rrule`. */
      exdates: z.array(z.string().max(40)).max(366).optional(),
    })
    .nullish(),
  equipment: z
    .array(EquipmentRequest)
    .max(20)
    .refine((list) => new Set(list.map((e) => e.typeId)).size === list.length, 'each typeId once')
    .optional(),
  expectedParticipants: z.number().int().min(0).max(100_000).nullish(),
  skipConflicts: z.boolean().optional(),
})
export type CreateBookingInput = z.output<typeof CreateBookingBody>

export const CreateQuery = z.object({ dryRun: booleanQuery.optional() })

export const PatchBookingBody = z
  .object({
    start: instantString.optional(),
    end: instantString.optional(),
    title: text(200).optional(),
    expectedParticipants: z.number().int().min(0).max(100_000).nullish(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change')
export type PatchBookingInput = z.output<typeof PatchBookingBody>

export const CancelBody = z.object({ scope: scope.default('occurrence'), reason: optionalText(500) })
export const ApproveBody = z.object({ scope: scope.default('occurrence') })
export const RejectBody = z.object({ scope: scope.default('occurrence'), reason: text(500) })

export const AttendanceBody = z.object({
  participants: z.number().int().min(0).max(100_000),
  categories: z
    .record(z.string().trim().min(1).max(100), z.number().int().min(0).max(100_000))
    .refine((r) => Object.keys(r).length <= 50, 'at most 50 categories')
    .optional(),
})
export type AttendanceInput = z.output<typeof AttendanceBody>

export const BookingsQuery = z.object({
  labId: uuidQuery.optional(),
  hubId: uuidQuery.optional(),
  teamId: uuidQuery.optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  status: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()))
    .pipe(z.array(z.enum(BOOKING_STATUSES)).min(1))
    .optional(),
  ...paginationQuery,
})
