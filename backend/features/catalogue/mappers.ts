import type { Area, Hub, Lab } from '../../../db/schema.ts'

/** Row → API shapes of the catalogue (snake_case columns to the contract's camelCase fields). */

export function toArea(row: Pick<Area, 'id' | 'name' | 'nil_id' | 'municipio' | 'is_target'>) {
  return { id: row.id, name: row.name, nilId: row.nil_id, municipio: row.municipio, isTarget: row.is_target }
}

export type HubRow = Pick<Hub, 'id' | 'name' | 'kind' | 'address' | 'area_id' | 'timezone' | 'phone' | 'email' | 'description'> & {
  area_name: string
  area_nil_id: number | null
  area_municipio: number
  area_is_target: boolean
}

export function toHub(row: HubRow) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    address: row.address,
    areaId: row.area_id,
    timezone: row.timezone,
    phone: row.phone,
    email: row.email,
    description: row.description,
    area: { id: row.area_id, name: row.area_name, nilId: row.area_nil_id, municipio: row.area_municipio, isTarget: row.area_is_target },
  }
}
export type HubView = ReturnType<typeof toHub>

export type LabRow = Pick<
  Lab,
  | 'id'
  | 'hub_id'
  | 'name'
  | 'type'
  | 'capacity'
  | 'approval_required'
  | 'requires_grant'
  | 'min_duration_minutes'
  | 'max_duration_minutes'
  | 'description'
  | 'check_in_required'
  | 'check_in_before_minutes'
  | 'check_in_after_minutes'
> & { hub_name: string; hub_area_id: string; hub_timezone: string }

export function toLab(row: LabRow) {
  return {
    id: row.id,
    hubId: row.hub_id,
    name: row.name,
    type: row.type,
    capacity: row.capacity,
    approvalRequired: row.approval_required,
    requiresGrant: row.requires_grant,
    minDurationMinutes: row.min_duration_minutes,
    maxDurationMinutes: row.max_duration_minutes,
    description: row.description,
    checkInRequired: row.check_in_required,
    checkInBeforeMinutes: row.check_in_before_minutes,
    checkInAfterMinutes: row.check_in_after_minutes,
    hub: { id: row.hub_id, name: row.hub_name, areaId: row.hub_area_id, timezone: row.hub_timezone },
  }
}
export type LabView = ReturnType<typeof toLab>
