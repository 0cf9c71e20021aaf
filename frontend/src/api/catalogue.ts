import { query } from '@solidjs/router'
import { api, getOr } from './client.ts'
import type { Area, EquipmentType, Hub, Lab, OpeningHours } from './types.ts'

/** Reads of the public catalogue, cached per arguments by the router (revalidated after actions). */

export const getAreas = query(() => api.get<Area[]>('/areas', { limit: 1000 }), 'areas')
export const getHubs = query(() => api.get<Hub[]>('/hubs', { limit: 1000 }), 'hubs')
export const getLabs = query(() => api.get<Lab[]>('/labs', { limit: 1000 }), 'labs')
export const getHub = query((id: string) => api.get<Hub>(`/hubs/${encodeURIComponent(id)}`), 'hub')
export const getLab = query((id: string) => api.get<Lab>(`/labs/${encodeURIComponent(id)}`), 'lab')
export const getOpeningHours = query(
  (hubId: string) => getOr<OpeningHours[]>(`/hubs/${encodeURIComponent(hubId)}/opening-hours`, []),
  'opening-hours',
)

/** Equipment may be readable only by staff: anything but success means "not known" (null). */
async function orNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch {
    return null
  }
}

export const getEquipmentTypes = query(() => orNull(() => api.get<EquipmentType[]>('/equipment-types', { limit: 1000 })), 'equipment-types')
/** Public: the equipment types a lab has, with how many assets of each (retired ones left out). */
export const getLabEquipmentTypes = query(
  (labId: string) => orNull(() => api.get<(EquipmentType & { quantity: number })[]>('/equipment-types', { labId })),
  'lab-equipment-types',
)

/** Which of these labs have the equipment type: one public read per lab, a few at a time. */
export async function labsWithEquipmentType(labIds: string[], typeId: string): Promise<Set<string>> {
  const found = new Set<string>()
  const queue = [...labIds]
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const types = await getLabEquipmentTypes(id)
      if (types?.some((tp) => tp.id === typeId && tp.quantity > 0)) found.add(id)
    }
  }
  await Promise.all(Array.from({ length: 6 }, worker))
  return found
}
