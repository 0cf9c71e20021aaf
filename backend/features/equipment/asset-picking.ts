import type { Interval } from '../../time.ts'
import type { Conflict } from '../bookings/conflict.ts'
import { m } from './messages.ts'

export type AssetStatus = 'active' | 'maintenance' | 'retired'

export interface CandidateAsset {
  id: string
  typeId: string
  assetTag: string
  status: AssetStatus
  /** Allocations so far: the least used goes first, to spread the wear. */
  usage: number
}

/** An asset taken at an occurrence: by another booking, or by a maintenance window. */
export interface Occupation {
  occurrence: number
  assetId: string
  kind: 'allocation' | 'maintenance'
  bookingId?: string
}

export interface TypeRequest {
  typeId: string
  quantity: number
}

export interface PickedAssets {
  typeId: string
  assetIds: string[]
}

/** Requests for the same type add up: two lines of 2 ovens are 4 ovens. */
export function mergeRequests(requests: TypeRequest[]): TypeRequest[] {
  const merged = new Map<string, number>()
  for (const r of requests) merged.set(r.typeId, (merged.get(r.typeId) ?? 0) + r.quantity)
  return [...merged].map(([typeId, quantity]) => ({ typeId, quantity }))
}

/**
 * For each occurrence, picks `quantity` distinct assets of each requested type that are active and
 * neither allocated nor under maintenance then, least used first (and by asset tag, so picks are
 * stable). Every pick counts as one more use, so a series rotates over equal assets. When too few are
 * free the occurrence gets a conflict: `maintenance` when maintenance is what keeps enough assets away,
 * `equipment_unavailable` otherwise, and no allocation at all.
 */
export function pickAssets(input: {
  requests: TypeRequest[]
  occurrences: Interval[]
  assets: CandidateAsset[]
  occupations: Occupation[]
  typeNames?: Map<string, string>
}): Array<{ allocations: PickedAssets[]; conflicts: Conflict[] }> {
  const requests = mergeRequests(input.requests)
  const usage = new Map(input.assets.map((a) => [a.id, a.usage]))
  const byOccurrence = new Map<number, Occupation[]>()
  for (const o of input.occupations) {
    const list = byOccurrence.get(o.occurrence) ?? []
    list.push(o)
    byOccurrence.set(o.occurrence, list)
  }
  const name = (typeId: string) => input.typeNames?.get(typeId) ?? 'attrezzatura'

  return input.occurrences.map((occurrence, index) => {
    const taken = byOccurrence.get(index) ?? []
    const allocated = new Set(taken.filter((t) => t.kind === 'allocation').map((t) => t.assetId))
    const inWindow = new Set(taken.filter((t) => t.kind === 'maintenance').map((t) => t.assetId))
    const allocations: PickedAssets[] = []
    const conflicts: Conflict[] = []
    for (const { typeId, quantity } of requests) {
      const ofType = input.assets.filter((a) => a.typeId === typeId && a.status !== 'retired')
      const free = ofType
        .filter((a) => a.status === 'active' && !allocated.has(a.id) && !inWindow.has(a.id))
        .sort((a, b) => usage.get(a.id)! - usage.get(b.id)! || a.assetTag.localeCompare(b.assetTag))
      if (free.length >= quantity) {
        allocations.push({ typeId, assetIds: free.slice(0, quantity).map((a) => a.id) })
        continue
      }
      const underMaintenance = ofType.filter((a) => !allocated.has(a.id) && (a.status === 'maintenance' || inWindow.has(a.id))).length
      const maintenance = underMaintenance > 0 && free.length + underMaintenance >= quantity
      const blocking = taken.find((t) => t.kind === 'allocation' && t.bookingId && ofType.some((a) => a.id === t.assetId))
      conflicts.push({
        start: occurrence.start,
        end: occurrence.end,
        reason: maintenance ? 'maintenance' : 'equipment_unavailable',
        ...(!maintenance && blocking?.bookingId && { bookingId: blocking.bookingId }),
        detail: maintenance
          ? m.inMaintenance({ type: name(typeId), maintenance: underMaintenance, free: free.length, quantity })
          : m.notEnough({ type: name(typeId), free: free.length, quantity, total: ofType.length }),
      })
    }
    if (conflicts.length > 0) return { allocations: [], conflicts }
    for (const a of allocations) for (const id of a.assetIds) usage.set(id, usage.get(id)! + 1)
    return { allocations, conflicts }
  })
}
