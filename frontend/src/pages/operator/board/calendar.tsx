import { type Calendar, Interaction, ResourceTimeGrid, ResourceTimeline } from '@event-calendar/core'
import { useNavigate } from '@solidjs/router'
import { onCleanup, onMount } from 'solid-js'
import type { StaffBooking } from '../../../api/staff.ts'
import type { Closure, Hub } from '../../../api/types.ts'
import { EventCalendar } from '../../../components/EventCalendar.tsx'
import { intlLocale, t } from '../../../i18n/index.ts'
import { bookingFormHref } from '../../../lib/booking-link.ts'
import { calendarWall } from '../../../lib/calendar-time.ts'
import { floating } from '../../../lib/format.ts'
import type { BoardView } from './state.ts'

/** Colours of the board by status (white text on each passes WCAG AA contrast). */
export const STATUS_COLORS: Record<string, string> = {
  pending: '#8a5300',
  confirmed: '#0066cc',
  completed: '#00652e',
  no_show: '#a61919',
}

/** Closures are shown as grey bands behind the bookings, with their reason listed above the calendar. */
export const CLOSURE_COLOR = '#d9dadb'

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

interface CalendarProps {
  hub: Hub
  view: BoardView
  start: string
  range: { min: string; max: string }
  labs: { id: string; name: string }[]
  closures: Closure[]
  bookings: StaffBooking[]
  teamName: (id: string | null) => string | undefined
  /** A day of the week or the month was clicked: that day's board. */
  onDay: (date: string) => void
  onEvent: (bookingId: string) => void
}

const eventTitle = (b: StaffBooking, team: string | undefined) =>
  `${b.title}${team ? ` — ${team}` : ''}${b.status === 'pending' ? ` (${t('bookingStatus.pending')})` : ''}${b.releasedAt ? ` (${t('checkin.releasedShort')})` : ''}${b.checkedInAt ? ' ✓' : ''}`

/**
 * The schedule itself. A day: the hub's labs as columns, hours as rows; dragging over free time opens the
 * booking form. A week or a month: a timeline with the labs as rows and the days as columns.
 */
export function BoardCalendar(props: CalendarProps) {
  const navigate = useNavigate()
  const timeline = () => props.view !== 'day'
  const closureEvents = () =>
    props.closures.map((c) => ({
      id: `closure-${c.id}`,
      resourceIds: c.labId ? [c.labId] : props.labs.map((l) => l.id),
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
    duration: props.view === 'week' ? { days: 7 } : props.view === 'month' ? { months: 1 } : { days: 1 },
    date: props.start,
    firstDay: 1,
    locale: intlLocale(),
    timeZone: 'UTC',
    headerToolbar: { start: '', center: '', end: '' },
    allDaySlot: false,
    height: 'auto',
    slotMinTime: props.range.min,
    slotMaxTime: props.range.max,
    slotDuration: timeline() ? { days: 1 } : '00:30',
    slotWidth: props.view === 'week' ? 150 : 64,
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotLabelFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    dayHeaderFormat: { weekday: 'short', day: 'numeric', month: 'short' },
    resources: props.labs.map((l) => ({ id: l.id, title: l.name })),
    events: [
      ...closureEvents(),
      ...props.bookings.map((b) => ({
        id: b.id,
        resourceIds: [b.labId],
        start: floating(b.start),
        end: floating(b.end),
        title: eventTitle(b, props.teamName(b.teamId)),
        backgroundColor: STATUS_COLORS[b.status],
        textColor: '#ffffff',
      })),
    ],
    // A day's columns are labs: dragging over free time opens the booking form on that lab, day and times.
    selectable: props.view === 'day',
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
    dateClick: (info) => {
      if (props.view !== 'day') props.onDay(calendarWall(info.date).slice(0, 10))
    },
    eventClick: (info) => {
      if (!String(info.event.id).startsWith('closure-')) props.onEvent(String(info.event.id))
    },
  })
  return (
    <section
      class="sc-board"
      classList={{ timeline: timeline(), week: props.view === 'week', month: props.view === 'month' }}
      tabindex="0"
      aria-label={
        timeline() ? t('staff.board.timelineLabel', { hub: props.hub.name }) : t('staff.board.calendarLabel', { hub: props.hub.name })
      }
      ref={(el) => onMount(() => onCleanup(plainCalendarLayout(el)))}
    >
      <EventCalendar plugins={[ResourceTimeGrid, ResourceTimeline, Interaction]} options={options()} />
    </section>
  )
}
