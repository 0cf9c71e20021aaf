import { createAsync } from '@solidjs/router'
import { createMemo, For, Show } from 'solid-js'
import { getAreas, getHubs } from '../../api/catalogue.ts'
import { LAB_TYPES } from '../../api/types.ts'
import { DateField, TimeField } from '../../components/DateTimeInput.tsx'
import { InputField } from '../../components/InputField.tsx'
import { t } from '../../i18n/index.ts'
import { today, weekdayName } from '../../lib/format.ts'
import type { SearchState } from './search-state.ts'

/** What and when: type, area, times, weekdays, period, seats. */
export function SearchForm(props: { state: SearchState; onSubmit: () => void }) {
  const f = props.state.fields
  const areas = createAsync(() => getAreas())
  const hubs = createAsync(() => getHubs())
  const usedAreas = createMemo(() => {
    const ids = new Set((hubs() ?? []).map((h) => h.areaId))
    return (areas() ?? []).filter((a) => ids.has(a.id)).sort((a, b) => a.name.localeCompare(b.name))
  })
  return (
    <form
      class="sc-filters sc-form"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit()
      }}
      novalidate
    >
      <div class="row g-3">
        <div class="col-12 col-md-6 col-lg-3 sc-field">
          <label for="find-type">{t('find.type')}</label>
          <select id="find-type" class="form-select" value={f.type()} onChange={(e) => f.setType(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            <For each={LAB_TYPES}>
              {(lt) => (
                <option value={lt} selected={lt === f.type()}>
                  {t(`labType.${lt}`)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="col-12 col-md-6 col-lg-3 sc-field">
          <label for="find-area">{t('find.area')}</label>
          <select id="find-area" class="form-select" value={f.area()} onChange={(e) => f.setArea(e.currentTarget.value)}>
            <option value="">{t('common.all')}</option>
            <For each={usedAreas()}>
              {(a) => (
                <option value={a.id} selected={a.id === f.area()}>
                  {a.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <TimeField id="find-start" class="col-6 col-lg-3" label={t('find.startTime')} value={f.start()} onValue={(v) => f.setStart(v)} />
        <TimeField id="find-end" class="col-6 col-lg-3" label={t('find.endTime')} value={f.end()} onValue={(v) => f.setEnd(v)} />
        <div class="col-12">
          <fieldset class="sc-field mb-0">
            <legend>{t('find.days')}</legend>
            <div class="sc-checks">
              <For each={[1, 2, 3, 4, 5, 6, 7]}>
                {(d) => (
                  <label>
                    <input
                      type="checkbox"
                      name="find-days"
                      checked={f.days().includes(d)}
                      onChange={(e) => f.setDays(e.currentTarget.checked ? [...f.days(), d] : f.days().filter((x) => x !== d))}
                    />
                    {weekdayName(d)}
                  </label>
                )}
              </For>
            </div>
          </fieldset>
        </div>
        <DateField
          id="find-from"
          class="col-12 col-md-4"
          label={t('find.from')}
          min={today()}
          value={f.from()}
          onValue={(v) => f.setFrom(v)}
        />
        <DateField
          id="find-until"
          class="col-12 col-md-4"
          label={t('find.until')}
          min={f.from()}
          value={f.until()}
          onValue={(v) => f.setUntil(v)}
        />
        <InputField
          id="find-cap"
          class="col-12 col-md-4"
          label={t('find.minCapacity')}
          type="number"
          inputmode="numeric"
          min="1"
          value={f.cap()}
          onValue={(v) => f.setCap(v)}
        />
      </div>
      <div aria-live="assertive">
        <Show when={props.state.formError()}>
          <p class="alert alert-warning">{props.state.formError()}</p>
        </Show>
      </div>
      <button type="submit" class="btn btn-primary" disabled={props.state.searching()} aria-busy={props.state.searching()}>
        {props.state.searching() ? t('find.searching') : t('find.submit')}
      </button>
    </form>
  )
}
