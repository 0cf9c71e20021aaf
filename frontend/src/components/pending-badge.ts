/**
 * How many booking requests wait for the operator's approval: the number beside "Gestione" in the navigation.
 * One small request (`GET /bookings?status=pending&limit=1`, its X-Total-Count), asked again on every page
 * change, so an approval made on the operator's page shows at once.
 */
import { type Accessor, createResource } from 'solid-js'
import { apiHeaders, apiUrl } from '../api/client.ts'

export function createPendingCount(source: Accessor<string | false>): Accessor<number> {
  const [count] = createResource(source, async () => {
    try {
      const res = await fetch(apiUrl('/bookings', { status: 'pending', limit: 1 }), { credentials: 'same-origin', headers: apiHeaders() })
      // Read the (one-item) body: a response left unread stays open, and the page never settles.
      await res.arrayBuffer()
      if (!res.ok) return 0
      const n = Number(res.headers.get('X-Total-Count'))
      return Number.isFinite(n) ? n : 0
    } catch {
      return 0
    }
  })
  return () => count.latest ?? 0
}
