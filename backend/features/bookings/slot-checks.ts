import type { Interval } from '../../time.ts'
import { certificationConflicts, rulesForBooking } from '../certifications/certification-gate.ts'
import type { EquipmentAllocation, EquipmentRequest, planEquipment } from '../equipment/allocation.ts'
import { quotaWithoutLock } from '../grants/grant-quota.ts'
import type { Conflict } from './conflict.ts'
import type { LabCalendar, LabForBooking, TeamRules } from './queries.ts'
import { type SlotRules, slotConflicts } from './slot-rules.ts'

/** One slot of a booking with what refuses it (nothing: it is free) and the equipment it would be given. */
export interface Checked {
  slot: Interval
  conflicts: Conflict[]
  allocations: EquipmentAllocation[]
}

export type EquipmentPlan = Awaited<ReturnType<typeof planEquipment>>[number]

export interface SlotsToCheck {
  lab: LabForBooking
  /** Read before the transaction (see labCalendar). */
  calendar: LabCalendar
  teamId: string | null
  /** The team's rules, read before the transaction (see teamRules); null without a team. */
  team: TeamRules | null
  slots: Interval[]
  equipment: EquipmentRequest[]
  allowPast: boolean
  excludeBookingIds?: string[]
}

/** The checks that read nothing: the lab's rules against the live bookings given, the equipment planned, certifications. */
export function ruleChecks(args: SlotsToCheck, bookings: SlotRules['bookings'], plans: EquipmentPlan[]): Checked[] {
  const { lab, slots } = args
  const rules: SlotRules = {
    zone: lab.timezone,
    minDurationMinutes: lab.min_duration_minutes,
    maxDurationMinutes: lab.max_duration_minutes,
    ...args.calendar,
    bookings,
    now: new Date(),
    allowPast: args.allowPast,
  }
  const checked: Checked[] = slots.map((slot, i) => ({
    slot,
    conflicts: [...slotConflicts(slot, rules), ...(plans[i]?.conflicts ?? [])],
    allocations: plans[i]?.allocations ?? [],
  }))
  const certification = args.team
    ? rulesForBooking(
        args.team,
        lab.type,
        args.equipment.filter((e) => e.quantity > 0).map((e) => e.typeId),
      )
    : { needed: [], held: [] }
  certificationConflicts(slots, { zone: lab.timezone, ...certification }).forEach((conflicts, i) => {
    checked[i].conflicts.push(...conflicts)
  })
  return checked
}

/**
 * The slots of a booking that can be written in one statement, without a transaction, all free; or null. That is
 * a booking without equipment (whose allocations need the assets' locks), that no grant of the team can cover
 * (no grant lock: quotaWithoutLock), whose every slot the lab's rules, the certifications and the grants accept
 * with the live bookings unread: the exclusion constraint referees those (see writeAtOnce).
 */
export function freeWithoutLocks(args: SlotsToCheck): Checked[] | null {
  if (args.equipment.length > 0) return null
  const checked = ruleChecks(args, [], [])
  if (checked.some((c) => c.conflicts.length > 0)) return null
  const quota = quotaWithoutLock({ teamId: args.teamId, lab: args.lab, occurrences: args.slots, grantsSeen: args.team?.grants })
  return quota?.every((q) => q.length === 0) ? checked : null
}
