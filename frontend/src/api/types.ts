/**
 * Resources of the API, as the contract (docs/api.md) describes them: where the server has a response schema,
 * the type is that schema's output (type-only imports: nothing of the server reaches the bundle).
 */
import type { z } from 'zod'
import type { BookingListItem, BookingView, ConflictView, CreatedBookings } from '../../../backend/features/bookings/schemas.ts'
import type { OpeningInterval } from '../../../backend/features/catalogue/opening-hours.ts'
import type { AreaView, HubView, LabView } from '../../../backend/features/catalogue/schemas.ts'
import type { ClosureView } from '../../../backend/features/closures/schemas.ts'
import type { TeamView } from '../../../backend/features/teams/schemas.ts'
import type { UserView } from '../../../backend/features/users/schemas.ts'

export type Role = 'admin' | 'operator' | 'member' | 'evaluator'
export type Locale = 'it' | 'en'

/** The signed-in person (`GET /me`, `/auth/session`). */
export type Me = z.output<typeof UserView>
export type Closure = z.output<typeof ClosureView>

// The catalogue and conflicts as the server's response schemas say (GET /areas, /hubs, /labs; a 409's conflicts).
export type Area = z.output<typeof AreaView>
export type Hub = z.output<typeof HubView>
export type Lab = z.output<typeof LabView>
export type ConflictInfo = z.output<typeof ConflictView>

/** A hub's weekly opening interval: the server's one model of opening hours. */
export type OpeningHours = OpeningInterval

export const LAB_TYPES = ['kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose'] as const
export type LabType = (typeof LAB_TYPES)[number]

export type BookingStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'completed' | 'no_show'

/** A booking as the server sends it; in lists (`GET /bookings`) it also carries its series' rule. */
export type Booking = z.output<typeof BookingView> & Partial<Pick<z.output<typeof BookingListItem>, 'series'>>
/** `POST /bookings`: the series, its bookings and the occurrences left out (skipConflicts). */
export type BookingResult = z.output<typeof CreatedBookings>

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

// A team as the server's response schema says.
export type Team = z.output<typeof TeamView>
