import { z } from 'zod'
import { fieldMessage } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { isoDate, optionalText, paginationQuery, text } from '../../http/validation.ts'

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

/** Codice fiscale of an entity (11 digits, as the partita IVA) or of a person (16 characters). */
const taxCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^(\d{11}|[A-Z0-9]{16})$/, 'codice fiscale non valido: 11 cifre o 16 caratteri')

export const OperatorBody = z
  .object({
    name: text(200),
    legalForm: text(100),
    taxCode,
    email: z.string().trim().toLowerCase().pipe(z.email()).nullish(),
    phone: optionalText(50),
  })
  .strict()
export const OperatorPatch = OperatorBody.partial().strict()

export const OperatorsQuery = z.object({ q: z.string().max(200).optional(), ...paginationQuery })

const STATUSES = ['draft', 'active', 'expired', 'terminated'] as const
const cents = z.number().int().min(0).max(1e12)
const Obligations = z
  .object({
    minOpenHoursPerWeek: z.number().min(0).max(168),
    minSocialSharePercent: z.number().min(0).max(100),
  })
  .strict()

export const ConcessionBody = z
  .object({
    hubId: z.uuid(),
    operatorId: z.uuid(),
    start: isoDate,
    end: isoDate,
    annualFeeCents: cents.default(0),
    obligations: Obligations.default({ minOpenHoursPerWeek: 0, minSocialSharePercent: 0 }),
    status: z.enum(STATUSES).default('active'),
  })
  .strict()
  .refine((b) => b.start <= b.end, { path: ['end'], message: fieldMessage(field.endBeforeStart) })

export const ConcessionPatch = z
  .object({
    start: isoDate.optional(),
    end: isoDate.optional(),
    annualFeeCents: cents.optional(),
    obligations: Obligations.partial().strict().optional(),
    status: z.enum(STATUSES).optional(),
  })
  .strict()

export const ConcessionsQuery = z.object({
  hubId: z.uuid().optional(),
  operatorId: z.uuid().optional(),
  status: z.enum(STATUSES).optional(),
})

// ── Answers (the OpenAPI document's response schemas) ────────────────────────────────────────

/** An operator as the API answers it. */
export const OperatorView = z.object({
  id: z.string(),
  name: z.string(),
  legalForm: z.string(),
  taxCode: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
})

/** A concession as the API answers it: dates are calendar days; `inForce` says whether it covers today. */
export const ConcessionView = z.object({
  id: z.string(),
  hubId: z.string(),
  operatorId: z.string(),
  start: z.string(),
  end: z.string(),
  annualFeeCents: z.number().int(),
  obligations: z.object({ minOpenHoursPerWeek: z.number(), minSocialSharePercent: z.number() }),
  status: z.enum(STATUSES),
  inForce: z.boolean(),
})
