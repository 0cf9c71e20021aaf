import { type Calendar, TimeGrid } from '@event-calendar/core'
import { intlLocale } from '../i18n/index.ts'
import { floating } from '../lib/format.ts'
import { EventCalendar } from './EventCalendar.tsx'

export interface WeekEvent {
  id?: string
  start: string
  end: string
  title: string
  kind?: 'busy' | 'free' | 'closed' | 'pending' | 'confirmed' | 'mine' | 'conflict'
  /** Shown behind the grid (free time) rather than as a block. */
  background?: boolean
}

const COLORS: Record<NonNullable<WeekEvent['kind']>, { bg: string; fg: string }> = {
  free: { bg: '#d4edda', fg: '#0b3d1c' },
  busy: { bg: '#5c6f82', fg: '#ffffff' },
  closed: { bg: '#3d4a57', fg: '#ffffff' },
  pending: { bg: '#8a5300', fg: '#ffffff' },
  confirmed: { bg: '#0066cc', fg: '#ffffff' },
  mine: { bg: '#0066cc', fg: '#ffffff' },
  conflict: { bg: '#a61919', fg: '#ffffff' },
}

/**
 * A Monday-first week of hub-local times. Instants lose their offset and the calendar runs in UTC, so the
 * grid shows the hub's wall-clock times whatever the browser's zone.
 */
export function WeekCalendar(props: {
  monday: string
  events: WeekEvent[]
  label: string
  slotMinTime?: string
  slotMaxTime?: string
  onEventClick?: (id: string) => void
}) {
  const options = (): Calendar.Options => ({
    view: 'timeGridWeek',
    date: props.monday,
    firstDay: 1,
    locale: intlLocale(),
    timeZone: 'UTC',
    headerToolbar: { start: '', center: '', end: '' },
    allDaySlot: false,
    height: 'auto',
    slotMinTime: props.slotMinTime ?? '07:00',
    slotMaxTime: props.slotMaxTime ?? '23:00',
    slotDuration: '00:30',
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    dayHeaderFormat: { weekday: 'short', day: 'numeric' },
    events: props.events.map((e, i) => {
      const color = COLORS[e.kind ?? 'busy']
      return {
        id: e.id ?? `e${i}`,
        start: floating(e.start),
        end: floating(e.end),
        title: e.title,
        display: e.background ? 'background' : 'auto',
        backgroundColor: color.bg,
        textColor: color.fg,
      }
    }),
    ...(props.onEventClick
      ? { eventClick: (info: { event: { id: string | number } }) => props.onEventClick?.(String(info.event.id)) }
      : {}),
  })
  return (
    <div class="sc-week-calendar">
      <EventCalendar plugins={[TimeGrid]} options={options()} label={props.label} />
    </div>
  )
}
