import { z } from 'zod'
import { paginationQuery, text } from '../../http/validation.ts'
import { ConflictView, dateOrInstant } from '../bookings/schemas.ts'

// ── Requests ──────────────────────────────────────────────────────────────────────────────────

export const ClosureBody = z.object({
  hubId: z.string().trim().min(1).max(100).nullish(),
  labId: z.string().trim().min(1).max(100).nullish(),
  start: dateOrInstant,
  end: dateOrInstant,
  reason: text(500),
  cancelAffected: z.boolean().optional().describe('Cancel the live bookings the closure falls on, and tell their teams.'),
  onlyFreeLabs: z
    .boolean()
    .optional()
    .describe(
      'With hubId: close only the labs of the hub that have no live booking in the period (one lab closure each); ' +
        'the booked labs stay open and their bookings untouched.',
    ),
})

export const ClosuresQuery = z.object({
  hubId: z.uuid().optional(),
  labId: z.uuid().optional(),
  from: dateOrInstant.optional(),
  to: dateOrInstant.optional(),
  ...paginationQuery,
})

// ── Answers (the OpenAPI document's response schemas) ────────────────────────────────────────

/** A closure as the API answers it. */
export const ClosureView = z.object({
  id: z.string(),
  hubId: z.string().nullable().describe('The hub closed; null for a lab closure or a closure of every hub.'),
  labId: z.string().nullable().describe('The lab closed; null for a hub closure or a closure of every hub.'),
  start: z.string(),
  end: z.string(),
  reason: z.string(),
})

/**
 * A live booking in the way of a closure, as an entry of the 409's `conflicts` (unless `cancelAffected`): a
 * booking conflict, with which lab, team and activity it is, for the operator's list.
 */
export const AffectedBookingConflict = ConflictView.extend({
  labId: z.string(),
  labName: z.string(),
  teamId: z.string().nullable(),
  teamName: z.string().nullable(),
  title: z.string(),
})

/** What `POST /closures` answers: the closure (with the bookings it cancelled), or with onlyFreeLabs the closures and the labs left open. */
export const ClosureCreated = z.union([
  ClosureView.extend({ cancelled: z.array(z.string()).describe('The bookings it cancelled (cancelAffected).') }),
  z
    .object({
      closures: z.array(ClosureView),
      leftOpen: z.array(z.object({ labId: z.string(), labName: z.string(), bookingIds: z.array(z.string()) })),
    })
    .describe('onlyFreeLabs: the closures written (one per free lab, or the hub’s when nothing was booked) and the labs left open.'),
])
