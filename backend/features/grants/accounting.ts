import type { BookingStatus, LabType } from '../../../db/schema.ts'
import { HOLDING_STATUSES } from '../bookings/statuses.ts'

/**
 * Grant accounting, pure. Hours are counted in whole seconds so that sums never drift.
 *
 * Rules (CONTRACT §3, "grants"):
 * - a grant covers a booking of its team whose start date (local, hub's zone) is in [from, to] and whose
 *   lab matches the grant's hubId and labType where set;
 * - bookings `pending`, `confirmed`, `completed`, `no_show` consume hours ("booked"); `completed` ones are
 *   also "used" (a no-show consumed the slot, but nothing was used);
 * - first booked, first served: bookings are attributed in the order they were made, so a later booking
 *   never takes hours away from an earlier one;
 * - when several grants cover a booking it draws on the most specific first (hub and lab type set, then one
 *   of the two, then neither), then the one ending first (its hours lapse sooner), then the oldest; a
 *   booking larger than what is left in one grant takes the rest from the next.
 */

export const USED_STATUSES: readonly BookingStatus[] = ['completed']

export interface GrantTerms {
  id: string
  /** Whole seconds granted (hours × 3600). */
  grantedSeconds: number
  /** Inclusive dates, YYYY-MM-DD. */
  from: string
  to: string
  hubId: string | null
  labType: LabType | null
  /** Tie-breaker: the order the grants were awarded in. */
  createdAt: Date
}

export interface ConsumingBooking {
  id: string
  seconds: number
  /** Local date (hub's zone) of the start, YYYY-MM-DD. */
  startDate: string
  hubId: string
  labType: LabType
  status: BookingStatus
}

export interface GrantUsage {
  grantId: string
  grantedSeconds: number
  bookedSeconds: number
  usedSeconds: number
  remainingSeconds: number
}

export function hoursToSeconds(hours: number): number {
  return Math.round(hours * 3600)
}

/** Hours with two decimals, as the API gives them. */
export function secondsToHours(seconds: number): number {
  return Math.round((seconds / 3600) * 100) / 100
}

/** What a grant covers: its period and scope (a grant read only to learn whether it could apply). */
export type GrantScope = Pick<GrantTerms, 'from' | 'to' | 'hubId' | 'labType'>

export function covers(grant: GrantScope, booking: Pick<ConsumingBooking, 'startDate' | 'hubId' | 'labType'>): boolean {
  return (
    grant.from <= booking.startDate &&
    booking.startDate <= grant.to &&
    (grant.hubId === null || grant.hubId === booking.hubId) &&
    (grant.labType === null || grant.labType === booking.labType)
  )
}

function specificity(g: GrantTerms): number {
  return (g.hubId === null ? 0 : 1) + (g.labType === null ? 0 : 1)
}

/** The order a booking draws on the grants that cover it. */
export function grantPreference(a: GrantTerms, b: GrantTerms): number {
  return (
    specificity(b) - specificity(a) || a.to.localeCompare(b.to) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id)
  )
}

/** A running account of a team's grants: what each has left, as bookings draw on them in order. */
export class GrantLedger {
  readonly #grants: GrantTerms[]
  readonly #usage = new Map<string, GrantUsage>()

  constructor(grants: GrantTerms[]) {
    this.#grants = [...grants].sort(grantPreference)
    for (const g of this.#grants) {
      this.#usage.set(g.id, {
        grantId: g.id,
        grantedSeconds: g.grantedSeconds,
        bookedSeconds: 0,
        usedSeconds: 0,
        remainingSeconds: g.grantedSeconds,
      })
    }
  }

  /** Grants covering the booking, in the order it draws on them. */
  covering(booking: Pick<ConsumingBooking, 'startDate' | 'hubId' | 'labType'>): GrantTerms[] {
    return this.#grants.filter((g) => covers(g, booking))
  }

  /** Seconds left in the grants covering the booking. */
  remainingFor(booking: Pick<ConsumingBooking, 'startDate' | 'hubId' | 'labType'>): number {
    return this.covering(booking).reduce((sum, g) => sum + remainingGrantSeconds(this.#usage.get(g.id)!), 0)
  }

  /**
   * Draws the booking's seconds from its covering grants. Returns the seconds no grant could give
   * (0 when it fits); what could be given is drawn anyway, as an existing booking did consume it.
   */
  consume(booking: Omit<ConsumingBooking, 'id'>): number {
    let need = booking.seconds
    for (const g of this.covering(booking)) {
      if (need === 0) break
      const usage = this.#usage.get(g.id)!
      const take = Math.min(need, usage.remainingSeconds)
      if (take <= 0) continue
      usage.bookedSeconds += take
      usage.remainingSeconds -= take
      if (USED_STATUSES.includes(booking.status)) usage.usedSeconds += take
      need -= take
    }
    return need
  }

  /** Consumes the booking only if it fits whole; true when it did. */
  tryConsume(booking: Omit<ConsumingBooking, 'id'>): boolean {
    if (this.remainingFor(booking) < booking.seconds) return false
    this.consume(booking)
    return true
  }

  usage(): GrantUsage[] {
    return [...this.#usage.values()].map((u) => ({ ...u }))
  }

  usageOf(grantId: string): GrantUsage | undefined {
    const u = this.#usage.get(grantId)
    return u && { ...u }
  }
}

export function remainingGrantSeconds(usage: Pick<GrantUsage, 'grantedSeconds' | 'bookedSeconds'>): number {
  return Math.max(0, usage.grantedSeconds - usage.bookedSeconds)
}

/** Hours left in a grant once its bookings are counted. */
export function remainingGrantHours(usage: Pick<GrantUsage, 'grantedSeconds' | 'bookedSeconds'>): number {
  return secondsToHours(remainingGrantSeconds(usage))
}

/**
 * Attributes a team's consuming bookings (in the order they were made) to its grants.
 * Bookings in other statuses are ignored; `uncoveredSeconds` tells, per booking, what no grant gave.
 */
export function attributeBookings(
  grants: GrantTerms[],
  bookings: ConsumingBooking[],
): { usage: GrantUsage[]; uncoveredSeconds: Map<string, number>; ledger: GrantLedger } {
  const ledger = new GrantLedger(grants)
  const uncoveredSeconds = new Map<string, number>()
  for (const b of bookings) {
    if (!HOLDING_STATUSES.includes(b.status)) continue
    const missing = ledger.consume(b)
    if (missing > 0) uncoveredSeconds.set(b.id, missing)
  }
  return { usage: ledger.usage(), uncoveredSeconds, ledger }
}
