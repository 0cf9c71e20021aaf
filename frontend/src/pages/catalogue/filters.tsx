import { For, Show } from 'solid-js'
import { LAB_TYPES } from '../../api/types.ts'
import { FilterPanel } from '../../components/FilterPanel.tsx'
import { t } from '../../i18n/index.ts'
import type { CatalogueState, Filters } from './filter-state.ts'

/** The catalogue's filters: neighbourhood, lab type, hub, minimum seats, equipment; behind «Filtri» on a phone. */
export function CatalogueFilters(props: { state: CatalogueState }) {
  const s = props.state
  const set = (key: keyof Filters) => (e: Event) => s.setParams({ [key]: (e.currentTarget as HTMLSelectElement).value || undefined })
  return (
    <FilterPanel id="catalogue-filters" active={s.activeFilters()}>
      <form class="sc-filters sc-form" aria-labelledby="filters-title" onSubmit={(e) => e.preventDefault()}>
        <h2 id="filters-title" class="h5">
          {t('catalogue.filters')}
        </h2>
        <div class="row g-3">
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-area">{t('catalogue.area')}</label>
            <select id="f-area" class="form-select" value={s.params.area ?? ''} onChange={set('area')}>
              <option value="">{t('common.all')}</option>
              <For each={s.usedAreas()}>{(a) => <option value={a.id}>{a.name}</option>}</For>
            </select>
          </div>
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-type">{t('catalogue.type')}</label>
            <select id="f-type" class="form-select" value={s.params.type ?? ''} onChange={set('type')}>
              <option value="">{t('common.all')}</option>
              <For each={LAB_TYPES}>{(type) => <option value={type}>{t(`labType.${type}`)}</option>}</For>
            </select>
          </div>
          <div class="col-12 col-md-6 col-lg sc-field">
            <label for="f-hub">{t('catalogue.hub')}</label>
            <select id="f-hub" class="form-select" value={s.params.hub ?? ''} onChange={set('hub')}>
              <option value="">{t('common.all')}</option>
              <For each={s.hubs() ?? []}>{(h) => <option value={h.id}>{h.name}</option>}</For>
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
              value={s.params.cap ?? ''}
              onChange={(e) => s.setParams({ cap: e.currentTarget.value || undefined })}
            />
          </div>
          <Show when={(s.equipmentTypes() ?? []).length > 0}>
            <div class="col-12 col-md-6 col-lg sc-field">
              <label for="f-eq">{t('catalogue.equipment')}</label>
              <select id="f-eq" class="form-select" value={s.params.eq ?? ''} onChange={set('eq')}>
                <option value="">{t('common.any')}</option>
                <For each={s.equipmentTypes() ?? []}>{(et) => <option value={et.id}>{et.name}</option>}</For>
              </select>
            </div>
          </Show>
        </div>
        <button type="button" class="btn btn-outline-primary btn-sm mt-2" onClick={() => s.reset()}>
          {t('common.reset')}
        </button>
      </form>
    </FilterPanel>
  )
}
