import { type Calendar, DayGrid, Interaction, TimeGrid } from '@event-calendar/core'
import { intlLocale, t } from '../i18n/index.ts'
import { floating } from '../lib/format.ts'
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

const local = (d: Date) => d.toISOString().slice(0, 16)

/**
 * A week (hours × days, Monday first) or a month (days) of hub-local times. Instants lose their offset and the
 * calendar runs in UTC, so the grid shows the hub's wall-clock times whatever the browser's zone. Closures are
 * shaded bands carrying their reason. With `onSelect`, dragging over free time in the week chooses a slot
 * (`canSelect` says where); with `onDayClick`, a day of the month opens that day's week.
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
  const options = (): Calendar.Options => ({
    view: props.view === 'month' ? 'dayGridMonth' : 'timeGridWeek',
    date: props.date,
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
      ? { dateClick: (info: { date: Date }) => props.onDayClick?.(info.date.toISOString().slice(0, 10)) }
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
  return (
    <div class="sc-week-calendar" classList={{ month: props.view === 'month', selectable: Boolean(props.onSelect) }}>
      <EventCalendar plugins={[TimeGrid, DayGrid, Interaction]} options={options()} label={props.label} />
    </div>
  )
}
