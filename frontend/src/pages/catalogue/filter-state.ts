import { createAsync, useSearchParams } from '@solidjs/router'
import { createEffect, createMemo, createSignal } from 'solid-js'
import { getAreas, getEquipmentTypes, getHubs, getLabs, labsWithEquipmentType } from '../../api/catalogue.ts'
import type { Lab } from '../../api/types.ts'

export type Filters = { area?: string; type?: string; hub?: string; cap?: string; eq?: string }
export const FILTER_KEYS: (keyof Filters)[] = ['area', 'type', 'hub', 'cap', 'eq']

/** The catalogue's reads, its filters (kept in the URL) and what they leave: hubs with their labs, by name. */
export function createCatalogue() {
  const [params, setParams] = useSearchParams<Filters>()
  const areas = createAsync(() => getAreas())
  const hubs = createAsync(() => getHubs())
  const labs = createAsync(() => getLabs())
  const equipmentTypes = createAsync(() => getEquipmentTypes())

  const areaById = createMemo(() => new Map((areas() ?? []).map((a) => [a.id, a])))
  const hubById = createMemo(() => new Map((hubs() ?? []).map((h) => [h.id, h])))
  /** Labs passing the other filters, before the equipment one (which needs a read per lab). */
  const prefiltered = createMemo(() => {
    const minCap = Number(params.cap || 0)
    return (labs() ?? []).filter((lab) => {
      const hub = hubById().get(lab.hubId)
      if (params.type && lab.type !== params.type) return false
      if (params.hub && lab.hubId !== params.hub) return false
      if (params.area && hub?.areaId !== params.area) return false
      if (minCap && lab.capacity < minCap) return false
      return true
    })
  })
  // Plain signal rather than an async read: the form must not be replaced by a Suspense fallback while filtering.
  const [withEquipment, setWithEquipment] = createSignal<Set<string> | null>(null)
  const [checkingEquipment, setCheckingEquipment] = createSignal(false)
  let equipmentRun = 0
  createEffect(() => {
    const typeId = params.eq
    const ids = prefiltered().map((l) => l.id)
    const run = ++equipmentRun
    if (!typeId) {
      setWithEquipment(null)
      return
    }
    setCheckingEquipment(true)
    void labsWithEquipmentType(ids, typeId)
      .then((found) => {
        if (run === equipmentRun) setWithEquipment(found)
      })
      .finally(() => {
        if (run === equipmentRun) setCheckingEquipment(false)
      })
  })

  const filtered = createMemo(() => {
    const having = withEquipment()
    return params.eq ? prefiltered().filter((lab) => having?.has(lab.id) ?? false) : prefiltered()
  })
  const activeFilters = () => FILTER_KEYS.filter((k) => Boolean(params[k])).length

  /** Hubs with their filtered labs, in name order; a hub with no matching lab is left out while filtering. */
  const groups = createMemo(() => {
    const byHub = new Map<string, Lab[]>()
    for (const lab of filtered()) {
      if (!byHub.has(lab.hubId)) byHub.set(lab.hubId, [])
      byHub.get(lab.hubId)?.push(lab)
    }
    const anyFilter = activeFilters() > 0
    return (hubs() ?? [])
      .filter((h) => byHub.has(h.id) || !anyFilter)
      .map((hub) => ({ hub, labs: (byHub.get(hub.id) ?? []).sort((a, b) => a.name.localeCompare(b.name)) }))
      .sort((a, b) => a.hub.name.localeCompare(b.hub.name))
  })

  const usedAreas = createMemo(() => {
    const ids = new Set((hubs() ?? []).map((h) => h.areaId))
    return (areas() ?? []).filter((a) => ids.has(a.id)).sort((a, b) => a.name.localeCompare(b.name))
  })

  return {
    params,
    setParams,
    hubs,
    equipmentTypes,
    usedAreas,
    areaById,
    filtered,
    groups,
    checkingEquipment,
    activeFilters,
    reset: () => setParams(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined]))),
  }
}

export type CatalogueState = ReturnType<typeof createCatalogue>
