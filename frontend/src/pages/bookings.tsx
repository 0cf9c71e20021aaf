import { A, createAsync, useNavigate, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, For, lazy, Show, Suspense } from 'solid-js'
import { getBookings, getTeamGrants } from '../api/bookings.ts'
import { getClosuresBetween } from '../api/calendars.ts'
import { getEquipmentTypes, getLabs } from '../api/catalogue.ts'
import { settle } from '../api/client.ts'
import type { Booking, Closure, Grant, Me } from '../api/types.ts'
import { CancelDialog, MoveDialog } from '../components/BookingDialogs.tsx'
import { CalendarControls, type PeriodView, periodEnd, periodStart } from '../components/CalendarControls.tsx'
import { CalendarSubscribe } from '../components/CalendarSubscribe.tsx'
import { DateField } from '../components/DateTimeInput.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Empty, Loading } from '../components/States.tsx'
import { TeamInvitations } from '../components/TeamInvitations.tsx'
import { toast } from '../components/Toast.tsx'
import { locale, t } from '../i18n/index.ts'
import { bookingFormHref } from '../lib/booking-link.ts'
import { cardTable } from '../lib/card-table.ts'
import { addDays, formatClosure, formatDate, formatNumber, formatRange, isDate, mondayOf, today } from '../lib/format.ts'
import { labNamer } from '../lib/lab-names.ts'
import { seriesInWords } from '../lib/recurrence-words.ts'
import { useSession } from '../session/session.tsx'

/** The calendar library loads with the calendar views only. */
const ScheduleCalendar = lazy(() => import('../components/ScheduleCalendar.tsx'))

type Params = { team?: string; view?: string; from?: string; to?: string; week?: string; month?: string }

/** A booking's status in words; a booking a closure cancelled says so, with the closure's reason. */
export function statusInWords(b: Pick<Booking, 'status' | 'cancelCause' | 'statusReason'>): string {
  if (b.status === 'cancelled' && b.cancelCause === 'closure') return t('calendar.closureCancelled', { reason: b.statusReason ?? '' })
  return t(`bookingStatus.${b.status}`)
}

/** The closures that concern the team: every hub's, and those of the hubs and labs it books in the period. */
function closuresOfTeam(all: Closure[], bookings: Booking[]): Closure[] {
  const hubs = new Set(bookings.map((b) => b.hubId).filter(Boolean))
  const labs = new Set(bookings.map((b) => b.labId))
  return all.filter((c) => (!c.hubId && !c.labId) || (c.hubId && hubs.has(c.hubId)) || (c.labId && labs.has(c.labId)))
}

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

/** What the address says about the period shown: the list's dates, or the calendar's week or month. */
function createBookingsPeriod() {
  const [params, setParams] = useSearchParams<Params>()
  // `view=calendar` is the week of older links.
  const view = (): 'list' | PeriodView =>
    params.view === 'month' ? 'month' : params.view === 'week' || params.view === 'calendar' ? 'week' : 'list'
  const calendarView = (): PeriodView => (view() === 'month' ? 'month' : 'week')
  const from = () => (params.from && isDate(params.from) ? params.from : today())
  const to = () => (params.to && isDate(params.to) ? params.to : addDays(from(), 56))
  const calendarDate = () => {
    if (view() === 'month' && params.month && isDate(`${params.month}-01`)) return `${params.month}-01`
    return params.week && isDate(params.week) ? params.week : today()
  }
  const period = () =>
    view() === 'list'
      ? { from: from(), to: addDays(to(), 1) }
      : { from: periodStart(calendarView(), calendarDate()), to: periodEnd(calendarView(), calendarDate()) }
  const setCalendar = (next: PeriodView, day: string) =>
    setParams(
      next === 'month'
        ? { view: 'month', month: day.slice(0, 7), week: undefined }
        : { view: 'week', week: mondayOf(day), month: undefined },
      { replace: true },
    )
  return { params, setParams, view, calendarView, from, to, calendarDate, period, setCalendar }
}
type BookingsPeriod = ReturnType<typeof createBookingsPeriod>

function TeamBookings(props: { me: Me }) {
  const p = createBookingsPeriod()
  const teamId = () => (p.params.team && props.me.teams.some((tm) => tm.id === p.params.team) ? p.params.team : props.me.teams[0]?.id)
  const closures = createAsync(() =>
    p.view() === 'list'
      ? Promise.resolve([] as Closure[])
      : getClosuresBetween(p.period().from, p.period().to).catch(() => [] as Closure[]),
  )

  const labs = createAsync(() => getLabs())
  // a lab's name, with its hub where two labs share a name
  const namer = createMemo(() => labNamer(labs() ?? []))
  const labName = (id: string) => namer().name(id)
  const types = createAsync(() => getEquipmentTypes())
  const typeName = (id: string) => types()?.find((ty) => ty.id === id)?.name ?? ''
  const bookings = createAsync(() => settle(getBookings({ teamId: teamId(), ...p.period() })))
  const list = createMemo(() => {
    const r = bookings()
    return r?.ok ? [...r.value].sort((a, b) => a.start.localeCompare(b.start)) : []
  })
  const teamClosures = createMemo(() => closuresOfTeam(closures() ?? [], list()))

  const [cancelling, setCancelling] = createSignal<Booking>()
  const [moving, setMoving] = createSignal<Booking>()

  return (
    <>
      <Show when={props.me.teams.length > 0 || props.me.role !== 'member'} fallback={<Empty>{t('bookings.noTeam')}</Empty>}>
        <BookingsToolbar me={props.me} teamId={teamId()} period={p} />

        <Show when={teamId()}>
          {(id) => <CalendarSubscribe teamId={id()} teamName={props.me.teams.find((tm) => tm.id === id())?.name ?? ''} idPrefix="bk" />}
        </Show>

        <PeriodFields period={p} closures={teamClosures()} />

        <Suspense fallback={<Loading />}>
          <Show when={bookings()}>
            {(r) => (
              <Show when={r().ok} fallback={<ProblemAlert problem={(r() as { error: unknown }).error} />}>
                <Show
                  when={p.view() === 'list'}
                  fallback={<TeamCalendar period={p} bookings={list()} closures={teamClosures()} labName={labName} />}
                >
                  <Show when={list().length > 0} fallback={<Empty>{t('bookings.empty')}</Empty>}>
                    <BookingTable bookings={list()} labName={labName} typeName={typeName} onCancel={setCancelling} onMove={setMoving} />
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
              <TeamInvitations teamId={id()} />
            </>
          )}
        </Show>
      </Show>

      <CancelDialog booking={cancelling()} onClose={() => setCancelling(undefined)} />
      <MoveDialog booking={moving()} onClose={() => setMoving(undefined)} onDone={(message) => toast.success(message)} />
    </>
  )
}

/** The team (a choice when the person has several), list or calendar, and «Nuova prenotazione». */
function BookingsToolbar(props: { me: Me; teamId: string | undefined; period: BookingsPeriod }) {
  const view = () => props.period.view()
  const setParams = (next: Params) => props.period.setParams(next)
  return (
    <div class="d-flex flex-wrap gap-3 align-items-end mb-3">
      <Show when={props.me.teams.length > 1}>
        <div class="sc-field mb-0">
          <label for="bk-team">{t('bookings.team')}</label>
          <select id="bk-team" class="form-select" value={props.teamId} onChange={(e) => setParams({ team: e.currentTarget.value })}>
            <For each={props.me.teams}>
              {(tm) => (
                <option value={tm.id} selected={tm.id === props.teamId}>
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
            classList={{ 'btn-primary': view() !== 'list', 'btn-outline-primary': view() === 'list' }}
            aria-pressed={view() !== 'list'}
            onClick={() => setParams({ view: 'week' })}
          >
            {t('bookings.calendarView')}
          </button>
        </div>
      </fieldset>
      <A class="btn btn-primary btn-sm ms-auto" href="/bookings/new">
        {t('bookings.new')}
      </A>
    </div>
  )
}

/** The period: from and to for the list; week or month, the date and the period's closures for the calendar. */
function PeriodFields(props: { period: BookingsPeriod; closures: Closure[] }) {
  const p = props.period
  return (
    <Show
      when={p.view() === 'list'}
      fallback={
        <>
          <p class="small">{t('calendar.mineHelp')}</p>
          <CalendarControls
            view={p.calendarView()}
            date={p.calendarDate()}
            idPrefix="bk-cal"
            onView={(v) => p.setCalendar(v, p.calendarDate())}
            onDate={(d) => p.setCalendar(p.calendarView(), d)}
          />
          <Show when={props.closures.length > 0}>
            <ul class="sc-closures-list" aria-label={t('calendar.closuresOfPeriod')}>
              <For each={props.closures}>
                {(c) => <li>{t('calendar.closureLine', { when: formatClosure(c.start, c.end), reason: c.reason })}</li>}
              </For>
            </ul>
          </Show>
        </>
      }
    >
      <div class="d-flex flex-wrap gap-3 align-items-end mb-3">
        {/* dd/mm/yyyy whatever the browser's locale; the list follows each complete date */}
        <DateField id="bk-from" class="mb-0" label={t('common.from')} value={p.from()} onValue={(v) => v && p.setParams({ from: v })} />
        <DateField id="bk-to" class="mb-0" label={t('common.to')} value={p.to()} onValue={(v) => v && p.setParams({ to: v })} />
      </div>
    </Show>
  )
}

/** The team's week or month: its live bookings (a click opens one), the closures shaded, free time to drag over. */
function TeamCalendar(props: { period: BookingsPeriod; bookings: Booking[]; closures: Closure[]; labName: (id: string) => string }) {
  const navigate = useNavigate()
  const p = props.period
  return (
    <ScheduleCalendar
      view={p.calendarView()}
      date={p.period().from}
      label={t('bookings.calendarView')}
      onEventClick={(id) => navigate(`/bookings/${id}`)}
      onSelect={(slot) => navigate(bookingFormHref(slot))}
      onDayClick={(day) => p.setCalendar('week', day)}
      events={[
        ...props.closures.map((c) => ({
          id: `closure-${c.id}`,
          start: c.start,
          end: c.end,
          title: t('calendar.closedBand', { reason: c.reason }),
          kind: 'closed' as const,
        })),
        ...props.bookings
          .filter((b) => b.status !== 'cancelled' && b.status !== 'rejected')
          .map((b) => ({
            id: b.id,
            start: b.start,
            end: b.end,
            title: `${b.title} · ${props.labName(b.labId)}`,
            kind: b.status === 'pending' ? ('pending' as const) : ('confirmed' as const),
          })),
      ]}
    />
  )
}

function BookingTable(props: {
  bookings: Booking[]
  labName: (id: string) => string
  typeName: (id: string) => string
  onCancel: (b: Booking) => void
  onMove: (b: Booking) => void
}) {
  const now = new Date()
  const editable = (b: Booking) => LIVE.has(b.status) && new Date(b.start) > now
  return (
    <div class="table-responsive">
      <table ref={cardTable} class="table">
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
                  <Show when={b.series}>
                    {(series) => <span class="d-block small sc-series-rule">{seriesInWords(series(), locale())}</span>}
                  </Show>
                  <Show when={(b.equipment ?? []).length > 0}>
                    <span class="d-block small sc-equipment-line">
                      {t('bookings.equipmentLine', {
                        list: (b.equipment ?? []).map((e) => `${props.typeName(e.typeId)} × ${e.assetIds.length}`).join(', '),
                      })}
                    </span>
                  </Show>
                </th>
                <td>
                  <A href={`/labs/${b.labId}`}>{props.labName(b.labId) || t('bookings.lab')}</A>
                </td>
                <td>{statusInWords(b)}</td>
                <td>
                  <Show when={editable(b)}>
                    <div class="d-flex flex-wrap gap-1">
                      <button
                        type="button"
                        id={`bk-move-${b.id}`}
                        class="btn btn-outline-primary btn-xs btn-sm"
                        onClick={() => props.onMove(b)}
                      >
                        {t('bookings.move')}
                        <span class="visually-hidden">
                          {' '}
                          {b.title}, {formatRange(b.start, b.end)}
                        </span>
                      </button>
                      <button
                        type="button"
                        id={`bk-cancel-${b.id}`}
                        class="btn btn-outline-danger btn-sm"
                        onClick={() => props.onCancel(b)}
                      >
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
                {/* a region the keyboard can scroll (axe scrollable-region-focusable) */}
                <section class="table-responsive" tabindex="0" aria-label={t('bookings.grants')}>
                  <table ref={cardTable} class="table table-sm">
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
                </section>
              </Show>
            </Show>
          )}
        </Show>
      </Suspense>
    </section>
  )
}
