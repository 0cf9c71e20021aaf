import { A, createAsync, useNavigate, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, For, Show, Suspense } from 'solid-js'
import { getBookings, getTeamCalendarUrl, getTeamGrants } from '../api/bookings.ts'
import { getLabs } from '../api/catalogue.ts'
import { settle } from '../api/client.ts'
import type { Booking, Grant, Me } from '../api/types.ts'
import { CancelDialog, MoveDialog } from '../components/BookingDialogs.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Empty, Loading, Success } from '../components/States.tsx'
import { TeamInvitations } from '../components/TeamInvitations.tsx'
import { WeekCalendar } from '../components/WeekCalendar.tsx'
import { WeekNav } from '../components/WeekNav.tsx'
import { t } from '../i18n/index.ts'
import { addDays, formatDate, formatNumber, formatRange, isDate, mondayOf, today } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'

type Params = { team?: string; view?: string; from?: string; to?: string; week?: string }

export default function BookingsPage() {
  const session = useSession()
  return (
    <>
      <PageTitle>{t('bookings.title')}</PageTitle>
      <Show when={!session.user.loading} fallback={<Loading />}>
        <Show
          when={session.user()}
          fallback={<Empty action={<A href="/login?next=%2Fbookings">{t('nav.login')}</A>}>{t('bookings.signInFirst')}</Empty>}
        >
          {(me) => <TeamBookings me={me()} />}
        </Show>
      </Show>
    </>
  )
}

const LIVE = new Set(['pending', 'confirmed'])

function TeamBookings(props: { me: Me }) {
  const [params, setParams] = useSearchParams<Params>()
  const navigate = useNavigate()
  const teamId = () => (params.team && props.me.teams.some((tm) => tm.id === params.team) ? params.team : props.me.teams[0]?.id)
  const view = () => (params.view === 'calendar' ? 'calendar' : 'list')
  const from = () => (params.from && isDate(params.from) ? params.from : today())
  const to = () => (params.to && isDate(params.to) ? params.to : addDays(from(), 56))
  const monday = () => mondayOf(params.week && isDate(params.week) ? params.week : today())
  const period = () => (view() === 'calendar' ? { from: monday(), to: addDays(monday(), 7) } : { from: from(), to: addDays(to(), 1) })

  const labs = createAsync(() => getLabs())
  const labName = (id: string) => labs()?.find((l) => l.id === id)?.name ?? ''
  const bookings = createAsync(() => settle(getBookings({ teamId: teamId(), ...period() })))
  const list = createMemo(() => {
    const r = bookings()
    return r?.ok ? [...r.value].sort((a, b) => a.start.localeCompare(b.start)) : []
  })

  const [notice, setNotice] = createSignal('')
  const [cancelling, setCancelling] = createSignal<Booking>()
  const [moving, setMoving] = createSignal<Booking>()

  return (
    <>
      <Show when={props.me.teams.length > 0 || props.me.role !== 'member'} fallback={<Empty>{t('bookings.noTeam')}</Empty>}>
        <div class="d-flex flex-wrap gap-3 align-items-end mb-3">
          <Show when={props.me.teams.length > 1}>
            <div class="sc-field mb-0">
              <label for="bk-team">{t('bookings.team')}</label>
              <select id="bk-team" class="form-select" value={teamId()} onChange={(e) => setParams({ team: e.currentTarget.value })}>
                <For each={props.me.teams}>
                  {(tm) => (
                    <option value={tm.id} selected={tm.id === teamId()}>
                      {tm.name}
                    </option>
                  )}
                </For>
              </select>
            </div>
          </Show>
          <Show when={props.me.teams.length === 1}>
            <p class="mb-0 fw-semibold">
              {t('bookings.team')}: {props.me.teams[0].name}
            </p>
          </Show>
          <fieldset class="sc-field mb-0">
            <legend class="visually-hidden">{t('bookings.view')}</legend>
            <div class="btn-group">
              <button
                type="button"
                class="btn btn-sm"
                classList={{ 'btn-primary': view() === 'list', 'btn-outline-primary': view() !== 'list' }}
                aria-pressed={view() === 'list'}
                onClick={() => setParams({ view: 'list' })}
              >
                {t('bookings.listView')}
              </button>
              <button
                type="button"
                class="btn btn-sm"
                classList={{ 'btn-primary': view() === 'calendar', 'btn-outline-primary': view() !== 'calendar' }}
                aria-pressed={view() === 'calendar'}
                onClick={() => setParams({ view: 'calendar' })}
              >
                {t('bookings.calendarView')}
              </button>
            </div>
          </fieldset>
          <A class="btn btn-primary btn-sm ms-auto" href="/bookings/new">
            {t('bookings.new')}
          </A>
        </div>

        <div aria-live="polite">
          <Show when={notice()}>
            <Success>{notice()}</Success>
          </Show>
        </div>

        <Show when={view() === 'list'} fallback={<WeekNav monday={monday()} onChange={(week) => setParams({ week }, { replace: true })} />}>
          <div class="d-flex flex-wrap gap-3 align-items-end mb-3">
            <div class="sc-field mb-0">
              <label for="bk-from">{t('common.from')}</label>
              <input
                id="bk-from"
                type="date"
                class="form-control"
                value={from()}
                onChange={(e) => setParams({ from: e.currentTarget.value || undefined })}
              />
            </div>
            <div class="sc-field mb-0">
              <label for="bk-to">{t('common.to')}</label>
              <input
                id="bk-to"
                type="date"
                class="form-control"
                value={to()}
                onChange={(e) => setParams({ to: e.currentTarget.value || undefined })}
              />
            </div>
          </div>
        </Show>

        <Suspense fallback={<Loading />}>
          <Show when={bookings()}>
            {(r) => (
              <Show when={r().ok} fallback={<ProblemAlert problem={(r() as { error: unknown }).error} />}>
                <Show
                  when={view() === 'list'}
                  fallback={
                    <WeekCalendar
                      monday={monday()}
                      label={t('bookings.calendarView')}
                      onEventClick={(id) => navigate(`/bookings/${id}`)}
                      events={list()
                        .filter((b) => b.status !== 'cancelled' && b.status !== 'rejected')
                        .map((b) => ({
                          id: b.id,
                          start: b.start,
                          end: b.end,
                          title: `${b.title} · ${labName(b.labId)}`,
                          kind: b.status === 'pending' ? 'pending' : 'confirmed',
                        }))}
                    />
                  }
                >
                  <Show when={list().length > 0} fallback={<Empty>{t('bookings.empty')}</Empty>}>
                    <BookingTable bookings={list()} labName={labName} onCancel={setCancelling} onMove={setMoving} />
                  </Show>
                </Show>
              </Show>
            )}
          </Show>
        </Suspense>

        <Show when={teamId()}>
          {(id) => (
            <>
              <GrantsSection teamId={id()} />
              <CalendarFeed teamId={id()} />
              <TeamInvitations teamId={id()} />
            </>
          )}
        </Show>
      </Show>

      <CancelDialog booking={cancelling()} onClose={() => setCancelling(undefined)} onDone={setNotice} />
      <MoveDialog booking={moving()} onClose={() => setMoving(undefined)} onDone={setNotice} />
    </>
  )
}

function BookingTable(props: {
  bookings: Booking[]
  labName: (id: string) => string
  onCancel: (b: Booking) => void
  onMove: (b: Booking) => void
}) {
  const now = new Date()
  const editable = (b: Booking) => LIVE.has(b.status) && new Date(b.start) > now
  return (
    <div class="table-responsive">
      <table class="table">
        <caption class="visually-hidden">{t('bookings.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('bookings.when')}</th>
            <th scope="col">{t('bookings.what')}</th>
            <th scope="col">{t('bookings.lab')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.bookings}>
            {(b) => (
              <tr>
                <td>{formatRange(b.start, b.end)}</td>
                <th scope="row" class="fw-normal">
                  <A href={`/bookings/${b.id}`}>{b.title}</A>
                  <Show when={b.seriesId}>
                    {' '}
                    <span class="sc-badge">{t('bookings.series')}</span>
                  </Show>
                </th>
                <td>
                  <A href={`/labs/${b.labId}`}>{props.labName(b.labId) || t('bookings.lab')}</A>
                </td>
                <td>{t(`bookingStatus.${b.status}`)}</td>
                <td>
                  <Show when={editable(b)}>
                    <div class="d-flex flex-wrap gap-1">
                      <button type="button" class="btn btn-outline-primary btn-xs btn-sm" onClick={() => props.onMove(b)}>
                        {t('bookings.move')}
                        <span class="visually-hidden">
                          {' '}
                          {b.title}, {formatRange(b.start, b.end)}
                        </span>
                      </button>
                      <button type="button" class="btn btn-outline-danger btn-sm" onClick={() => props.onCancel(b)}>
                        {t('bookings.cancel')}
                        <span class="visually-hidden">
                          {' '}
                          {b.title}, {formatRange(b.start, b.end)}
                        </span>
                      </button>
                    </div>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  )
}

function GrantsSection(props: { teamId: string }) {
  const grants = createAsync(() => settle(getTeamGrants(props.teamId)))
  const scope = (g: Grant) =>
    [g.labType ? t(`labType.${g.labType}`) : '', g.hubId ? t('lab.hub') : ''].filter(Boolean).join(', ') || t('bookings.grantAnywhere')
  return (
    <section class="mt-5" aria-labelledby="grants-title">
      <h2 id="grants-title" class="h4">
        {t('bookings.grants')}
      </h2>
      <Suspense fallback={<Loading />}>
        <Show when={grants()}>
          {(r) => (
            <Show when={r().ok} fallback={<ProblemAlert problem={(r() as { error: unknown }).error} />}>
              <Show when={(r() as { value: Grant[] }).value.length > 0} fallback={<Empty>{t('bookings.grantsEmpty')}</Empty>}>
                <div class="table-responsive">
                  <table class="table table-sm">
                    <caption class="visually-hidden">{t('bookings.grants')}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t('bookings.grantRef')}</th>
                        <th scope="col">{t('bookings.grantPeriod')}</th>
                        <th scope="col">{t('bookings.grantScope')}</th>
                        <th scope="col">{t('bookings.grantHours')}</th>
                        <th scope="col">{t('bookings.grantBooked')}</th>
                        <th scope="col">{t('bookings.grantUsed')}</th>
                        <th scope="col">{t('bookings.grantRemaining')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={(r() as { value: Grant[] }).value}>
                        {(g) => (
                          <tr>
                            <th scope="row" class="fw-normal">
                              {g.reference}
                            </th>
                            <td>
                              {formatDate(g.from)} – {formatDate(g.to)}
                            </td>
                            <td>{scope(g)}</td>
                            <td>{formatNumber(g.hours)}</td>
                            <td>{formatNumber(g.hoursBooked ?? 0)}</td>
                            <td>{formatNumber(g.hoursUsed ?? 0)}</td>
                            <td class="fw-semibold">{formatNumber(g.hoursRemaining ?? g.hours)}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
              </Show>
            </Show>
          )}
        </Show>
      </Suspense>
    </section>
  )
}

function CalendarFeed(props: { teamId: string }) {
  const [url, setUrl] = createSignal('')
  const [pending, setPending] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
  const [copied, setCopied] = createSignal(false)
  const show = async () => {
    setPending(true)
    setProblem(undefined)
    try {
      setUrl((await getTeamCalendarUrl(props.teamId)).url)
    } catch (err) {
      setProblem(err)
    } finally {
      setPending(false)
    }
  }
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url())
      setCopied(true)
    } catch {
      ;(document.getElementById('feed-url') as HTMLInputElement | null)?.select()
    }
  }
  return (
    <section class="mt-5" aria-labelledby="feed-title">
      <h2 id="feed-title" class="h4">
        {t('bookings.feedTitle')}
      </h2>
      <p>{t('bookings.feedIntro')}</p>
      <Show
        when={url()}
        fallback={
          <button type="button" class="btn btn-outline-primary" disabled={pending()} aria-busy={pending()} onClick={show}>
            {pending() ? t('common.working') : t('bookings.feedShow')}
          </button>
        }
      >
        <div class="sc-field">
          <label for="feed-url">{t('bookings.feedLabel')}</label>
          <div class="d-flex flex-wrap gap-2">
            <input
              id="feed-url"
              class="form-control sc-feed-url"
              readOnly
              value={url()}
              style={{ flex: '1 1 16rem' }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <button type="button" class="btn btn-primary" onClick={copy}>
              {t('common.copy')}
            </button>
          </div>
          <p aria-live="polite" class="small mt-1">
            {copied() ? t('common.copied') : ''}
          </p>
        </div>
      </Show>
      <Show when={problem()}>
        <ProblemAlert problem={problem()} />
      </Show>
    </section>
  )
}
