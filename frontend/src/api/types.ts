import type { OpeningInterval } from '../../../backend/features/catalogue/opening-hours.ts'
/** Resources of the API, as the contract (docs/api.md, the contract's §3) describes them. */

export type Role = 'admin' | 'operator' | 'member' | 'evaluator'
export type Locale = 'it' | 'en'

export interface TeamRef {
  id: string
  name: string
}

export interface Me {
  id: string
  email: string
  name: string
  role: Role
  locale: Locale
  /** Codice fiscale, for accounts that signed in with SPID/CIE (only the person and the Comune's admins see it). */
  fiscalCode: string | null
  operatorId: string | null
  teamIds: string[]
  teams: TeamRef[]
}

export interface Area {
  id: string
  name: string
  nilId: number | null
  municipio: number
  isTarget: boolean
}

export type HubKind = 'cfl' | 'community_hub'

export interface Hub {
  id: string
  name: string
  kind: HubKind
  address: string
  areaId: string
  timezone: string
  phone?: string | null
  email?: string | null
  description?: string | null
  /** Embedded by the API for convenience. */
  area?: Area
}

/** A hub's weekly opening interval: the server's one model of opening hours. */
export type OpeningHours = OpeningInterval

export const LAB_TYPES = ['kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose'] as const
export type LabType = (typeof LAB_TYPES)[number]

export interface Lab {
  id: string
  hubId: string
  name: string
  type: LabType
  capacity: number
  approvalRequired: boolean
  requiresGrant: boolean
  minDurationMinutes: number
  maxDurationMinutes: number
  description?: string | null
  /** Bookings must be checked in around their start, or are released (docs/certifications-checkin.md). */
  checkInRequired?: boolean
  checkInBeforeMinutes?: number
  checkInAfterMinutes?: number
  /** Embedded by the API for convenience. */
  hub?: { id: string; name: string; areaId: string; timezone: string }
}

export interface Closure {
  id: string
  hubId?: string | null
  labId?: string | null
  start: string
  end: string
  reason: string
}

export type BookingStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'completed' | 'no_show'

export interface BookingEquipment {
  typeId: string
  assetIds: string[]
  quantity?: number
}

export interface Booking {
  id: string
  seriesId: string | null
  labId: string
  teamId: string | null
  title: string
  start: string
  end: string
  status: BookingStatus
  equipment?: BookingEquipment[]
  /** In lists (`GET /bookings`): the rule of the booking's series with its first occurrence's times, or null. */
  series?: { rrule: string; start: string; end: string } | null
  expectedParticipants?: number | null
  participants?: number | null
  /** Check-in (docs/certifications-checkin.md): when the team checked in; when the worker released it. */
  checkedInAt?: string | null
  releasedAt?: string | null
  hubId?: string
  statusReason?: string | null
  /** 'closure' when a closure cancelled it (statusReason is then the closure's reason). */
  cancelCause?: 'closure' | null
}

export interface ConflictInfo {
  start: string
  end: string
  reason: string
  bookingId?: string
  /** The server's explanation, in Italian. */
  detail?: string
}

export interface SkippedOccurrence {
  start: string
  end: string
  conflicts: ConflictInfo[]
}

export interface BookingRequest {
  labId: string
  teamId?: string
  title: string
  start: string
  end: string
  recurrence?: { rrule: string }
  equipment?: { typeId: string; quantity: number }[]
  expectedParticipants?: number
  skipConflicts?: boolean
}

export interface BookingResult {
  series: { id: string; rrule: string } | null
  bookings: Booking[]
  skipped: SkippedOccurrence[]
}

export interface Availability {
  busy: { start: string; end: string; kind: string }[]
  free: { start: string; end: string }[]
}

export interface AvailabilityResult {
  lab: Lab
  free: number
  total: number
  conflicts: ConflictInfo[]
}

export interface EquipmentType {
  id: string
  name: string
  category: string
  requiresTraining: boolean
}

export interface EquipmentAsset {
  id: string
  typeId: string
  labId: string
  assetTag: string
  serialNumber?: string | null
  status: 'active' | 'maintenance' | 'retired'
  condition: string
  notes?: string | null
}

export interface Grant {
  id: string
  hours: number
  from: string
  to: string
  hubId?: string | null
  labType?: LabType | null
  reference: string
  hoursBooked?: number
  hoursUsed?: number
  hoursRemaining?: number
}

export interface Team {
  id: string
  name: string
  legalStatus: 'informal' | 'association' | 'cooperative' | 'social_enterprise' | 'other'
  contactEmail: string
  callReference?: string | null
}

export interface Operator {
  id: string
  name: string
  legalForm: string
  taxCode: string
}

export interface Concession {
  id: string
  hubId: string
  operatorId: string
  start: string
  end: string
  annualFeeCents: number
  obligations: { minOpenHoursPerWeek: number; minSocialSharePercent: number }
  status: 'draft' | 'active' | 'expired' | 'terminated'
}
