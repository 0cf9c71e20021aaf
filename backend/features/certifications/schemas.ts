import { z } from 'zod'
import { LAB_TYPES } from '../../../db/schema.ts'
import { booleanQuery, isoDate, text } from '../../http/validation.ts'

const Enables = z
  .object({
    equipmentTypeIds: z.array(z.uuid()).max(100).optional(),
    labTypes: z.array(z.enum(LAB_TYPES)).max(LAB_TYPES.length).optional(),
  })
  .strict()

export const KindBody = z
  .object({
    name: text(200),
    enables: Enables.default({}),
    validityMonths: z.number().int().min(1).max(600).nullish(),
  })
  .strict()
export type KindInput = z.output<typeof KindBody>

export const KindPatch = z
  .object({
    name: text(200).optional(),
    enables: Enables.optional(),
    validityMonths: z.number().int().min(1).max(600).nullable().optional(),
  })
  .strict()
export type KindPatchInput = z.output<typeof KindPatch>

export const CertificationBody = z
  .object({
    kindId: z.uuid(),
    personName: text(200),
    /** The account of the person, when they have one in the team. */
    userId: z.uuid().nullish(),
    obtainedOn: isoDate,
    /** Omitted: the kind's validity decides; null: it does not lapse. */
    expiresOn: isoDate.nullable().optional(),
  })
  .strict()
export type CertificationInput = z.output<typeof CertificationBody>

export const ExpiringQuery = z.object({
  withinDays: z.coerce.number().int().min(1).max(366).default(60),
  includeExpired: booleanQuery.default(false),
})
export type ExpiringQuery = z.output<typeof ExpiringQuery>

/** A certification kind as the API answers it: what it enables, and for how long a certificate is valid. */
export const KindView = z.object({
  id: z.string(),
  name: z.string(),
  enables: z.object({ equipmentTypeIds: z.array(z.string()), labTypes: z.array(z.enum(LAB_TYPES)) }),
  validityMonths: z.number().int().nullable(),
})

/** A team's certificate as the API answers it (`status` as of today, in Rome). */
export const CertificateView = z.object({
  id: z.string(),
  teamId: z.string(),
  teamName: z.string(),
  kindId: z.string(),
  kindName: z.string(),
  personName: z.string(),
  userId: z.string().nullable(),
  obtainedOn: z.string(),
  expiresOn: z.string().nullable(),
  status: z.enum(['valid', 'expiring', 'expired']),
  recordedBy: z.string().nullable(),
})

/** A certificate about to lapse, with the team's upcoming bookings that need it and whether it was renewed. */
export const ExpiringView = CertificateView.extend({ upcomingBookings: z.number().int(), renewed: z.boolean() })
