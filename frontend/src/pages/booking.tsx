import { A, createAsync, revalidate, useLocation, useNavigate, useParams } from '@solidjs/router'
import { createEffect, createSignal, For, Show, Suspense } from 'solid-js'
import { type BookingOverview, getBookingOverview } from '../api/bookings.ts'
import { isProblem, settle } from '../api/client.ts'
import { CalendarSubscribe } from '../components/CalendarSubscribe.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Empty, Loading, Success } from '../components/States.tsx'
import { locale, t, tn } from '../i18n/index.ts'
import { formatDateTime, formatRange, formatTime, wall } from '../lib/format.ts'
import { describeRecurrence } from '../lib/recurrence-words.ts'
import { useSession } from '../session/session.tsx'
import { BookingActionList } from './booking/actions.tsx'
import './booking/booking.css'

/**
 * /bookings/:id — one booking, or one occurrence with its whole series: the page every email links to.
 * Anonymous visitors are sent to sign in and brought back here.
 */
export default function BookingPage() {
  const params = useParams<{ id: string }>()
  const session = useSession()
  const navigate = useNavigate()
  const location = useLocation()

  createEffect(() => {
    if (!session.user.loading && !session.user()) {
      navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true })
    }
  })

  return (
    <Show
      when={!session.user.loading && session.user()}
      fallback={<Loading label={session.user.loading ? undefined : t('booking.redirecting')} />}
    >
      <BookingView id={params.id} />
    </Show>
  )
}

function BookingView(props: { id: string }) {
  const overview = createAsync(() => settle(getBookingOverview(props.id)))
  const [notice, setNotice] = createSignal('')
  // An action refused because the booking changed meanwhile: said above the actions while the page shows the
  // booking read again (the refused action may be gone from the list).
  const [refusal, setRefusal] = createSignal<unknown>()
  const refresh = () => revalidate(getBookingOverview.keyFor(props.id))
  // A new booking (another occurrence of the series) starts without the last one's message.
  createEffect(() => {
    props.id
    setNotice('')
    setRefusal(undefined)
  })

  return (
    <Suspense
      fallback={
        <>
          <PageTitle>{t('booking.loadingTitle')}</PageTitle>
          <Loading />
        </>
      }
    >
      <Show when={overview()}>
        {(r) => (
          <Show
            when={r().ok && (r() as { value: BookingOverview }).value}
            fallback={
              <>
                <PageTitle>{t('booking.title')}</PageTitle>
                <Show
                  when={isProblem((r() as { error: unknown }).error, 404)}
                  fallback={<ProblemAlert problem={(r() as { error: unknown }).error} />}
                >
                  <Empty action={<A href="/bookings">{t('booking.backToList')}</A>}>
                    {t('booking.notFound')} {t('booking.notFoundHint')}
                  </Empty>
                </Show>
              </>
            }
          >
            {(o) => (
              <Overview
                o={o()}
                notice={notice()}
                refusal={refusal()}
                onDone={async (message) => {
                  await refresh()
                  setRefusal(undefined)
                  setNotice(message)
                }}
                onStale={async (problem) => {
                  setNotice('')
                  setRefusal(problem)
                  await refresh()
                }}
              />
            )}
          </Show>
        )}
      </Show>
    </Suspense>
  )
}

function StatusBadge(props: { status: string }) {
  return <span class={`sc-status ${props.status}`}>{t(`bookingStatus.${props.status}` as 'bookingStatus.pending')}</span>
}

function Overview(props: {
  o: BookingOverview
  notice: string
  refusal: unknown
  onDone: (message: string) => Promise<void>
  onStale: (problem: unknown) => Promise<void>
}) {
  const b = () => props.o.booking
  const closureCancelled = () =>
    b().status === 'cancelled' && (b().cancelCause === 'closure' || props.o.history.at(-1)?.action === 'booking.closure_cancelled')
  const session = useSession()
  const inTeam = () => Boolean(b().teamId && session.user()?.teamIds.includes(b().teamId ?? ''))
  const ruleInWords = () => {
    const s = props.o.series
    if (!s?.rrule || s.occurrences.length === 0) return ''
    const first = s.occurrences[0]
    return describeRecurrence(s.rrule, {
      locale: locale(),
      firstDate: wall(first.start).date,
      startTime: wall(first.start).time,
      endTime: wall(first.end).time,
      zone: props.o.hub.timezone,
    })
  }
  return (
    <>
      <PageTitle>{b().title}</PageTitle>
      <p class="lead mb-2">{formatRange(b().start, b().end)}</p>
      <p class="mb-3">
        <StatusBadge status={b().status} />
        <Show when={b().releasedAt}>{(at) => <span class="ms-2">{t('checkin.releasedAt', { time: formatTime(at()) })}</span>}</Show>
        <Show when={b().checkedInAt}>{(at) => <span class="ms-2">{t('checkin.checkedInAt', { time: formatTime(at()) })}</span>}</Show>
        <Show when={!b().releasedAt && b().statusReason}>
          {(reason) => (
            <span class="ms-2" id="status-reason">
              {closureCancelled() ? t('booking.closureReason', { reason: reason() }) : t('booking.reason', { reason: reason() })}
            </span>
          )}
        </Show>
      </p>

      <Show when={inTeam()}>
        <CalendarSubscribe teamId={b().teamId ?? ''} teamName={b().teamName ?? ''} idPrefix="booking" />
      </Show>

      <div aria-live="polite" id="booking-notice">
        <Show when={props.notice}>
          <Success>{props.notice}</Success>
        </Show>
      </div>

      <div class="sc-booking-grid">
        <section aria-labelledby="details-title" class="sc-booking-details">
          <h2 id="details-title" class="h4">
            {t('booking.details')}
          </h2>
          <dl class="sc-dl">
            <dt>{t('booking.team')}</dt>
            <dd>{b().teamName ?? t('booking.internalUse')}</dd>
            <dt>{t('booking.lab')}</dt>
            <dd>
              <A href={`/labs/${props.o.lab.id}`}>{props.o.lab.name}</A>
            </dd>
            <dt>{t('booking.hub')}</dt>
            <dd>{props.o.hub.name}</dd>
            <dt>{t('booking.address')}</dt>
            <dd>{props.o.hub.address}</dd>
            <Show when={props.o.hub.phone}>
              <dt>{t('booking.phone')}</dt>
              <dd>
                <a href={`tel:${props.o.hub.phone?.replace(/\s+/g, '')}`}>{props.o.hub.phone}</a>
              </dd>
            </Show>
            <Show when={props.o.hub.email}>
              <dt>{t('booking.email')}</dt>
              <dd>
                <a href={`mailto:${props.o.hub.email}`}>{props.o.hub.email}</a>
              </dd>
            </Show>
            <Show when={b().expectedParticipants != null}>
              <dt>{t('booking.expected')}</dt>
              <dd>{b().expectedParticipants}</dd>
            </Show>
            <Show when={b().participants != null}>
              <dt>{t('booking.participants')}</dt>
              <dd>
                {b().participants}
                <For each={Object.entries(b().participantCategories ?? {})}>
                  {([name, n]) => (
                    <span class="sc-badge ms-1">
                      {name}: {n}
                    </span>
                  )}
                </For>
              </dd>
            </Show>
            <dt>{t('booking.equipment')}</dt>
            <dd>
              <Show when={props.o.equipment.length > 0} fallback={t('booking.noEquipment')}>
                <ul class="list-unstyled mb-0">
                  <For each={props.o.equipment}>{(e) => <li>{t('booking.equipmentLine', { name: e.name, quantity: e.quantity })}</li>}</For>
                </ul>
              </Show>
            </dd>
          </dl>
        </section>

        <section aria-labelledby="actions-title" class="sc-booking-actions-panel">
          <h2 id="actions-title" class="h4">
            {t('booking.actions')}
          </h2>
          <div id="booking-refusal">
            <Show when={props.refusal}>
              <ProblemAlert problem={props.refusal} />
            </Show>
          </div>
          <BookingActionList overview={props.o} onDone={props.onDone} onStale={props.onStale} />
        </section>
      </div>

      <Show when={props.o.series}>{(s) => <SeriesSection series={s()} currentId={b().id} rule={ruleInWords()} />}</Show>

      <HistorySection history={props.o.history} />
    </>
  )
}

/** The series a booking belongs to: its rule in words and each occurrence, this one marked. */
function SeriesSection(props: { series: NonNullable<BookingOverview['series']>; currentId: string; rule: string }) {
  return (
    <section aria-labelledby="series-title" class="mt-4">
      <h2 id="series-title" class="h4">
        {t('booking.series')} · {tn('booking.occurrences', props.series.occurrences.length)}
      </h2>
      <p id="series-rule">{t('booking.seriesRule', { rule: props.rule })}</p>
      <ol class="sc-occurrences-list">
        <For each={props.series.occurrences}>
          {(occ) => (
            <li aria-current={occ.id === props.currentId ? 'page' : undefined} classList={{ current: occ.id === props.currentId }}>
              <Show when={occ.id !== props.currentId} fallback={<span class="fw-semibold">{formatRange(occ.start, occ.end)}</span>}>
                <A href={`/bookings/${occ.id}`}>{formatRange(occ.start, occ.end)}</A>
              </Show>{' '}
              <StatusBadge status={occ.status} />
              <Show when={occ.status === 'cancelled' && occ.cancelCause === 'closure'}>
                <span class="ms-1 small">{t('calendar.closureCancelled', { reason: occ.statusReason ?? '' })}</span>
              </Show>
              <Show when={occ.id === props.currentId}>
                <span class="ms-1 small">{t('booking.thisOne')}</span>
              </Show>
            </li>
          )}
        </For>
      </ol>
    </section>
  )
}

/** What happened to the booking, and who did it, from the audit trail. */
function HistorySection(props: { history: BookingOverview['history'] }) {
  return (
    <section aria-labelledby="history-title" class="mt-4">
      <h2 id="history-title" class="h4">
        {t('booking.history')}
      </h2>
      <Show when={props.history.length > 0} fallback={<p>{t('booking.historyEmpty')}</p>}>
        <ol class="sc-history">
          <For each={props.history}>
            {(h) => (
              <li>
                <time datetime={h.at}>{formatDateTime(h.at)}</time>{' '}
                <strong>{t(`booking.event.${h.action}` as 'booking.event.booking.created') ?? h.action}</strong>
                <Show when={h.actorName}> {t('booking.by', { name: h.actorName ?? '' })}</Show>
                <Show when={h.count && h.count > 1}> {tn('booking.touched', h.count ?? 0)}</Show>
                <Show when={h.from && h.to}>
                  {' '}
                  {t('booking.movedFromTo', {
                    from: formatRange(h.from?.start ?? '', h.from?.end ?? ''),
                    to: formatRange(h.to?.start ?? '', h.to?.end ?? ''),
                  })}
                </Show>
                <Show when={h.reason}>
                  <br />
                  <span class="small">{t('booking.reason', { reason: h.reason ?? '' })}</span>
                </Show>
              </li>
            )}
          </For>
        </ol>
      </Show>
    </section>
  )
}
