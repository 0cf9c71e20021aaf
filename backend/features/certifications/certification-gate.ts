import { DateTime } from 'luxon'
import type { LabType } from '../../../db/schema.ts'
import { type Interval, localDate } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'
import { certificationMessages } from './messages.ts'

/**
 * The certification gate, pure: which kinds a booking needs, and whether the team holds one valid on each
 * occurrence's local date. Loaded once for a whole series (certification-queries.ts), applied per occurrence.
 */

export interface KindRule {
  id: string
  name: string
  equipmentTypeIds: string[]
  labTypes: LabType[]
}

/** A certificate as the gate sees it: dates are the hub's local dates, `expiresOn` inclusive (null = never). */
export interface HeldCertificate {
  kindId: string
  obtainedOn: string
  expiresOn: string | null
}

/** The kinds a booking of a lab of this type, with this equipment, needs. */
export function kindsNeeded(kinds: KindRule[], labType: LabType, equipmentTypeIds: string[]): KindRule[] {
  const wanted = new Set(equipmentTypeIds)
  return kinds.filter((k) => k.labTypes.includes(labType) || k.equipmentTypeIds.some((t) => wanted.has(t)))
}

/**
 * What the gate needs for a team's booking of a lab, from every kind and the team's certificates (read before
 * the booking's transaction): the kinds the lab type and the equipment call for and the certificates of them.
 */
export function rulesForBooking(
  all: { kinds: KindRule[]; held: HeldCertificate[] },
  labType: LabType,
  equipmentTypeIds: string[],
): { needed: KindRule[]; held: HeldCertificate[] } {
  const needed = kindsNeeded(all.kinds, labType, equipmentTypeIds)
  const ids = new Set(needed.map((k) => k.id))
  return { needed, held: needed.length === 0 ? [] : all.held.filter((c) => ids.has(c.kindId)) }
}

/**
 * Why a team may not use a kind on a date, or null when one of its certificates is valid then:
 * `training_expired` when every certificate it held lapsed before the date, `training_required` when it held
 * none by then (one obtained later does not count yet).
 */
export function certificateShortfall(
  kindId: string,
  held: HeldCertificate[],
  day: string,
): 'training_expired' | 'training_required' | null {
  const ofKind = held.filter((c) => c.kindId === kindId && c.obtainedOn <= day)
  if (ofKind.some((c) => c.expiresOn === null || c.expiresOn >= day)) return null
  return ofKind.length > 0 ? 'training_expired' : 'training_required'
}

/** Per occurrence, one conflict for each needed kind the team does not hold valid on the occurrence's local date. */
export function certificationConflicts(
  occurrences: Interval[],
  rules: { zone: string; needed: KindRule[]; held: HeldCertificate[] },
): Conflict[][] {
  if (rules.needed.length === 0) return occurrences.map(() => [])
  return occurrences.map((o) => {
    const day = localDate(o.start, rules.zone)
    const out: Conflict[] = []
    for (const kind of rules.needed) {
      const reason = certificateShortfall(kind.id, rules.held, day)
      if (reason) out.push({ start: o.start, end: o.end, reason, detail: certificationMessages[reason]({ kind: kind.name }) })
    }
    return out
  })
}

/** A certificate's default expiry: its obtained date plus the kind's validity, or none when the kind has none. */
export function defaultExpiry(obtainedOn: string, validityMonths: number | null): string | null {
  if (!validityMonths) return null
  return DateTime.fromISO(obtainedOn, { zone: 'UTC' }).plus({ months: validityMonths }).minus({ days: 1 }).toISODate()
}
