import { A, createAsync, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, For, onMount, Show } from 'solid-js'
import { searchAvailability } from '../api/bookings.ts'
import { getAreas, getHubs } from '../api/catalogue.ts'
import { type AvailabilityResult, LAB_TYPES } from '../api/types.ts'
import { DateField, TimeField } from '../components/DateTimeInput.tsx'
import { InputField } from '../components/InputField.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { conflictReason, ProblemAlert } from '../components/ProblemAlert.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { t, tn } from '../i18n/index.ts'
import { addDays, formatRange, isDate, today, weekdayName } from '../lib/format.ts'
import { buildRRule, firstOccurrenceDate, type RecurrenceChoice } from '../lib/rrule-builder.ts'

type Params = { type?: string; area?: string; days?: string; start?: string; end?: string; from?: string; until?: string; cap?: string }

/** "Trova un laboratorio": when and what → labs ranked by how many of the occurrences are free. */
export default function FindPage() {
  const [params, setParams] = useSearchParams<Params>()
  const areas = createAsync(() => getAreas())
  const hubs = createAsync(() => getHubs())
  const hubName = (id: string) => hubs()?.find((h) => h.id === id)?.name ?? ''
  const usedAreas = createMemo(() => {
    const ids = new Set((hubs() ?? []).map((h) => h.areaId))
    return (areas() ?? []).filter((a) => ids.has(a.id)).sort((a, b) => a.name.localeCompare(b.name))
  })

  const initialFrom = params.from && isDate(params.from) ? params.from : addDays(today(), 1)
  const [type, setType] = createSignal(params.type ?? '')
  const [area, setArea] = createSignal(params.area ?? '')
  const [days, setDays] = createSignal<number[]>(
    (params.days ?? '')
      .split(',')
      .map(Number)
      .filter((d) => d >= 1 && d <= 7),
  )
  const [start, setStart] = createSignal(params.start ?? '14:00')
  const [end, setEnd] = createSignal(params.end ?? '17:00')
  const [from, setFrom] = createSignal(initialFrom)
  const [until, setUntil] = createSignal(params.until && isDate(params.until) ? params.until : addDays(initialFrom, 84))
  const [cap, setCap] = createSignal(params.cap ?? '')

  const [results, setResults] = createSignal<AvailabilityResult[]>()
  const [searching, setSearching] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
  const [formError, setFormError] = createSignal('')

  const choice = (): RecurrenceChoice => ({ kind: 'weekly', interval: 1, days: days(), end: { kind: 'until', until: until() } })

  const search = async (e?: Event) => {
    e?.preventDefault()
    setFormError('')
    if (days().length === 0) {
      setFormError(t('find.chooseDay'))
      return
    }
    if (!start() || !end() || end() <= start()) {
      setFormError(t('form.endBeforeStart'))
      return
    }
    if (!isDate(from()) || !isDate(until()) || until() < from()) {
      setFormError(t('form.problem_untilBeforeStart'))
      return
    }
    setParams(
      {
        type: type() || undefined,
        area: area() || undefined,
        days: days().join(','),
        start: start(),
        end: end(),
        from: from(),
        until: until(),
        cap: cap() || undefined,
      },
      { replace: true },
    )
    const first = firstOccurrenceDate(choice(), from())
    setSearching(true)
    setProblem(undefined)
    try {
      setResults(
        await searchAvailability({
          type: type() || undefined,
          areaId: area() || undefined,
          minCapacity: cap() || undefined,
          start: `${first}T${start()}`,
          end: `${first}T${end()}`,
          rrule: buildRRule(choice()) ?? undefined,
          limit: 50,
        }),
      )
    } catch (err) {
      setResults(undefined)
      setProblem(err)
    } finally {
      setSearching(false)
    }
  }

  // A shared link with the search in it shows the results straight away.
  onMount(() => {
    if (params.days) void search()
  })

  const bookHref = (r: AvailabilityResult) => {
    const q = new URLSearchParams({
      labId: r.lab.id,
      date: firstOccurrenceDate(choice(), from()),
      start: start(),
      end: end(),
      days: days().join(','),
      until: until(),
    })
    return `/bookings/new?${q}`
  }

  return (
    <>
      <PageTitle lead={t('find.intro')}>{t('find.title')}</PageTitle>
      <form class="sc-filters sc-form" onSubmit={search} novalidate>
        <div class="row g-3">
          <div class="col-12 col-md-6 col-lg-3 sc-field">
            <label for="find-type">{t('find.type')}</label>
            <select id="find-type" class="form-select" value={type()} onChange={(e) => setType(e.currentTarget.value)}>
              <option value="">{t('common.all')}</option>
              <For each={LAB_TYPES}>
                {(lt) => (
                  <option value={lt} selected={lt === type()}>
                    {t(`labType.${lt}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <div class="col-12 col-md-6 col-lg-3 sc-field">
            <label for="find-area">{t('find.area')}</label>
            <select id="find-area" class="form-select" value={area()} onChange={(e) => setArea(e.currentTarget.value)}>
              <option value="">{t('common.all')}</option>
              <For each={usedAreas()}>
                {(a) => (
                  <option value={a.id} selected={a.id === area()}>
                    {a.name}
                  </option>
                )}
              </For>
            </select>
          </div>
          <TimeField id="find-start" class="col-6 col-lg-3" label={t('find.startTime')} value={start()} onValue={(v) => setStart(v)} />
          <TimeField id="find-end" class="col-6 col-lg-3" label={t('find.endTime')} value={end()} onValue={(v) => setEnd(v)} />
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
                        checked={days().includes(d)}
                        onChange={(e) => setDays(e.currentTarget.checked ? [...days(), d] : days().filter((x) => x !== d))}
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
            value={from()}
            onValue={(v) => setFrom(v)}
          />
          <DateField
            id="find-until"
            class="col-12 col-md-4"
            label={t('find.until')}
            min={from()}
            value={until()}
            onValue={(v) => setUntil(v)}
          />
          <InputField
            id="find-cap"
            class="col-12 col-md-4"
            label={t('find.minCapacity')}
            type="number"
            inputmode="numeric"
            min="1"
            value={cap()}
            onValue={(v) => setCap(v)}
          />
        </div>
        <div aria-live="assertive">
          <Show when={formError()}>
            <p class="alert alert-warning">{formError()}</p>
          </Show>
        </div>
        <button type="submit" class="btn btn-primary" disabled={searching()} aria-busy={searching()}>
          {searching() ? t('find.searching') : t('find.submit')}
        </button>
      </form>

      <section aria-labelledby="find-results" aria-live="polite" aria-busy={searching()}>
        <h2 id="find-results" class="h4">
          {t('find.results')}
        </h2>
        <Show when={searching()}>
          <Loading label={t('find.searching')} />
        </Show>
        <Show when={problem()}>
          <ProblemAlert problem={problem()} />
        </Show>
        <Show when={results() && !searching()}>
          <Show when={(results() ?? []).length > 0} fallback={<Empty>{t('find.noResults')}</Empty>}>
            <ol class="list-unstyled row g-3">
              <For each={results()}>
                {(r) => (
                  <li class="col-12 col-md-6">
                    <article class="sc-card">
                      <h3>
                        <A href={`/labs/${r.lab.id}`}>{r.lab.name}</A>
                      </h3>
                      <p class="mb-1">
                        {hubName(r.lab.hubId) || r.lab.hub?.name} · {t(`labType.${r.lab.type}`)} ·{' '}
                        {tn('catalogue.capacity', r.lab.capacity)}
                      </p>
                      <p class="fw-semibold mb-1" classList={{ 'text-success': r.free === r.total }}>
                        {r.free === r.total ? tn('find.allFree', r.total) : tn('find.freeOf', r.free, { total: r.total })}
                      </p>
                      <Show when={r.conflicts.length > 0}>
                        <BusyDates result={r} />
                      </Show>
                      <A class="btn btn-primary btn-sm" href={bookHref(r)}>
                        {t('common.book')}
                        <span class="visually-hidden"> {r.lab.name}</span>
                      </A>
                    </article>
                  </li>
                )}
              </For>
            </ol>
          </Show>
        </Show>
      </section>
    </>
  )
}

/** The dates a lab is not free on, each with why (closed and the closure's reason, booked, outside opening hours…). */
export function busyDates(r: AvailabilityResult): { start: string; end: string; reasons: string[] }[] {
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
