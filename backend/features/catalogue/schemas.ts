import { IANAZone } from 'luxon'
import { z } from 'zod'
import { LAB_TYPES } from '../../../db/schema.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { booleanQuery, email, hhmm, optionalText, paginationQuery, text } from '../../http/validation.ts'
import { m } from './messages.ts'

/** Request schemas of the catalogue: each is both the validator and the type of its input. */

export const labType = z.enum(LAB_TYPES)
export const hubKind = z.enum(['cfl', 'community_hub'])
export const timezone = z.string().refine((v) => IANAZone.isValidZone(v), fieldMessage(m.notATimeZone))
const phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9 ()./-]{5,30}$/, 'not a phone number')
  .nullish()
const optionalEmail = email.nullish()

export const AreaBody = z.object({
  name: text(200),
  nilId: z.number().int().positive().nullable().default(null),
  municipio: z.number().int().min(1).max(9),
  isTarget: z.boolean().default(false),
})
export type AreaInput = z.output<typeof AreaBody>

export const AreasQuery = z.object({
  municipio: z.coerce.number().int().min(1).max(9).optional(),
  isTarget: booleanQuery.optional(),
  ...paginationQuery,
})

export const HubBody = z.object({
  name: text(200),
  kind: hubKind,
  address: text(300),
  areaId: z.uuid(),
  timezone: timezone.default('Europe/Rome'),
  phone,
  email: optionalEmail,
  description: optionalText(4000),
})
export type HubInput = z.output<typeof HubBody>

export const HubPatch = z.object({
  name: text(200).optional(),
  kind: hubKind.optional(),
  address: text(300).optional(),
  areaId: z.uuid().optional(),
  timezone: timezone.optional(),
  phone,
  email: optionalEmail,
  description: optionalText(4000),
})
export type HubPatchInput = z.output<typeof HubPatch>

export const HubsQuery = z.object({
  areaId: z.uuid().optional(),
  kind: hubKind.optional(),
  municipio: z.coerce.number().int().min(1).max(9).optional(),
  ...paginationQuery,
})

export const OpeningHoursBody = z
  .array(
    z.object({
      weekday: z.number().int().min(1).max(7),
      open: hhmm.refine((v) => v !== '24:00', 'a day cannot open at 24:00'),
      close: hhmm,
    }),
  )
  .max(70)

const duration = z
  .number()
  .int()
  .min(15)
  .max(24 * 60)

const checkInMinutes = z.number().int().min(0).max(240)

export const LabBody = z
  .object({
    hubId: z.uuid(),
    name: text(200),
    type: labType,
    capacity: z.number().int().min(1).max(10_000),
    approvalRequired: z.boolean().default(false),
    requiresGrant: z.boolean().default(false),
    minDurationMinutes: duration.default(30),
    maxDurationMinutes: duration.default(480),
    description: optionalText(4000),
    /** Bookings must be checked in around their start, or are released as no-shows (staff's never). */
    checkInRequired: z.boolean().default(false),
    checkInBeforeMinutes: checkInMinutes.default(15),
    checkInAfterMinutes: checkInMinutes.min(1).default(15),
  })
  .refine((b) => b.minDurationMinutes <= b.maxDurationMinutes, {
    path: ['maxDurationMinutes'],
    message: fieldMessage(m.maxBelowMin),
  })
export type LabInput = z.output<typeof LabBody>

export const LabPatch = z.object({
  name: text(200).optional(),
  type: labType.optional(),
  capacity: z.number().int().min(1).max(10_000).optional(),
  approvalRequired: z.boolean().optional(),
  requiresGrant: z.boolean().optional(),
  minDurationMinutes: duration.optional(),
  maxDurationMinutes: duration.optional(),
  description: optionalText(4000),
  checkInRequired: z.boolean().optional(),
  checkInBeforeMinutes: checkInMinutes.optional(),
  checkInAfterMinutes: checkInMinutes.min(1).optional(),
})
export type LabPatchInput = z.output<typeof LabPatch>

export const LabsQuery = z
  .object({
    hubId: z.uuid().optional(),
    type: labType.optional(),
    areaId: z.uuid().optional(),
    minCapacity: z.coerce.number().int().min(1).optional(),
    /** Only labs holding `equipmentQuantity` (default 1) assets of this type that are not retired. */
    equipmentTypeId: z.uuid().optional(),
    equipmentQuantity: z.coerce.number().int().min(1).max(1000).optional(),
    ...paginationQuery,
  })
  .refine((q) => q.equipmentQuantity === undefined || q.equipmentTypeId !== undefined, {
    path: ['equipmentQuantity'],
    message: fieldMessage(m.needsEquipmentType),
  })

/** An area as the API answers it. */
export const AreaView = z.object({
  id: z.string(),
  name: z.string(),
  nilId: z.number().int().nullable(),
  municipio: z.number().int(),
  isTarget: z.boolean(),
})

/** A hub as the API answers it, with its area. */
export const HubView = z.object({
  id: z.string(),
  name: z.string(),
  kind: hubKind,
  address: z.string(),
  areaId: z.string(),
  timezone: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  description: z.string().nullable(),
  area: AreaView,
})

/** One interval of a hub's week: ISO weekday (1 = Monday), local wall times. */
export const OpeningIntervalView = z.object({ weekday: z.number().int(), open: z.string(), close: z.string() })

/** A lab as the API answers it, with its hub's name, area and time zone. */
export const LabView = z.object({
  id: z.string(),
  hubId: z.string(),
  name: z.string(),
  type: labType,
  capacity: z.number().int(),
  approvalRequired: z.boolean(),
  requiresGrant: z.boolean(),
  minDurationMinutes: z.number().int(),
  maxDurationMinutes: z.number().int(),
  description: z.string().nullable(),
  checkInRequired: z.boolean(),
  checkInBeforeMinutes: z.number().int(),
  checkInAfterMinutes: z.number().int(),
  hub: z.object({ id: z.string(), name: z.string(), areaId: z.string(), timezone: z.string() }),
})
