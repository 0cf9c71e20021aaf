import type { ApplicationStep } from '../../emails/call-templates.ts'

/**
 * Domain events that reach people by email. Features call `notify(trx, event)` in the transaction of
 * the change; the outbox turns each event into messages (one per recipient, one per series).
 */
export type NotificationEvent =
  | { type: 'booking.created'; bookingIds: string[]; actorUserId: string | null }
  | { type: 'booking.approved'; bookingIds: string[]; actorUserId: string | null }
  | { type: 'booking.rejected'; bookingIds: string[]; reason: string | null; actorUserId: string | null }
  | { type: 'booking.moved'; bookingId: string; previous: { start: Date; end: Date }; actorUserId: string | null }
  /** What a calendar shows changed (the title) but not the time: a REQUEST with a higher SEQUENCE. */
  | { type: 'booking.updated'; bookingId: string; actorUserId: string | null }
  | {
      type: 'booking.cancelled'
      bookingIds: string[]
      reason: string | null
      scope: 'occurrence' | 'following' | 'series'
      cause: 'user' | 'closure'
      actorUserId: string | null
    }
  /** Requests of one lab's waitlist booked at once (their bookings' creator is the one who asked: a recipient). */
  | { type: 'waitlist.promoted'; bookingIds: string[] }
  /** Not checked in when the window closed: released as a no-show by the worker. */
  | { type: 'booking.released'; bookingIds: string[] }
  | { type: 'booking.reinstated'; bookingId: string; actorUserId: string | null }
  /** A cancellation undone by its author within seconds (POST /bookings/:id/restore). */
  | { type: 'booking.restored'; bookingIds: string[]; actorUserId: string | null }
  | { type: 'auth.magic_link'; userId: string; url: string }
  /** An invitation to join a team, to an email that may or may not have an account. */
  | { type: 'team.invitation'; invitationId: string; url: string; days: number }
  /** A person whose account must sign in with SPID/CIE (AUTH_PASSWORD) asked for a sign-in link. */
  | { type: 'auth.use_oidc'; userId: string; url: string }
  /** A step of an application to a call (the receipt on submit, admissibility, ranking, award…). */
  | { type: 'call.application'; applicationId: string; step: ApplicationStep; rank?: number | null }
