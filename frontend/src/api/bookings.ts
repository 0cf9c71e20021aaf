import { action, query } from '@solidjs/router'

export type { BookingOverview } from '../../../backend/features/bookings/booking-page.ts'

import type { z } from 'zod'
import type { BookingOverview } from '../../../backend/features/bookings/booking-page.ts'
import type { CancelledView, RestoredView } from '../../../backend/features/bookings/schemas.ts'
import type {
  AcceptBody,
  Accepted,
  InvitationLookup,
  InvitationToken,
  InvitationView,
  InvitedView,
  MemberBody,
} from '../../../backend/features/teams/schemas.ts'
import { api, getOr } from './client.ts'
import type { Availability, AvailabilityResult, Booking, BookingRequest, BookingResult, Grant } from './types.ts'

/** Reads and writes of bookings, availability, grants and team calendars. */

export const getLabAvailability = query(
  (labId: string, from: string, to: string) => api.get<Availability>(`/labs/${encodeURIComponent(labId)}/availability`, { from, to }),
  'lab-availability',
)

export const getBookings = query(
  (filters: { teamId?: string; labId?: string; hubId?: string; from?: string; to?: string; status?: string }) =>
    api.get<Booking[]>('/bookings', { ...filters, limit: 1000 }),
  'bookings',
)

export const getTeamGrants = query((teamId: string) => getOr<Grant[]>(`/teams/${encodeURIComponent(teamId)}/grants`, []), 'team-grants')

export const searchAvailability = (params: Record<string, string | number | undefined>) =>
  api.get<AvailabilityResult[]>('/availability', params)

export const previewBooking = (body: BookingRequest) => api.post<BookingResult>('/bookings', body, { dryRun: 'true' })

export const createBooking = (body: BookingRequest, idempotencyKey: string) =>
  api.post<BookingResult>('/bookings', body, undefined, { 'Idempotency-Key': idempotencyKey })

export const cancelBooking = (id: string, scope: 'occurrence' | 'following' | 'series', reason?: string) =>
  api.post<z.infer<typeof CancelledView>>(`/bookings/${encodeURIComponent(id)}/cancel`, { scope, ...(reason ? { reason } : {}) })

/** Takes back one's own cancellation within its window (`restorableUntil`). */
const restoreBooking = (id: string) => api.post<z.infer<typeof RestoredView>>(`/bookings/${encodeURIComponent(id)}/restore`)

export const moveBooking = (id: string, change: { start?: string; end?: string; title?: string }) =>
  api.patch<Booking>(`/bookings/${encodeURIComponent(id)}`, change)

export const getTeamCalendarUrl = (teamId: string) => api.get<{ url: string }>(`/teams/${encodeURIComponent(teamId)}/calendar-url`)

/** Writes through router actions: on success every cached read is revalidated (lists, grants, availability). */
export const cancelBookingAction = action(
  (id: string, scope: 'occurrence' | 'following' | 'series', reason?: string) => cancelBooking(id, scope, reason),
  'cancel-booking',
)
export const restoreBookingAction = action((id: string) => restoreBooking(id), 'restore-booking')
export const moveBookingAction = action(
  (id: string, change: { start?: string; end?: string; title?: string }) => moveBooking(id, change),
  'move-booking',
)

/** Everything the booking's page shows (GET /bookings/:id/overview): the type is the server's own. */
export const getBookingOverview = query(
  (id: string) => api.get<BookingOverview>(`/bookings/${encodeURIComponent(id)}/overview`),
  'booking-overview',
)

/** Team invitations: a member invites by email; the invitee accepts from the emailed link. */
/** A team's pending invitation, and the answers of inviting, looking up and accepting one: the server's schemas. */
export type Invitation = z.output<typeof InvitationView>
export const getTeamInvitations = (teamId: string) => api.get<Invitation[]>(`/teams/${encodeURIComponent(teamId)}/invitations`)
export const inviteToTeam = (teamId: string, email: string) =>
  api.post<z.output<typeof InvitedView>>(`/teams/${encodeURIComponent(teamId)}/members`, { email } satisfies z.input<typeof MemberBody>)
export const revokeInvitation = (teamId: string, id: string) =>
  api.delete(`/teams/${encodeURIComponent(teamId)}/invitations/${encodeURIComponent(id)}`)
export const lookupInvitation = (token: string) =>
  api.post<z.output<typeof InvitationLookup>>('/invitations/lookup', { token } satisfies z.input<typeof InvitationToken>)
export const acceptInvitation = (token: string, name?: string) =>
  api.post<z.output<typeof Accepted>>('/invitations/accept', { token, ...(name ? { name } : {}) } satisfies z.input<typeof AcceptBody>)
