/** The equipment a booking takes from its lab's hub, by quantity. */
import { createAsync } from '@solidjs/router'
import { createMemo, For, Show } from 'solid-js'
import { getLabEquipmentTypes } from '../../api/catalogue.ts'
import { t } from '../../i18n/index.ts'

export function EquipmentPicker(props: { labId: string; value: Record<string, number>; onChange: (v: Record<string, number>) => void }) {
  const types = createAsync(() => getLabEquipmentTypes(props.labId))
  const rows = createMemo(() =>
    (types() ?? [])
      .filter((tp) => tp.quantity > 0)
      .map((tp) => ({ typeId: tp.id, n: tp.quantity, name: tp.name, training: tp.requiresTraining }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  )
  return (
    <fieldset class="sc-field">
      <legend>{t('form.equipment')}</legend>
      <Show
        when={rows().length > 0}
        fallback={<p class="form-text">{types() === null ? t('lab.equipmentUnavailable') : t('form.noEquipment')}</p>}
      >
        <p class="form-text">{t('form.equipmentHelp')}</p>
        <For each={rows()}>
          {(r) => (
            <div class="d-flex flex-wrap align-items-center gap-2 mb-2">
              <input
                id={`eq-${r.typeId}`}
                type="number"
                min="0"
                max={r.n}
                class="form-control"
                style={{ width: '6rem' }}
                value={props.value[r.typeId] ?? 0}
                onInput={(e) =>
                  props.onChange({ ...props.value, [r.typeId]: Math.max(0, Math.min(r.n, Number(e.currentTarget.value) || 0)) })
                }
              />
              <label for={`eq-${r.typeId}`} class="mb-0 fw-normal">
                {r.name} ({t('form.available', { n: r.n })}
                <Show when={r.training}>, {t('form.training')}</Show>)
              </label>
            </div>
          )}
        </For>
      </Show>
    </fieldset>
  )
}
