import { type Calendar, ResourceTimeGrid } from '@event-calendar/core'
import { createAsync } from '@solidjs/router'
import { createMemo, createSignal, For, onCleanup, onMount, Show } from 'solid-js'
import { getBookings, getHubLabs, getHubOpeningHours, type StaffBooking } from '../../api/staff.ts'
import type { Hub } from '../../api/types.ts'
import { EventCalendar } from '../../components/EventCalendar.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { intlLocale, t } from '../../i18n/index.ts'
import { addDays, floating, formatLongDate, formatTime, formatWeek, mondayOf, today } from '../../lib/format.ts'
import { BookingActions, BookingSummary, StatusBadge } from './booking-actions.tsx'
import { pageOf, Pager, TableBox } from './kit.tsx'
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

/** The schedule board: the hub's labs as columns, a day or a week of hours as rows. */
export function Board(props: { hub: Hub; teamName: (id: string | null) => string | undefined }) {
  const [view, setView] = createSignal<'day' | 'week'>('day')
  const [date, setDate] = createSignal(today())
  const [selected, setSelected] = createSignal<string>()
  const [offset, setOffset] = createSignal(0)

  const start = () => (view() === 'day' ? date() : mondayOf(date()))
  const end = () => addDays(start(), view() === 'day' ? 1 : 7)
  const step = (sign: number) => {
    setDate(addDays(date(), sign * (view() === 'day' ? 1 : 7)))
    setOffset(0)
  }

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
  const options = (): Calendar.Options => ({
    view: view() === 'day' ? 'resourceTimeGridDay' : 'resourceTimeGridWeek',
    date: start(),
    firstDay: 1,
    locale: intlLocale(),
    timeZone: 'UTC',
    headerToolbar: { start: '', center: '', end: '' },
    allDaySlot: false,
    height: 'auto',
    datesAboveResources: view() === 'week',
    slotMinTime: range().min,
    slotMaxTime: range().max,
    slotDuration: '00:30',
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
    resources: (labs() ?? []).map((l) => ({ id: l.id, title: l.name })),
    events: bookings().map((b) => ({
      id: b.id,
      resourceIds: [b.labId],
      start: floating(b.start),
      end: floating(b.end),
      title: `${b.title}${props.teamName(b.teamId) ? ` — ${props.teamName(b.teamId)}` : ''}${b.status === 'pending' ? ` (${t('bookingStatus.pending')})` : ''}${b.releasedAt ? ` (${t('checkin.releasedShort')})` : ''}${b.checkedInAt ? ' ✓' : ''}`,
      backgroundColor: STATUS_COLORS[b.status],
      textColor: '#ffffff',
    })),
    eventClick: (info) => {
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
        </div>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => step(-1)}>
          {view() === 'day' ? t('staff.board.previousDay') : t('common.previousWeek')}
        </button>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => setDate(today())}>
          {t('staff.board.today')}
        </button>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => step(1)}>
          {view() === 'day' ? t('staff.board.nextDay') : t('common.nextWeek')}
        </button>
        <label class="visually-hidden" for="board-date">
          {t('staff.board.goTo')}
        </label>
        <input
          id="board-date"
          type="date"
          class="form-control form-control-sm w-auto"
          value={date()}
          onChange={(e) => e.currentTarget.value && setDate(e.currentTarget.value)}
        />
        <span class="sc-toolbar-label" aria-live="polite">
          {view() === 'day' ? formatLongDate(date()) : formatWeek(start())}
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
      </ul>
      <AsyncBoundary>
        <Show when={(labs() ?? []).length > 0} fallback={<Empty>{t('staff.board.noLabs')}</Empty>}>
          <div class="sc-board" classList={{ week: view() === 'week' }} ref={(el) => onMount(() => onCleanup(plainCalendarLayout(el)))}>
            <EventCalendar
              plugins={[ResourceTimeGrid]}
              options={options()}
              label={t('staff.board.calendarLabel', { hub: props.hub.name })}
            />
          </div>
          <Show when={selectedBooking()}>
            {(b) => (
              <section id="board-selected" class="sc-card my-3" tabindex="-1" aria-labelledby="board-selected-title">
                <h3 id="board-selected-title" class="h5">
                  {t('staff.board.selected')}
                </h3>
                <BookingSummary booking={b()} labName={labName(b().labId)} teamName={props.teamName(b().teamId)} />
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

function BookingTable(props: {
  bookings: StaffBooking[]
  labName: (id: string) => string | undefined
  teamName: (id: string | null) => string | undefined
  onSelect: (id: string) => void
  caption: string
}) {
  return (
    <TableBox label={props.caption}>
      <table class="table table-sm">
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
