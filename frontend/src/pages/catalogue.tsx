import { A, createAsync, useSearchParams } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, Show } from 'solid-js'
import { getAreas, getEquipmentTypes, getHubs, getLabs, labsWithEquipmentType } from '../api/catalogue.ts'
import { type Hub, LAB_TYPES, type Lab, type LabType } from '../api/types.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary, Empty } from '../components/States.tsx'
import { t, tn } from '../i18n/index.ts'

type Filters = { area?: string; type?: string; hub?: string; cap?: string; eq?: string }

export default function CataloguePage() {
  return (
    <>
      <PageTitle lead={t('catalogue.intro')}>{t('catalogue.title')}</PageTitle>
      <AsyncBoundary>
        <Catalogue />
      </AsyncBoundary>
    </>
  )
}

function Catalogue() {
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

  /** Hubs with their filtered labs, in name order; a hub with no matching lab is left out while filtering. */
  const groups = createMemo(() => {
    const byHub = new Map<string, Lab[]>()
    for (const lab of filtered()) {
      if (!byHub.has(lab.hubId)) byHub.set(lab.hubId, [])
      byHub.get(lab.hubId)?.push(lab)
    }
    const anyFilter = Boolean(params.area || params.type || params.hub || params.cap || params.eq)
    return (hubs() ?? [])
      .filter((h) => byHub.has(h.id) || (!anyFilter && !params.area))
      .map((hub) => ({ hub, labs: (byHub.get(hub.id) ?? []).sort((a, b) => a.name.localeCompare(b.name)) }))
      .sort((a, b) => a.hub.name.localeCompare(b.hub.name))
  })

  const usedAreas = createMemo(() => {
    const ids = new Set((hubs() ?? []).map((h) => h.areaId))
    return (areas() ?? []).filter((a) => ids.has(a.id)).sort((a, b) => a.name.localeCompare(b.name))
  })

  const set = (key: keyof Filters) => (e: Event) => setParams({ [key]: (e.currentTarget as HTMLSelectElement).value || undefined })

  return (
    <>
      <form class="sc-filters sc-form" aria-labelledby="filters-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filters-title" class="h5">
          {t('catalogue.filters')}
        </h2>
        <div class="row g-3">
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-area">{t('catalogue.area')}</label>
            <select id="f-area" class="form-select" value={params.area ?? ''} onChange={set('area')}>
              <option value="">{t('common.all')}</option>
              <For each={usedAreas()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
            </select>
          </div>
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-type">{t('catalogue.type')}</label>
            <select id="f-type" class="form-select" value={params.type ?? ''} onChange={set('type')}>
              <option value="">{t('common.all')}</option>
              <For each={LAB_TYPES}>{(type) => <option value={type}>{t(`labType.${type}`)}</option>}</For>
            </select>
          </div>
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-hub">{t('catalogue.hub')}</label>
            <select id="f-hub" class="form-select" value={params.hub ?? ''} onChange={set('hub')}>
              <option value="">{t('common.all')}</option>
              <For each={hubs() ?? []}>{(h) => <option value={h.id}>{h.name}</option>}</For>
            </select>
          </div>
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-cap">{t('catalogue.minCapacity')}</label>
            <input
              id="f-cap"
              class="form-control"
              type="number"
              inputmode="numeric"
              min="1"
              value={params.cap ?? ''}
              onChange={(e) => setParams({ cap: e.currentTarget.value || undefined })}
            />
          </div>
          <Show when={(equipmentTypes() ?? []).length > 0}>
            <div class="col-12 col-md-6 col-lg sc-field">
              <label for="f-eq">{t('catalogue.equipment')}</label>
              <select id="f-eq" class="form-select" value={params.eq ?? ''} onChange={set('eq')}>
                <option value="">{t('common.any')}</option>
                <For each={equipmentTypes() ?? []}>{(et) => <option value={et.id}>{et.name}</option>}</For>
              </select>
            </div>
          </Show>
        </div>
        <button
          type="button"
          class="btn btn-outline-primary btn-sm mt-2"
          onClick={() => setParams({ area: undefined, type: undefined, hub: undefined, cap: undefined, eq: undefined })}
        >
          {t('common.reset')}
        </button>
      </form>

      <p role="status" aria-live="polite" class="fw-semibold">
        {checkingEquipment()
          ? t('app.loading')
          : filtered().length === 1
            ? t('catalogue.oneResult')
            : tn('catalogue.results', filtered().length)}
      </p>

      <Show when={(hubs() ?? []).length > 0} fallback={<Empty>{t('catalogue.noHubs')}</Empty>}>
        <Show when={groups().length > 0} fallback={<Empty>{t('catalogue.noResults')}</Empty>}>
          <For each={groups()}>
            {(group) => (
              <HubSection hub={group.hub} labs={group.labs} areaName={areaById().get(group.hub.areaId)?.name ?? group.hub.area?.name} />
            )}
          </For>
        </Show>
      </Show>
    </>
  )
}

function HubSection(props: { hub: Hub; labs: Lab[]; areaName?: string }) {
  const headingId = `hub-${props.hub.id}`
  return (
    <section class="mb-5" aria-labelledby={headingId}>
      <h2 id={headingId} class="h3 mb-1">
        {props.hub.name}
      </h2>
      <p class="mb-2">
        {t(`hubKind.${props.hub.kind}`)} · {props.hub.address}
        <Show when={props.areaName}> · {props.areaName}</Show>
        <Show when={props.hub.area?.isTarget}>
          {' '}
          <span class="sc-badge">{t('catalogue.targetArea')}</span>
        </Show>
      </p>
      <ul class="row g-3 list-unstyled">
        <For each={props.labs}>
          {(lab) => (
            <li class="col-12 col-md-6 col-lg-4">
              <LabCard lab={lab} />
            </li>
          )}
        </For>
      </ul>
    </section>
  )
}

function LabCard(props: { lab: Lab }) {
  return (
    <article class="sc-card">
      <h3>
        <A href={`/labs/${props.lab.id}`}>{props.lab.name}</A>
      </h3>
      <p class="mb-2">
        {t(`labType.${props.lab.type as LabType}`)} · {tn('catalogue.capacity', props.lab.capacity)}
      </p>
      <div class="sc-badges">
        <Show when={props.lab.approvalRequired}>
          <span class="sc-badge warn">{t('catalogue.approval')}</span>
        </Show>
        <Show when={props.lab.requiresGrant}>
          <span class="sc-badge">{t('catalogue.grant')}</span>
        </Show>
      </div>
    </article>
  )
}
