/** Which hubs a person manages (pure: unit-tested without a browser). */
import type { ConcessionView } from '../../api/staff.ts'
import type { Hub, Me } from '../../api/types.ts'

/** The hubs a person may manage: every hub for the Comune; for operator staff, those of its concessions in force. */
export function managedHubIds(
  me: Pick<Me, 'role' | 'operatorId'>,
  hubs: Pick<Hub, 'id'>[],
  concessions: ConcessionView[],
  today: string,
): string[] {
  if (me.role === 'admin') return hubs.map((h) => h.id)
  if (me.role !== 'operator' || !me.operatorId) return []
  const inForce = concessions.filter(
    (c) => c.operatorId === me.operatorId && (c.inForce ?? (c.status === 'active' && c.start <= today && today <= c.end)),
  )
  const ids = new Set(inForce.map((c) => c.hubId))
  return hubs.filter((h) => ids.has(h.id)).map((h) => h.id)
}
