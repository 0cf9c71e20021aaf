import { z } from 'zod'
import { fieldMessage } from '../../http/i18n.ts'
import { field } from '../../http/messages.ts'
import { booleanQuery, optionalText, paginationQuery, text } from '../../http/validation.ts'
import { instantString } from '../../time.ts'
import { LabView } from '../catalogue/schemas.ts'

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
/** The answer of a cancellation: the bookings cancelled, and until when their author may restore them. */
export const CancelledView = z.object({ cancelled: z.array(z.uuid()), restorableUntil: z.string().nullable() })
export const RestoredView = z.object({ restored: z.array(z.uuid()) })
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

// ——— Answers (the OpenAPI document's response schemas; the test client checks real answers against them) ———

const bookingStatus = z.enum(BOOKING_STATUSES)
const conflictReason = z.enum([
  'booking',
  'closure',
  'outside_opening_hours',
  'duration',
  'equipment_unavailable',
  'maintenance',
  'quota_exceeded',
  'no_grant',
  'past',
  'training_required',
  'training_expired',
])

export const ConflictView = z.object({
  start: z.string(),
  end: z.string(),
  reason: conflictReason,
  bookingId: z.string().optional().describe('The booking in the way (absent where other teams’ bookings stay anonymous).'),
  detail: z.string().optional().describe('Which closure, equipment type or grant, in words.'),
})

const Allocation = z.object({ typeId: z.string(), assetIds: z.array(z.string()) })

export const BookingView = z.object({
  id: z.string(),
  seriesId: z.string().nullable(),
  labId: z.string(),
  teamId: z.string().nullable(),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  status: bookingStatus,
  equipment: z.array(Allocation),
  hubId: z.string(),
  labName: z.string(),
  teamName: z.string().nullable(),
  expectedParticipants: z.number().int().nullable(),
  participants: z.number().int().nullable(),
  participantCategories: z.record(z.string(), z.number().int()).nullable(),
  statusReason: z.string().nullable(),
  cancelCause: z.enum(['closure']).nullable().describe('closure: a closure cancelled it (statusReason is then its reason).'),
  sequence: z.number().int(),
  checkInRequired: z.boolean(),
  checkInWindow: z.object({ opensAt: z.string(), closesAt: z.string() }),
  checkedInAt: z.string().nullable(),
  releasedAt: z.string().nullable(),
})

/** A booking in a list (`GET /bookings`): the booking's view, and the rule of its series when it has one. */
export const BookingListItem = BookingView.extend({
  series: z
    .object({
      rrule: z.string().describe('RFC 5545 RRULE of the series, e.g. FREQ=WEEKLY;BYDAY=TU;UNTIL=20270301T225959Z'),
      start: z.string().describe('Start of the series’ first occurrence, in the hub’s zone.'),
      end: z.string().describe('End of the series’ first occurrence, in the hub’s zone.'),
    })
    .nullable()
    .describe('The rule of the series the booking belongs to (clients put it in words); null for a single booking.'),
})

const Skipped = z.object({ start: z.string(), end: z.string(), conflicts: z.array(ConflictView) })

export const CreatedBookings = z.object({
  series: z.object({ id: z.string(), rrule: z.string() }).nullable(),
  bookings: z.array(BookingView),
  skipped: z.array(Skipped).describe('skipConflicts: the occurrences left out, each with what is in the way.'),
})

export const DryRunBookings = z.object({
  series: z.object({ id: z.null(), rrule: z.string() }).nullable(),
  bookings: z.array(
    z.object({
      id: z.null(),
      seriesId: z.null(),
      labId: z.string(),
      teamId: z.string().nullable(),
      title: z.string(),
      start: z.string(),
      end: z.string(),
      status: bookingStatus,
      equipment: z.array(Allocation),
    }),
  ),
  skipped: z.array(Skipped),
})

const Actions = z.object({
  cancel: z.array(scope).describe('The cancel scopes allowed (empty: cannot cancel).'),
  move: z.boolean(),
  approve: z.boolean(),
  reject: z.boolean(),
  attendance: z.boolean(),
  noShow: z.boolean(),
  checkIn: z.boolean(),
  reinstate: z.boolean(),
})

const Span = z.object({ start: z.string(), end: z.string() })

export const BookingOverviewView = z.object({
  booking: BookingView,
  lab: z.object({ id: z.string(), name: z.string(), type: z.string(), capacity: z.number().int(), approvalRequired: z.boolean() }),
  hub: z.object({
    id: z.string(),
    name: z.string(),
    address: z.string(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    timezone: z.string(),
  }),
  series: z
    .object({
      id: z.string(),
      rrule: z.string(),
      occurrences: z.array(
        Span.extend({
          id: z.string(),
          status: bookingStatus,
          statusReason: z.string().nullable(),
          cancelCause: z.enum(['closure']).nullable(),
        }),
      ),
    })
    .nullable(),
  equipment: z.array(z.object({ typeId: z.string(), name: z.string(), quantity: z.number().int(), assetTags: z.array(z.string()) })),
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      actorName: z.string().nullable(),
      reason: z.string().nullable(),
      from: Span.optional(),
      to: Span.optional(),
      count: z.number().int().optional(),
    }),
  ),
  actions: Actions.describe('What the viewer may do with the booking now.'),
  occurrenceActions: z.record(z.string(), Actions).nullable().describe('The actions on each occurrence of the series, by booking id.'),
  viewerIsStaff: z.boolean(),
})

/** `POST /check-in/:code`: the booking to check in; without it, the one the caller has now. */
export const CheckInByCodeBody = z.object({ bookingId: z.uuid().optional() }).strict()

export const CheckedInView = z.object({ bookingId: z.string(), checkedInAt: z.string() })

export const CheckInCodeView = z.object({
  labId: z.string(),
  labName: z.string(),
  hubName: z.string(),
  checkInRequired: z.boolean(),
  code: z.string(),
  url: z.string().describe('The address the QR code holds.'),
  svg: z.string().describe('The QR code, as an SVG document.'),
})

export const CheckInPageView = z.object({
  lab: z.object({ id: z.string(), name: z.string(), hubName: z.string(), checkInRequired: z.boolean() }),
  bookings: z.array(BookingView.extend({ canCheckInNow: z.boolean() })),
})

export const LabAvailabilityView = z.object({
  labId: z.string(),
  from: z.string(),
  to: z.string(),
  busy: z.array(Span.extend({ kind: z.enum(['closure', 'booking']) })),
  free: z.array(Span),
})

/** One lab of the availability search (`GET /availability`). */
export const AvailabilitySearchResult = z.object({
  lab: LabView,
  free: z.number().int().describe('How many occurrences are free.'),
  total: z.number().int(),
  conflicts: z.array(ConflictView).describe('What is in the way of the others (without booking ids).'),
})

export const WaitlistView = z.object({
  id: z.string(),
  labId: z.string(),
  teamId: z.string(),
  title: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  status: z.enum(['waiting', 'promoted', 'cancelled', 'expired']),
  bookingId: z.string().nullable().describe('The booking it became (promoted).'),
  createdAt: z.string(),
})
