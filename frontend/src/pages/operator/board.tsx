import { type Calendar, Interaction, ResourceTimeGrid, ResourceTimeline } from '@event-calendar/core'
import { A, createAsync, useNavigate, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { getBookings, getClosures, getHubLabs, getHubOpeningHours, type StaffBooking } from '../../api/staff.ts'
import type { Hub } from '../../api/types.ts'
import { DateField } from '../../components/DateTimeInput.tsx'
import { EventCalendar } from '../../components/EventCalendar.tsx'
import { Pager, pageOf, TableBox } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { intlLocale, t } from '../../i18n/index.ts'
import { bookingFormHref } from '../../lib/booking-link.ts'
import { calendarWall } from '../../lib/calendar-time.ts'
import { cardTable } from '../../lib/card-table.ts'
import {
  addDays,
  addMonths,
  floating,
  formatClosure,
  formatDate,
  formatLongDate,
  formatTime,
  formatWeek,
  isDate,
  mondayOf,
  today,
} from '../../lib/format.ts'
import { BookingActions, BookingSummary, StatusBadge } from './booking-actions.tsx'
import { boardHours } from './opening-hours.ts'

/** Colours of the board by status (white text on each passes WCAG AA contrast). */
export const STATUS_COLORS: Record<string, string> = {
  pending: '#8a5300',
  confirmed: '#0066cc',
  completed: '#00652e',
  no_show: '#a61919',
}
const SHOWN = new Set(Object.keys(STATUS_COLORS))

const GRID_ROLES = new Set(['table', 'grid', 'rowgroup', 'row', 'columnheader', 'rowheader', 'cell', 'gridcell'])

/**
 * The calendar marks its layout as an ARIA table, but puts the events (buttons) inside its row groups, which
 * assistive technology cannot read as a table (axe: aria-required-children). Its layout is made plain: the
 * events stay buttons named by their time and title, and the board's bookings are also listed in a real table
 * below it. A MutationObserver keeps it so as the calendar redraws.
 */
function plainCalendarLayout(root: HTMLElement): () => void {
  const strip = () => {
    for (const el of root.querySelectorAll('[role]')) if (GRID_ROLES.has(el.getAttribute('role') ?? '')) el.removeAttribute('role')
    for (const el of root.querySelectorAll('[aria-colindex], [aria-rowindex], [aria-colcount], [aria-rowcount]'))
      for (const name of ['aria-colindex', 'aria-rowindex', 'aria-colcount', 'aria-rowcount']) el.removeAttribute(name)
  }
  strip()
  const observer = new MutationObserver(strip)
  observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-colindex', 'aria-rowindex'] })
  return () => observer.disconnect()
}

/** Closures are shown as grey bands behind the bookings, with their reason listed above the calendar. */
const CLOSURE_COLOR = '#d9dadb'

type BoardView = 'day' | 'week' | 'month'

/**
 * The schedule board. A day: the hub's labs as columns, hours as rows. A week or a month: a timeline with the
 * labs as rows and the days as columns (it scrolls sideways on a narrow screen, and says so).
 */
export function Board(props: { hub: Hub; teamName: (id: string | null) => string | undefined }) {
  // The view and the day are in the URL (?view=week&date=…): a board can be shared and reloaded.
  const [params, setParams] = useSearchParams<{ view?: string; date?: string }>()
  const navigate = useNavigate()
  const view = (): BoardView => (params.view === 'week' || params.view === 'month' ? params.view : 'day')
  const date = () => (params.date && isDate(params.date) ? params.date : today())
  const setView = (next: BoardView) => setParams({ view: next === 'day' ? undefined : next })
  const setDate = (next: string) => setParams({ date: next === today() ? undefined : next })
  const [selected, setSelected] = createSignal<string>()
  const [offset, setOffset] = createSignal(0)

  const start = () => (view() === 'day' ? date() : view() === 'week' ? mondayOf(date()) : `${date().slice(0, 8)}01`)
  const end = () => (view() === 'month' ? addMonths(start(), 1) : addDays(start(), view() === 'day' ? 1 : 7))
  const step = (sign: number) => {
    setDate(view() === 'month' ? addMonths(start(), sign) : addDays(date(), sign * (view() === 'day' ? 1 : 7)))
    setOffset(0)
  }
  const closures = createAsync(() =>
    getClosures(props.hub.id, `${start()}T00:00`)
      .then((list) => list.filter((c) => c.start.slice(0, 10) < end()))
      .catch(() => []),
  )

  const labs = createAsync(() => getHubLabs(props.hub.id))
  const hours = createAsync(() => getHubOpeningHours(props.hub.id).catch(() => []))
  const result = createAsync(() => getBookings({ hubId: props.hub.id, from: `${start()}T00:00`, to: `${end()}T00:00` }))

  const labName = (id: string) => labs()?.find((l) => l.id === id)?.name
  const bookings = createMemo(() =>
    (result()?.items ?? [])
      .filter((b) => SHOWN.has(b.status))
      .sort((a, b) => a.start.localeCompare(b.start) || a.labId.localeCompare(b.labId)),
  )
  const selectedBooking = () => bookings().find((b) => b.id === selected())

  const range = createMemo(() => boardHours(hours() ?? []))
  const timeline = () => view() !== 'day'
  const closureEvents = () =>
    (closures() ?? []).map((c) => ({
      id: `closure-${c.id}`,
      resourceIds: c.labId ? [c.labId] : (labs() ?? []).map((l) => l.id),
      start: floating(c.start),
      end: floating(c.end),
      title: `${t('staff.board.closed')}: ${c.reason}`,
      // A shaded band carrying its reason, in the day's columns as in the timeline's rows.
      display: 'auto' as const,
      backgroundColor: CLOSURE_COLOR,
      textColor: '#1a1a1a',
      classNames: ['sc-closure-event'],
    }))
  const options = (): Calendar.Options => ({
    view: timeline() ? 'resourceTimelineMonth' : 'resourceTimeGridDay',
    duration: view() === 'week' ? { days: 7 } : view() === 'month' ? { months: 1 } : { days: 1 },
    date: start(),
    firstDay: 1,
    locale: intlLocale(),
    timeZone: 'UTC',
    headerToolbar: { start: '', center: '', end: '' },
    allDaySlot: false,
    height: 'auto',
    slotMinTime: range().min,
    slotMaxTime: range().max,
    slotDuration: timeline() ? { days: 1 } : '00:30',
    slotWidth: view() === 'week' ? 150 : 64,
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
    resources: (labs() ?? []).map((l) => ({ id: l.id, title: l.name })),
    events: [
      ...closureEvents(),
      ...bookings().map((b) => ({
        id: b.id,
        resourceIds: [b.labId],
        start: floating(b.start),
        end: floating(b.end),
        title: `${b.title}${props.teamName(b.teamId) ? ` — ${props.teamName(b.teamId)}` : ''}${b.status === 'pending' ? ` (${t('bookingStatus.pending')})` : ''}${b.releasedAt ? ` (${t('checkin.releasedShort')})` : ''}${b.checkedInAt ? ' ✓' : ''}`,
        backgroundColor: STATUS_COLORS[b.status],
        textColor: '#ffffff',
      })),
    ],
    // A day's columns are labs: dragging over free time opens the booking form on that lab, day and times.
    selectable: view() === 'day',
    selectMinDistance: 5,
    snapDuration: '00:15',
    selectBackgroundColor: '#b3d7ff',
    select: (info) => {
      const labId = info.resource?.id
      if (!labId) return
      const start = calendarWall(info.start)
      const end = calendarWall(info.end)
      navigate(bookingFormHref({ labId: String(labId), date: start.slice(0, 10), start: start.slice(11, 16), end: end.slice(11, 16) }))
    },
    // In a week or a month, a day opens that day's board.
    dateClick: (info) => {
      if (view() === 'day') return
      setParams({ view: undefined, date: calendarWall(info.date).slice(0, 10) })
    },
    eventClick: (info) => {
      if (String(info.event.id).startsWith('closure-')) return
      setSelected(String(info.event.id))
      queueMicrotask(() => document.getElementById('board-selected')?.focus())
    },
  })

  return (
    <section aria-labelledby="board-title">
      <h2 id="board-title" class="h4">
        {t('staff.board.title')}
      </h2>
      <fieldset class="sc-toolbar">
        <legend class="visually-hidden">{t('staff.board.navigation')}</legend>
        <div class="btn-group">
          <button
            type="button"
            class="btn btn-sm btn-outline-primary"
            aria-pressed={view() === 'day'}
            classList={{ active: view() === 'day' }}
            onClick={() => setView('day')}
          >
            {t('staff.board.day')}
          </button>
          <button
            type="button"
            class="btn btn-sm btn-outline-primary"
            aria-pressed={view() === 'week'}
            classList={{ active: view() === 'week' }}
            onClick={() => setView('week')}
          >
            {t('staff.board.week')}
          </button>
          <button
            type="button"
            class="btn btn-sm btn-outline-primary"
            aria-pressed={view() === 'month'}
            classList={{ active: view() === 'month' }}
            onClick={() => setView('month')}
          >
            {t('staff.board.month')}
          </button>
        </div>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => step(-1)}>
          {view() === 'day' ? t('staff.board.previousDay') : view() === 'week' ? t('common.previousWeek') : t('staff.board.previousMonth')}
        </button>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => setDate(today())}>
          {t('staff.board.today')}
        </button>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => step(1)}>
          {view() === 'day' ? t('staff.board.nextDay') : view() === 'week' ? t('common.nextWeek') : t('staff.board.nextMonth')}
        </button>
        <DateField
          id="board-date"
          class="sc-board-date mb-0"
          label={t('staff.board.goTo')}
          value={date()}
          onValue={(v) => v && setDate(v)}
        />
        <span class="sc-toolbar-label" aria-live="polite">
          {view() === 'day'
            ? formatLongDate(date())
            : view() === 'week'
              ? formatWeek(start())
              : formatDate(start(), { month: 'long', year: 'numeric' })}
        </span>
      </fieldset>
      <ul class="sc-legend" aria-label={t('staff.board.legend')}>
        <For each={Object.entries(STATUS_COLORS)}>
          {([status, color]) => (
            <li>
              <span class="sc-swatch" style={{ background: color }} aria-hidden="true" />
              {t(`bookingStatus.${status}` as 'bookingStatus.pending')}
            </li>
          )}
        </For>
        <li>
          <span class="sc-swatch sc-swatch-closed" style={{ background: CLOSURE_COLOR }} aria-hidden="true" />
          {t('staff.board.closed')}
        </li>
      </ul>
      <Show when={(closures() ?? []).length > 0}>
        <ul class="sc-closures-list" aria-label={t('staff.board.closuresOfPeriod')}>
          <For each={closures()}>
            {(c) => (
              <li>
                <strong>{t('staff.board.closed')}</strong> {formatClosure(c.start, c.end)}: {c.reason}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={timeline()}>
        <p class="small sc-scroll-hint">{t('staff.board.scrollHint')}</p>
      </Show>
      <AsyncBoundary>
        <Show when={(labs() ?? []).length > 0} fallback={<Empty>{t('staff.board.noLabs')}</Empty>}>
          <section
            class="sc-board"
            classList={{ timeline: timeline(), week: view() === 'week', month: view() === 'month' }}
            tabindex="0"
            aria-label={
              timeline() ? t('staff.board.timelineLabel', { hub: props.hub.name }) : t('staff.board.calendarLabel', { hub: props.hub.name })
            }
            ref={(el) => onMount(() => onCleanup(plainCalendarLayout(el)))}
          >
            <EventCalendar plugins={[ResourceTimeGrid, ResourceTimeline, Interaction]} options={options()} />
          </section>
          <Show when={view() === 'day'}>
            <BookSlot labs={labs() ?? []} date={date()} />
          </Show>
          <Show when={selectedBooking()}>
            {(b) => (
              <section id="board-selected" class="sc-card my-3" tabindex="-1" aria-labelledby="board-selected-title">
                <h3 id="board-selected-title" class="h5">
                  {t('staff.board.selected')}
                </h3>
                <BookingSummary booking={b()} labName={labName(b().labId)} teamName={props.teamName(b().teamId)} />
                <p>
                  <A href={`/bookings/${b().id}`}>{t('staff.board.openPage')}</A>
                </p>
                <BookingActions booking={b()} idPrefix="board" />
                <button type="button" class="btn btn-link btn-sm px-0" onClick={() => setSelected(undefined)}>
                  {t('common.close')}
                </button>
              </section>
            )}
          </Show>
          <h3 class="h5 mt-4">{t('staff.board.listTitle')}</h3>
          <Show when={bookings().length > 0} fallback={<Empty>{t('staff.board.empty')}</Empty>}>
            <BookingTable
              bookings={pageOf(bookings(), offset(), 25)}
              labName={labName}
              teamName={props.teamName}
              onSelect={(id) => {
                setSelected(id)
                queueMicrotask(() => document.getElementById('board-selected')?.focus())
              }}
              caption={t('staff.board.listTitle')}
            />
            <Pager total={bookings().length} offset={offset()} limit={25} onChange={setOffset} />
          </Show>
        </Show>
      </AsyncBoundary>
    </section>
  )
}

/** "Prenota questo orario" without a pointer: lab and times of the day shown, then the booking form. */
function BookSlot(props: { labs: { id: string; name: string }[]; date: string }) {
  const navigate = useNavigate()
  const [labId, setLabId] = createSignal('')
  const [start, setStart] = createSignal('09:00')
  const [end, setEnd] = createSignal('11:00')
  const [invalid, setInvalid] = createSignal(false)
  const chosenLab = () => labId() || props.labs[0]?.id || ''
  const submit = (e: Event) => {
    e.preventDefault()
    if (end() <= start()) {
      setInvalid(true)
      document.getElementById('board-book-end')?.focus()
      return
    }
    navigate(bookingFormHref({ labId: chosenLab(), date: props.date, start: start(), end: end() }))
  }
  return (
    <form class="sc-form sc-board-book mt-3" onSubmit={submit} aria-labelledby="board-book-title">
      <h3 id="board-book-title" class="h6 mb-1">
        {t('calendar.boardBookTitle')} · {formatLongDate(props.date)}
      </h3>
      <p class="small mb-2">{t('calendar.boardBookHelp')}</p>
      <div class="d-flex flex-wrap gap-2 align-items-end">
        <div class="sc-field mb-0">
          <label for="board-book-lab">{t('calendar.boardBookLab')}</label>
          <select
            id="board-book-lab"
            class="form-select form-select-sm"
            value={chosenLab()}
            onChange={(e) => setLabId(e.currentTarget.value)}
          >
            <For each={props.labs}>
              {(l) => (
                <option value={l.id} selected={l.id === chosenLab()}>
                  {l.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="sc-field mb-0">
          <label for="board-book-start">{t('calendar.boardBookStart')}</label>
          <input
            id="board-book-start"
            type="time"
            class="form-control form-control-sm"
            value={start()}
            onInput={(e) => setStart(e.currentTarget.value)}
            required
          />
        </div>
        <div class="sc-field mb-0">
          <label for="board-book-end">{t('calendar.boardBookEnd')}</label>
          <input
            id="board-book-end"
            type="time"
            class="form-control form-control-sm"
            value={end()}
            onInput={(e) => {
              setEnd(e.currentTarget.value)
              setInvalid(false)
            }}
            required
            aria-invalid={invalid()}
            aria-describedby={invalid() ? 'board-book-invalid' : undefined}
          />
        </div>
        <button type="submit" class="btn btn-primary btn-sm">
          {t('calendar.boardBookSubmit')}
        </button>
      </div>
      <Show when={invalid()}>
        <p id="board-book-invalid" class="text-danger small mt-1 mb-0" role="alert">
          {t('calendar.boardBookInvalid')}
        </p>
      </Show>
    </form>
  )
}

function BookingTable(props: {
  bookings: StaffBooking[]
  labName: (id: string) => string | undefined
  teamName: (id: string | null) => string | undefined
  onSelect: (id: string) => void
  caption: string
}) {
  return (
    <TableBox label={props.caption}>
      <table ref={cardTable} class="table table-sm">
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.common.when')}</th>
            <th scope="col">{t('staff.common.lab')}</th>
            <th scope="col">{t('staff.common.activity')}</th>
            <th scope="col">{t('staff.common.team')}</th>
            <th scope="col">{t('common.status')}</th>
            <th scope="col">
              <span class="visually-hidden">{t('common.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={props.bookings}>
            {(b) => (
              <tr>
                <td>
                  {formatLongDate(b.start.slice(0, 10))}, {formatTime(b.start)}–{formatTime(b.end)}
                </td>
                <td>{props.labName(b.labId) ?? ''}</td>
                <td>{b.title}</td>
                <td>{props.teamName(b.teamId) ?? t('staff.common.internalUse')}</td>
                <td>
                  <StatusBadge status={b.status} />
                  <Show when={b.releasedAt}>
                    <span class="d-block small">{t('checkin.releasedShort')}</span>
                  </Show>
                  <Show when={b.checkedInAt}>
                    <span class="d-block small">{t('checkin.checkedInShort')}</span>
                  </Show>
                </td>
                <td>
                  <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onSelect(b.id)}>
                    {t('staff.board.open')}
                    <span class="visually-hidden"> {b.title}</span>
                  </button>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableBox>
  )
}
