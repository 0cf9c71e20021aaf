import { A, createAsync } from '@solidjs/router'
import { createMemo, For, Show } from 'solid-js'
import { getHubs } from '../../api/catalogue.ts'
import type { AvailabilityResult } from '../../api/types.ts'
import { conflictReason, ProblemAlert } from '../../components/ProblemAlert.tsx'
import { Empty, Loading } from '../../components/States.tsx'
import { t, tn } from '../../i18n/index.ts'
import { formatRange } from '../../lib/format.ts'
import type { SearchState } from './search-state.ts'

/** The labs found, the most often free first, each with the dates it is not free and "Prenota". */
export function SearchResults(props: { state: SearchState }) {
  const s = props.state
  return (
    <section aria-labelledby="find-results" aria-live="polite" aria-busy={s.searching()}>
      <h2 id="find-results" class="h4">
        {t('find.results')}
      </h2>
      <Show when={s.searching()}>
        <Loading label={t('find.searching')} />
      </Show>
      <Show when={s.problem()}>
        <ProblemAlert problem={s.problem()} />
      </Show>
      <Show when={s.results() && !s.searching()}>
        <Show when={(s.results() ?? []).length > 0} fallback={<Empty>{t('find.noResults')}</Empty>}>
          <ol class="list-unstyled row g-3">
            <For each={s.results()}>
              {(r) => (
                <li class="col-12 col-md-6">
                  <ResultCard result={r} href={s.bookHref(r)} />
                </li>
              )}
            </For>
          </ol>
        </Show>
      </Show>
    </section>
  )
}

function ResultCard(props: { result: AvailabilityResult; href: string }) {
  const hubs = createAsync(() => getHubs())
  const r = () => props.result
  return (
    <article class="sc-card">
      <h3>
        <A href={`/labs/${r().lab.id}`}>{r().lab.name}</A>
      </h3>
      <p class="mb-1">
        {hubs()?.find((h) => h.id === r().lab.hubId)?.name || r().lab.hub?.name} · {t(`labType.${r().lab.type}`)} ·{' '}
        {tn('catalogue.capacity', r().lab.capacity)}
      </p>
      <p class="fw-semibold mb-1" classList={{ 'text-success': r().free === r().total }}>
        {r().free === r().total ? tn('find.allFree', r().total) : tn('find.freeOf', r().free, { total: r().total })}
      </p>
      <Show when={r().conflicts.length > 0}>
        <BusyDates result={r()} />
      </Show>
      <A class="btn btn-primary btn-sm" href={props.href}>
        {t('common.book')}
        <span class="visually-hidden"> {r().lab.name}</span>
      </A>
    </article>
  )
}

/** The dates a lab is not free on, each with why (closed and the closure's reason, booked, outside opening hours…). */
function busyDates(r: AvailabilityResult): { start: string; end: string; reasons: string[] }[] {
  const byStart = new Map<string, { start: string; end: string; reasons: string[] }>()
  for (const c of r.conflicts) {
    const entry = byStart.get(c.start) ?? { start: c.start, end: c.end, reasons: [] }
    // A closure's reason is what the operator wrote ("Festa della Liberazione"): worth reading.
    const why = c.reason === 'closure' && c.detail ? `${conflictReason(c.reason)} (${c.detail})` : conflictReason(c.reason)
    if (!entry.reasons.includes(why)) entry.reasons.push(why)
    byStart.set(c.start, entry)
  }
  return [...byStart.values()].sort((a, b) => a.start.localeCompare(b.start))
}

const SHOWN_DATES = 4

function BusyDates(props: { result: AvailabilityResult }) {
  const dates = createMemo(() => busyDates(props.result))
  const item = (d: { start: string; end: string; reasons: string[] }) => (
    <li>
      <span class="fw-semibold">{formatRange(d.start, d.end)}</span>: {d.reasons.join('; ')}
    </li>
  )
  return (
    <div class="small mb-2 sc-busy-dates">
      <p class="mb-1">{tn('find.notFreeOn', dates().length)}</p>
      <ul class="mb-1">
        <For each={dates().slice(0, SHOWN_DATES)}>{item}</For>
      </ul>
      <Show when={dates().length > SHOWN_DATES}>
        <details>
          <summary>{tn('find.moreDates', dates().length - SHOWN_DATES)}</summary>
          <ul class="mb-1">
            <For each={dates().slice(SHOWN_DATES)}>{item}</For>
          </ul>
        </details>
      </Show>
    </div>
  )
}
