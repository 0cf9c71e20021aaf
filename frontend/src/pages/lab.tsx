import { A, createAsync, useNavigate, useParams, useSearchParams } from '@solidjs/router'
import { createMemo, For, lazy, Show, Suspense } from 'solid-js'
import { getLabAvailability } from '../api/bookings.ts'
import { getLabClosures } from '../api/calendars.ts'
import { getHub, getLab, getLabEquipmentTypes, getOpeningHours } from '../api/catalogue.ts'
import { settle } from '../api/client.ts'
import type { Availability, Closure, Lab } from '../api/types.ts'
import { CalendarControls, type PeriodView, periodEnd, periodStart } from '../components/CalendarControls.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import type { ScheduleEvent } from '../components/ScheduleCalendar.tsx'
import { AsyncBoundary, Empty, Loading } from '../components/States.tsx'
import { t, tn } from '../i18n/index.ts'
import { bookingFormHref } from '../lib/booking-link.ts'
import { floating, formatClosure, formatLongDate, formatWeek, isDate, mondayOf, today, wall, weekdayName } from '../lib/format.ts'

/** The calendar library loads with the calendar, not with the page's first paint. */
const ScheduleCalendar = lazy(() => import('../components/ScheduleCalendar.tsx'))

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

/** The week's or month's events: free time behind the grid, busy time, closures as bands with their reason. */
function toEvents(av: Availability, closures: Closure[]): ScheduleEvent[] {
  return [
    ...av.free.map((f) => ({ start: f.start, end: f.end, title: t('lab.free'), kind: 'free' as const, background: true })),
    ...av.busy
      .filter((b) => b.kind !== 'closure' || closures.length === 0)
      .map((b) => ({
        start: b.start,
        end: b.end,
        title: b.kind === 'closure' ? t('lab.closedSlot') : t('lab.busy'),
        kind: b.kind === 'closure' ? ('closed' as const) : ('busy' as const),
      })),
    ...closures.map((c) => ({
      id: `closure-${c.id}`,
      start: c.start,
      end: c.end,
      title: t('calendar.closedBand', { reason: c.reason }),
      kind: 'closed' as const,
    })),
  ]
}

/** Free intervals by day, each with the link that opens the booking form on it (times capped at the lab's longest booking). */
function freeSlotsByDay(av: Availability | undefined, lab: Lab) {
  const days = new Map<string, { from: string; to: string; href: string }[]>()
  for (const f of av?.free ?? []) {
    const s = wall(f.start)
    const e = wall(f.end)
    const to = e.date === s.date ? e.time : '24:00'
    const endTime = addMinutes(s.time, Math.min(lab.maxDurationMinutes, minutesOfDay(to) - minutesOfDay(s.time)))
    const href = bookingFormHref({ labId: lab.id, date: s.date, start: s.time, end: endTime })
    if (!days.has(s.date)) days.set(s.date, [])
    days.get(s.date)?.push({ from: s.time, to, href })
  }
  return [...days.entries()].sort(([a], [b]) => a.localeCompare(b))
}

const minutesOfDay = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5))

function addMinutes(time: string, minutes: number): string {
  const total = Math.min(minutesOfDay(time) + minutes, 23 * 60 + 59)
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

type CalendarParams = { view?: string; week?: string; month?: string }

function LabWeek(props: { lab: Lab }) {
  const [params, setParams] = useSearchParams<CalendarParams>()
  const navigate = useNavigate()
  const view = (): PeriodView => (params.view === 'month' ? 'month' : 'week')
  const date = () => {
    if (view() === 'month' && params.month && isDate(`${params.month}-01`)) return `${params.month}-01`
    return params.week && isDate(params.week) ? params.week : today()
  }
  const from = () => periodStart(view(), date())
  const to = () => periodEnd(view(), date())
  const setPeriod = (next: PeriodView, day: string) =>
    setParams(
      next === 'month'
        ? { view: 'month', month: day.slice(0, 7), week: undefined }
        : { view: undefined, week: mondayOf(day), month: undefined },
      {
        replace: true,
      },
    )
  const result = createAsync(() => settle(getLabAvailability(props.lab.id, from(), to())))
  const closures = createAsync(() => getLabClosures(props.lab.id, from(), to()).catch(() => [] as Closure[]))
  const availability = () => {
    const r = result()
    return r?.ok ? r.value : undefined
  }
  const freeByDay = createMemo(() => freeSlotsByDay(availability(), props.lab))
  const inFree = (start: string, end: string) =>
    (availability()?.free ?? []).some((f) => floating(f.start).slice(0, 16) <= start && end <= floating(f.end).slice(0, 16))
  return (
    <section class="mt-4" aria-labelledby="lab-week">
      <h2 id="lab-week" class="h4">
        {view() === 'month' ? t('lab.calendarMonth') : t('lab.calendar')}
      </h2>
      <p>{t('lab.calendarHelp')}</p>
      <p class="small">{view() === 'month' ? t('calendar.monthHelp') : t('calendar.dragHelp')}</p>
      <CalendarControls
        view={view()}
        date={date()}
        idPrefix="lab-cal"
        onView={(v) => setPeriod(v, date())}
        onDate={(d) => setPeriod(view(), d)}
      />
      <Show when={(closures() ?? []).length > 0}>
        <ul class="sc-closures-list" aria-label={t('calendar.closuresOfPeriod')}>
          <For each={closures()}>
            {(c) => <li>{t('calendar.closureLine', { when: formatClosure(c.start, c.end), reason: c.reason })}</li>}
          </For>
        </ul>
      </Show>
      <Show when={result() && !result()?.ok}>
        <ProblemAlert problem={(result() as { error: unknown }).error} />
      </Show>
      <Suspense fallback={<Loading />}>
        <Show when={availability()}>
          {(av) => (
            <>
              <ScheduleCalendar
                view={view()}
                date={from()}
                events={toEvents(av(), closures() ?? [])}
                label={view() === 'month' ? t('lab.calendarMonth') : t('lab.calendar')}
                canSelect={inFree}
                onSelect={(slot) => navigate(bookingFormHref({ labId: props.lab.id, ...slot }))}
                onDayClick={(day) => setPeriod('week', day)}
              />
              <FreeTimes month={view() === 'month'} days={freeByDay()} />
            </>
          )}
        </Show>
      </Suspense>
    </section>
  )
}

type FreeDay = [string, { from: string; to: string; href: string }[]]

/**
 * The free times as links to the form (keyboard and screen readers). A month's are folded by week, the week
 * of the first free day open: thirty rows of buttons would bury the page on a phone.
 */
function FreeTimes(props: { month: boolean; days: FreeDay[] }) {
  const weeks = createMemo(() => {
    const byWeek = new Map<string, FreeDay[]>()
    for (const d of props.days) {
      const monday = mondayOf(d[0])
      if (!byWeek.has(monday)) byWeek.set(monday, [])
      byWeek.get(monday)?.push(d)
    }
    return [...byWeek.entries()]
  })
  const dayList = (days: FreeDay[]) => (
    <ul class="sc-free-list">
      <For each={days}>
        {([day, slots]) => (
          <li>
            <span class="sc-free-day">{formatLongDate(day)}:</span>{' '}
            <For each={slots}>
              {(slot) => (
                <A
                  class="btn btn-outline-success btn-sm sc-free-slot"
                  href={slot.href}
                  aria-label={t('calendar.bookSlot', { day: formatLongDate(day), from: slot.from, to: slot.to })}
                >
                  {slot.from}–{slot.to}
                </A>
              )}
            </For>
          </li>
        )}
      </For>
    </ul>
  )
  return (
    <>
      <h3 class="h5 mt-3">{props.month ? t('calendar.freeListMonth') : t('lab.freeList')}</h3>
      <Show when={props.days.length > 0} fallback={<Empty>{props.month ? t('calendar.noFreeMonth') : t('lab.noFree')}</Empty>}>
        <Show when={props.month} fallback={dayList(props.days)}>
          <div class="sc-free-weeks">
            <For each={weeks()}>
              {([monday, days], i) => (
                <details open={i() === 0}>
                  <summary>
                    {t('calendar.freeWeek', { range: formatWeek(monday) })} · {tn('calendar.freeWeekDays', days.length)}
                  </summary>
                  {dayList(days)}
                </details>
              )}
            </For>
          </div>
        </Show>
      </Show>
    </>
  )
}
