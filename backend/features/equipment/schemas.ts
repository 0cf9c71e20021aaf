import { z } from 'zod'
import { isoDate, optionalText, text } from '../../http/validation.ts'
import { ASSET_CONDITIONS, ASSET_STATUSES } from './asset-csv.ts'
import { MaintenanceView } from './maintenance.ts'

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

export const TypeBody = z
  .object({
    name: text(200),
    category: text(100),
    requiresTraining: z.boolean().default(false),
    description: optionalText(2000),
  })
  .strict()
export const TypePatch = z
  .object({ name: text(200), category: text(100), requiresTraining: z.boolean(), description: optionalText(2000) })
  .partial()
  .strict()
export const TypesQuery = z.object({ category: z.string().max(100).optional(), labId: z.uuid().optional() })

const cents = z.number().int().min(0).max(1e12)

/** The fields of an asset a request may set. */
const assetFields = {
  typeId: z.uuid(),
  labId: z.uuid(),
  assetTag: text(64),
  serialNumber: optionalText(200),
  status: z.enum(ASSET_STATUSES),
  condition: z.enum(ASSET_CONDITIONS),
  notes: optionalText(2000),
  purchaseDate: isoDate.nullish(),
  purchaseValueCents: cents.nullish(),
}

export const AssetBody = z
  .object({ ...assetFields, status: assetFields.status.default('active'), condition: assetFields.condition.default('good') })
  .strict()

export const AssetPatch = z.object(assetFields).partial().strict()

export const AssetsQuery = z.object({
  labId: z.uuid().optional(),
  hubId: z.uuid().optional(),
  typeId: z.uuid().optional(),
  status: z.enum(ASSET_STATUSES).optional(),
  q: z.string().trim().max(100).optional(),
  format: z.enum(['json', 'csv']).default('json'),
})

// ── Answers (the OpenAPI document's response schemas) ────────────────────────────────────────

export const EquipmentTypeView = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  requiresTraining: z.boolean(),
  description: z.string().nullable(),
})

export const AssetView = z.object({
  id: z.string(),
  typeId: z.string(),
  typeName: z.string(),
  labId: z.string(),
  hubId: z.string(),
  assetTag: z.string(),
  serialNumber: z.string().nullable(),
  status: z.enum(ASSET_STATUSES),
  condition: z.enum(ASSET_CONDITIONS),
  notes: z.string().nullable(),
  purchaseDate: z.string().nullable().describe('YYYY-MM-DD'),
  purchaseValueCents: z.number().int().nullable(),
  currentLoan: z
    .object({
      id: z.string(),
      bookingId: z.string().nullable(),
      holder: z.string(),
      checkedOutAt: z.string(),
      checkedOutBy: z.string().nullable(),
    })
    .nullable(),
  maintenance: z.array(MaintenanceView).describe('Its maintenance windows in progress or coming.'),
})

const Reallocated = z.array(z.object({ bookingId: z.string(), fromAssetId: z.string(), toAssetId: z.string() }))

/** An asset after a change that may take it out of service: the bookings given another asset, and those none could serve. */
export const ChangedAssetView = AssetView.extend({
  reallocated: Reallocated,
  unresolved: z.array(z.object({ bookingId: z.string(), start: z.string(), end: z.string() })),
})

export const CreatedWindowView = MaintenanceView.extend({ reallocated: Reallocated })

export const LoanView = z.object({
  id: z.string(),
  assetId: z.string(),
  bookingId: z.string().nullable(),
  holder: z.string(),
  checkedOutAt: z.string(),
  checkedOutBy: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedInBy: z.string().nullable(),
  condition: z.enum(ASSET_CONDITIONS).nullable().describe('The condition it came back in.'),
  notes: z.string().nullable(),
})

export const ImportResult = z.object({ created: z.number().int(), updated: z.number().int(), assetIds: z.array(z.string()) })

export const TrainingView = z.object({
  id: z.string(),
  teamId: z.string(),
  typeId: z.string(),
  personName: z.string(),
  trainedOn: z.string().describe('YYYY-MM-DD'),
  recordedBy: z.string().nullable(),
})
