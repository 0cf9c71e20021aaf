import { type Calendar, DayGrid, Interaction, List, TimeGrid } from '@event-calendar/core'
import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { intlLocale, t } from '../i18n/index.ts'
import { calendarWall } from '../lib/calendar-time.ts'
import { addDays, floating, formatDate, today } from '../lib/format.ts'
import { createNarrow } from '../lib/narrow.ts'
import { EventCalendar } from './EventCalendar.tsx'

export type CalendarView = 'week' | 'month'

export interface ScheduleEvent {
  id?: string
  start: string
  end: string
  title: string
  kind?: 'busy' | 'free' | 'closed' | 'pending' | 'confirmed' | 'mine' | 'conflict'
  /** Shown behind the grid (free time) rather than as a block. */
  background?: boolean
}

/** Colours of the calendars (white text on the dark ones passes WCAG AA contrast). */
export const CALENDAR_COLORS: Record<NonNullable<ScheduleEvent['kind']>, { bg: string; fg: string }> = {
  free: { bg: '#d4edda', fg: '#0b3d1c' },
  busy: { bg: '#5c6f82', fg: '#ffffff' },
  closed: { bg: '#e4e5e6', fg: '#1a1a1a' },
  pending: { bg: '#8a5300', fg: '#ffffff' },
  confirmed: { bg: '#0066cc', fg: '#ffffff' },
  mine: { bg: '#0066cc', fg: '#ffffff' },
  conflict: { bg: '#a61919', fg: '#ffffff' },
}

/** A slot chosen on the calendar, in the hub's wall-clock time. */
export interface ChosenSlot {
  date: string
  start: string
  end: string
}

const local = calendarWall

/**
 * A week (hours × days, Monday first) or a month (days) of hub-local times. Instants lose their offset and the
 * calendar runs in UTC, so the grid shows the hub's wall-clock times whatever the browser's zone. Closures are
 * shaded bands carrying their reason. With `onSelect`, dragging over free time in the week chooses a slot
 * (`canSelect` says where); with `onDayClick`, a day of the month opens that day's week.
 * On a phone (below 576 px) the week shows one day at a time, chosen from a row of the week's days, and the
 * month is a list of its events by day: seven columns or cells of a few pixels cannot be read.
 * Loaded lazily (`lazy(() => import(...))`): the calendar library stays out of the first page.
 */
export default function ScheduleCalendar(props: {
  view: CalendarView
  date: string
  events: ScheduleEvent[]
  label: string
  slotMinTime?: string
  slotMaxTime?: string
  onEventClick?: (id: string) => void
  onSelect?: (slot: ChosenSlot) => void
  canSelect?: (start: string, end: string) => boolean
  onDayClick?: (date: string) => void
}) {
  const narrow = createNarrow()
  /** The day a phone shows of the week: today when the week holds it, else its Monday. */
  const firstDay = () => {
    const now = today()
    return now >= props.date && now < addDays(props.date, 7) ? now : props.date
  }
  const [day, setDay] = createSignal(firstDay())
  createEffect(
    on(
      () => props.date,
      () => setDay(firstDay()),
      { defer: true },
    ),
  )
  const view = () => {
    if (props.view === 'month') return narrow() ? 'listMonth' : 'dayGridMonth'
    return narrow() ? 'timeGridDay' : 'timeGridWeek'
  }
  const options = (): Calendar.Options => ({
    view: view(),
    date: props.view === 'week' && narrow() ? day() : props.date,
    firstDay: 1,
    locale: intlLocale(),
    timeZone: 'UTC',
    headerToolbar: { start: '', center: '', end: '' },
    allDaySlot: false,
    height: 'auto',
    slotMinTime: props.slotMinTime ?? '07:00',
    slotMaxTime: props.slotMaxTime ?? '23:00',
    slotDuration: '00:30',
    snapDuration: '00:15',
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    dayHeaderFormat: props.view === 'month' ? { weekday: 'short' } : { weekday: 'short', day: 'numeric' },
    listDayFormat: { weekday: 'long', day: 'numeric', month: 'long' },
    noEventsContent: t('calendar.noEvents'),
    dayMaxEvents: props.view === 'month',
    moreLinkContent: (arg: { num: number }) => t('calendar.more', { n: arg.num }),
    events: props.events
      // The month shows what happens on each day; free time is read in the week.
      .filter((e) => !(props.view === 'month' && e.kind === 'free'))
      .map((e, i) => {
        const color = CALENDAR_COLORS[e.kind ?? 'busy']
        const closed = e.kind === 'closed'
        return {
          id: e.id ?? `e${i}`,
          start: floating(e.start),
          end: floating(e.end),
          title: e.title,
          display: e.background ? 'background' : 'auto',
          backgroundColor: color.bg,
          textColor: color.fg,
          classNames: closed ? ['sc-closure-event'] : [],
          // A closure spans whole days in the month, like the holiday it usually is.
          ...(closed && props.view === 'month' ? { allDay: true } : {}),
        }
      }),
    selectable: Boolean(props.onSelect) && props.view === 'week',
    selectMinDistance: 5,
    selectBackgroundColor: '#b3d7ff',
    selectConstraint: (info: { start: Date; end: Date }) => !props.canSelect || props.canSelect(local(info.start), local(info.end)),
    select: (info: { start: Date; end: Date }) => {
      const start = local(info.start)
      const end = local(info.end)
      const sameDay = end.slice(0, 10) === start.slice(0, 10)
      props.onSelect?.({ date: start.slice(0, 10), start: start.slice(11, 16), end: sameDay ? end.slice(11, 16) : '23:59' })
    },
    ...(props.onDayClick && props.view === 'month'
      ? { dateClick: (info: { date: Date }) => props.onDayClick?.(calendarWall(info.date).slice(0, 10)) }
      : {}),
    ...(props.onEventClick
      ? {
          eventClick: (info: { event: { id: string | number } }) => {
            const id = String(info.event.id)
            if (!id.startsWith('closure-')) props.onEventClick?.(id)
          },
        }
      : {}),
  })
  const weekDays = () => [0, 1, 2, 3, 4, 5, 6].map((i) => addDays(props.date, i))
  return (
    <div class="sc-week-calendar" classList={{ month: props.view === 'month', selectable: Boolean(props.onSelect), narrow: narrow() }}>
      <Show when={narrow() && props.view === 'week'}>
        <fieldset class="sc-day-picker">
          <legend class="visually-hidden">{t('calendar.dayPicker')}</legend>
          <For each={weekDays()}>
            {(d) => (
              <button
                type="button"
                class="btn btn-sm"
                classList={{ 'btn-primary': d === day(), 'btn-outline-primary': d !== day() }}
                aria-pressed={d === day()}
                onClick={() => setDay(d)}
              >
                {formatDate(d, { weekday: 'short' })} <span class="d-block fw-bold">{formatDate(d, { day: 'numeric' })}</span>
                <span class="visually-hidden"> {formatDate(d, { month: 'long' })}</span>
              </button>
            )}
          </For>
        </fieldset>
      </Show>
      <EventCalendar plugins={[TimeGrid, DayGrid, List, Interaction]} options={options()} label={props.label} />
    </div>
  )
}
