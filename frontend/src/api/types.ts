/**
 * Resources of the API, as the contract (docs/api.md) describes them: where the server has a response schema,
 * the type is that schema's output, and a request body the input of its request schema (`z.input`: defaults and
 * nulls optional). Type-only imports: nothing of the server reaches the bundle.
 */
import type { z } from 'zod'
import type {
  AvailabilitySearchResult,
  BookingListItem,
  BookingView,
  CreateBookingBody,
  CreatedBookings,
  LabAvailabilityView,
} from '../../../backend/features/bookings/schemas.ts'
import type { OpeningInterval } from '../../../backend/features/catalogue/opening-hours.ts'
import type { AreaView, HubView, LabView } from '../../../backend/features/catalogue/schemas.ts'
import type { ClosureView } from '../../../backend/features/closures/schemas.ts'
import type { ConcessionView, OperatorView } from '../../../backend/features/concessions/schemas.ts'
import type { AssetView, EquipmentTypeView } from '../../../backend/features/equipment/schemas.ts'
import type { GrantView } from '../../../backend/features/grants/schemas.ts'
import type { TeamView } from '../../../backend/features/teams/schemas.ts'
import type { UserView } from '../../../backend/features/users/schemas.ts'

/** The signed-in person (`GET /me`, `/auth/session`). */
export type Me = z.output<typeof UserView>
export type Role = Me['role']
export type Locale = Me['locale']
export type Closure = z.output<typeof ClosureView>

// The catalogue as the server's response schemas say (GET /areas, /hubs, /labs).
export type Area = z.output<typeof AreaView>
export type Hub = z.output<typeof HubView>
export type Lab = z.output<typeof LabView>

/** A hub's weekly opening interval: the server's one model of opening hours. */
export type OpeningHours = OpeningInterval

export type LabType = Lab['type']
/** The lab types in the order the pages list them (a value: the client cannot import the server's). */
export const LAB_TYPES = [
  'kitchen',
  'it',
  'tailoring',
  'fashion',
  'gardening',
  'digital',
  'multipurpose',
] as const satisfies readonly LabType[]

/** A booking as the server sends it; in lists (`GET /bookings`) it also carries its series' rule. */
export type Booking = z.output<typeof BookingView> & Partial<Pick<z.output<typeof BookingListItem>, 'series'>>
/** `POST /bookings`: the series, its bookings and the occurrences left out (skipConflicts). */
export type BookingResult = z.output<typeof CreatedBookings>

/** `POST /bookings`: the server's request schema, as the client may write it (defaults and nulls optional). */
export type BookingRequest = z.input<typeof CreateBookingBody>

/** A lab's busy and free time (`GET /labs/:id/availability`). */
export type Availability = z.output<typeof LabAvailabilityView>

/** One lab of the availability search (`GET /availability`): how many occurrences are free, and what is in the way. */
export type AvailabilityResult = z.output<typeof AvailabilitySearchResult>

// Equipment, grants, operators and concessions as the server's response schemas say.
export type EquipmentType = z.output<typeof EquipmentTypeView>
export type EquipmentAsset = z.output<typeof AssetView>
/** A grant with its hours booked, used and remaining. */
export type Grant = z.output<typeof GrantView>
export type Operator = z.output<typeof OperatorView>
/** A concession; `inForce`: active and today within its period (the server computes it in Milan time). */
export type Concession = z.output<typeof ConcessionView>

// A team as the server's response schema says.
export type Team = z.output<typeof TeamView>
