import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { Hub, Lab, LabType } from '../../api/types.ts'
import { Empty } from '../../components/States.tsx'
import { t, tn } from '../../i18n/index.ts'
import type { CatalogueState } from './filter-state.ts'

/** How many labs the filters leave (announced), then the hubs with their labs. */
export function CatalogueResults(props: { state: CatalogueState }) {
  const s = props.state
  return (
    <>
      <p role="status" aria-live="polite" class="fw-semibold">
        {s.checkingEquipment()
          ? t('app.loading')
          : s.filtered().length === 1
            ? t('catalogue.oneResult')
            : tn('catalogue.results', s.filtered().length)}
      </p>
      <Show when={(s.hubs() ?? []).length > 0} fallback={<Empty>{t('catalogue.noHubs')}</Empty>}>
        <Show when={s.groups().length > 0} fallback={<Empty>{t('catalogue.noResults')}</Empty>}>
          <For each={s.groups()}>
            {(group) => (
              <HubSection hub={group.hub} labs={group.labs} areaName={s.areaById().get(group.hub.areaId)?.name ?? group.hub.area?.name} />
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
