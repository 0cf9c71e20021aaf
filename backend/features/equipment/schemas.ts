import { z } from 'zod'
import { ASSET_CONDITIONS, ASSET_STATUSES } from './asset-csv.ts'
import { MaintenanceView } from './maintenance.ts'

/** The answers of the equipment routes (the OpenAPI document's response schemas). */

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
