import { query } from '@solidjs/router'
import { api, getOr } from './client.ts'
import type { Area, EquipmentAsset, EquipmentType, Hub, Lab, OpeningHours } from './types.ts'

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
export const getLabEquipment = query(
  (labId: string) => orNull(() => api.get<EquipmentAsset[]>('/equipment', { labId, limit: 1000 })),
  'lab-equipment',
)
export const getAllEquipment = query(() => orNull(() => api.get<EquipmentAsset[]>('/equipment', { limit: 1000 })), 'equipment')
