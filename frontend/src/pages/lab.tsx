import { A, createAsync, useParams, useSearchParams } from '@solidjs/router'
import { createMemo, For, Show, Suspense } from 'solid-js'
import { getLabAvailability } from '../api/bookings.ts'
import { getHub, getLab, getLabEquipmentTypes, getOpeningHours } from '../api/catalogue.ts'
import { settle } from '../api/client.ts'
import type { Availability, Lab } from '../api/types.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { AsyncBoundary, Empty, Loading } from '../components/States.tsx'
import { WeekCalendar, type WeekEvent } from '../components/WeekCalendar.tsx'
import { WeekNav } from '../components/WeekNav.tsx'
import { t, tn } from '../i18n/index.ts'
import { addDays, formatLongDate, isDate, mondayOf, today, wall, weekdayName } from '../lib/format.ts'

export default function LabPage() {
  const params = useParams<{ id: string }>()
  return (
    <AsyncBoundary>
      <LabView id={params.id} />
    </AsyncBoundary>
  )
}

function duration(minutes: number): string {
  return minutes % 60 === 0 ? tn('common.hours', minutes / 60) : tn('common.minutes', minutes)
}

function LabView(props: { id: string }) {
  const lab = createAsync(() => getLab(props.id))
  const hub = createAsync(async () => {
    const l = lab()
    return l ? getHub(l.hubId) : undefined
  })
  const hours = createAsync(async () => {
    const l = lab()
    return l ? getOpeningHours(l.hubId) : []
  })

  return (
    <Show when={lab()}>
      {(l) => (
        <>
          <nav aria-label="breadcrumb" class="breadcrumb-container">
            <ol class="breadcrumb">
              <li class="breadcrumb-item">
                <A href="/">{t('nav.catalogue')}</A>
                <span class="separator" aria-hidden="true">
                  /
                </span>
              </li>
              <li class="breadcrumb-item active" aria-current="page">
                {l().name}
              </li>
            </ol>
          </nav>
          <PageTitle lead={`${t(`labType.${l().type}`)} · ${hub()?.name ?? l().hub?.name ?? ''}`}>{l().name}</PageTitle>
          <div class="row g-4">
            <div class="col-12 col-lg-8">
              <dl class="row">
                <dt class="col-sm-4">{t('lab.type')}</dt>
                <dd class="col-sm-8">{t(`labType.${l().type}`)}</dd>
                <dt class="col-sm-4">{t('lab.capacity')}</dt>
                <dd class="col-sm-8">{tn('common.people', l().capacity)}</dd>
                <dt class="col-sm-4">{t('lab.hub')}</dt>
                <dd class="col-sm-8">
                  {hub()?.name ?? l().hub?.name}
                  <Show when={hub()}>{(h) => <> ({t(`hubKind.${h().kind}`)})</>}</Show>
                </dd>
                <Show when={hub()}>
                  {(h) => (
                    <>
                      <dt class="col-sm-4">{t('lab.address')}</dt>
                      <dd class="col-sm-8">{h().address}</dd>
                      <Show when={h().area}>
                        {(area) => (
                          <>
                            <dt class="col-sm-4">{t('lab.area')}</dt>
                            <dd class="col-sm-8">
                              {area().name} · {t('catalogue.municipio', { n: area().municipio })}
                            </dd>
                          </>
                        )}
                      </Show>
                    </>
                  )}
                </Show>
              </dl>
              <Show when={l().description}>
                <p>{l().description}</p>
              </Show>
              <h2 class="h4">{t('lab.policies')}</h2>
              <ul>
                <li>{l().approvalRequired ? t('lab.approvalRequired') : t('lab.noApproval')}</li>
                <Show when={l().requiresGrant}>
                  <li>{t('lab.requiresGrant')}</li>
                </Show>
                <li>{t('lab.duration', { min: duration(l().minDurationMinutes), max: duration(l().maxDurationMinutes) })}</li>
              </ul>
              <A class="btn btn-primary" href={`/bookings/new?labId=${encodeURIComponent(l().id)}`}>
                {t('lab.book')}
              </A>
            </div>
            <div class="col-12 col-lg-4">
              <div class="sc-photo" role="img" aria-label={t('lab.photo')}>
                <span aria-hidden="true">{t(`labType.${l().type}`)}</span>
              </div>
              <Show when={(hours() ?? []).length > 0}>
                <h2 class="h5 mt-3">{t('lab.openingHours')}</h2>
                <OpeningHoursList hours={hours() ?? []} />
              </Show>
            </div>
          </div>
          <LabEquipment labId={l().id} />
          <LabWeek lab={l()} />
        </>
      )}
    </Show>
  )
}

function OpeningHoursList(props: { hours: { weekday: number; open: string; close: string }[] }) {
  const byDay = createMemo(() =>
    [1, 2, 3, 4, 5, 6, 7].map((d) => ({
      day: d,
      intervals: props.hours
        .filter((h) => h.weekday === d)
        .sort((a, b) => a.open.localeCompare(b.open))
        .map((h) => `${h.open}–${h.close}`),
    })),
  )
  return (
    <dl class="row small mb-0">
      <For each={byDay()}>
        {(d) => (
          <>
            <dt class="col-5 fw-normal">{weekdayName(d.day)}</dt>
            <dd class="col-7 mb-1">{d.intervals.length ? d.intervals.join(', ') : t('lab.closed')}</dd>
          </>
        )}
      </For>
    </dl>
  )
}

function LabEquipment(props: { labId: string }) {
  const types = createAsync(() => getLabEquipmentTypes(props.labId))
  const rows = createMemo(() =>
    (types() ?? [])
      .map((tp) => ({ name: tp.name, training: tp.requiresTraining, n: tp.quantity }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  )
  return (
    <section class="mt-4" aria-labelledby="lab-equipment">
      <h2 id="lab-equipment" class="h4">
        {t('lab.equipment')}
      </h2>
      <Show when={types() !== null} fallback={<p>{t('lab.equipmentUnavailable')}</p>}>
        <Show when={rows().length > 0} fallback={<p>{t('lab.noEquipment')}</p>}>
          <ul>
            <For each={rows()}>
              {(r) => (
                <li>
                  {r.name}: {tn('lab.units', r.n)}
                  <Show when={r.training}> ({t('form.training')})</Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </Show>
    </section>
  )
}

function toEvents(av: Availability): WeekEvent[] {
  return [
    ...av.free.map((f) => ({ start: f.start, end: f.end, title: t('lab.free'), kind: 'free' as const, background: true })),
    ...av.busy.map((b) => {
      const closed = /clos|closed|holiday/.test(b.kind)
      return {
        start: b.start,
        end: b.end,
        title: closed ? t('lab.closedSlot') : t('lab.busy'),
        kind: closed ? ('closed' as const) : ('busy' as const),
      }
    }),
  ]
}

function LabWeek(props: { lab: Lab }) {
  const [params, setParams] = useSearchParams<{ week?: string }>()
  const monday = () => mondayOf(params.week && isDate(params.week) ? params.week : today())
  const result = createAsync(() => settle(getLabAvailability(props.lab.id, monday(), addDays(monday(), 7))))
  const availability = () => {
    const r = result()
    return r?.ok ? r.value : undefined
  }
  const freeByDay = createMemo(() => {
    const days = new Map<string, string[]>()
    for (const f of availability()?.free ?? []) {
      const s = wall(f.start)
      const e = wall(f.end)
      if (!days.has(s.date)) days.set(s.date, [])
      days.get(s.date)?.push(`${s.time}–${e.date === s.date ? e.time : '24:00'}`)
    }
    return [...days.entries()].sort(([a], [b]) => a.localeCompare(b))
  })
  return (
    <section class="mt-4" aria-labelledby="lab-week">
      <h2 id="lab-week" class="h4">
        {t('lab.calendar')}
      </h2>
      <p>{t('lab.calendarHelp')}</p>
      <WeekNav monday={monday()} onChange={(week) => setParams({ week }, { replace: true })} />
      <Show when={result() && !result()?.ok}>
        <ProblemAlert problem={(result() as { error: unknown }).error} />
      </Show>
      <Suspense fallback={<Loading />}>
        <Show when={availability()}>
          {(av) => (
            <>
              <WeekCalendar monday={monday()} events={toEvents(av())} label={t('lab.calendar')} />
              <h3 class="h5 mt-3">{t('lab.freeList')}</h3>
              <Show when={freeByDay().length > 0} fallback={<Empty>{t('lab.noFree')}</Empty>}>
                <ul>
                  <For each={freeByDay()}>
                    {([date, slots]) => (
                      <li>
                        {formatLongDate(date)}: {slots.join(', ')}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </Suspense>
    </section>
  )
}
