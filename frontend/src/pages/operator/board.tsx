import { createAsync } from '@solidjs/router'
import { createMemo, createSignal, Show } from 'solid-js'
import { getBookings, getClosures, getHubLabs, getHubOpeningHours } from '../../api/staff.ts'
import type { Hub } from '../../api/types.ts'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { BookSlot } from './board/book-slot.tsx'
import { BoardCalendar, STATUS_COLORS } from './board/calendar.tsx'
import { BoardList } from './board/list.tsx'
import { focusSelected, SelectedBooking } from './board/selected.tsx'
import { createBoardPeriod } from './board/state.ts'
import { BoardLegend, BoardToolbar } from './board/toolbar.tsx'
import { createBookingNames } from './booking-details.tsx'
import { boardHours } from './opening-hours.ts'

const SHOWN = new Set(Object.keys(STATUS_COLORS))

/**
 * The schedule board. A day: the hub's labs as columns, hours as rows. A week or a month: a timeline with the
 * labs as rows and the days as columns (it scrolls sideways on a narrow screen, and says so). Its parts live in
 * `board/`: the period in the URL (`state.ts`), the filters (`toolbar.tsx`), the calendar, the list, the
 * booking chosen and the keyboard's way to book a time (`book-slot.tsx`).
 */
export function Board(props: { hub: Hub; teamName: (id: string | null) => string | undefined }) {
  const period = createBoardPeriod()
  const [selected, setSelected] = createSignal<string>()
  const names = createBookingNames()

  const closures = createAsync(() =>
    getClosures(props.hub.id, `${period.start()}T00:00`)
      .then((list) => list.filter((c) => c.start.slice(0, 10) < period.end()))
      .catch(() => []),
  )
  const labs = createAsync(() => getHubLabs(props.hub.id))
  const hours = createAsync(() => getHubOpeningHours(props.hub.id).catch(() => []))
  const result = createAsync(() => getBookings({ hubId: props.hub.id, from: `${period.start()}T00:00`, to: `${period.end()}T00:00` }))
  const bookings = createMemo(() =>
    (result()?.items ?? [])
      .filter((b) => SHOWN.has(b.status))
      .sort((a, b) => a.start.localeCompare(b.start) || a.labId.localeCompare(b.labId)),
  )
  const selectedBooking = () => bookings().find((b) => b.id === selected())
  const select = (id: string) => {
    setSelected(id)
    focusSelected()
  }
  const range = createMemo(() => boardHours(hours() ?? []))
  const timeline = () => period.view() !== 'day'

  return (
    <section aria-labelledby="board-title">
      <h2 id="board-title" class="h4">
        {t('staff.board.title')}
      </h2>
      <BoardToolbar period={period} onStep={period.step} />
      <BoardLegend closures={closures() ?? []} />
      <Show when={timeline()}>
        <p class="small sc-scroll-hint">{t('staff.board.scrollHint')}</p>
      </Show>
      <AsyncBoundary>
        <Show when={(labs() ?? []).length > 0} fallback={<Empty>{t('staff.board.noLabs')}</Empty>}>
          <BoardCalendar
            hub={props.hub}
            view={period.view()}
            start={period.start()}
            range={range()}
            labs={labs() ?? []}
            closures={closures() ?? []}
            bookings={bookings()}
            teamName={props.teamName}
            onDay={period.openDay}
            onEvent={select}
          />
          <Show when={period.view() === 'day'}>
            <BookSlot labs={labs() ?? []} date={period.date()} />
          </Show>
          <Show when={selectedBooking()}>
            {(b) => (
              <SelectedBooking
                booking={b()}
                labName={names.labName(b().labId)}
                teamName={props.teamName(b().teamId)}
                typeName={names.typeName}
                onClose={() => setSelected(undefined)}
              />
            )}
          </Show>
          <BoardList
            bookings={bookings()}
            period={`${period.view()} ${period.start()}`}
            labName={names.labName}
            typeName={names.typeName}
            teamName={props.teamName}
            onSelect={select}
          />
        </Show>
      </AsyncBoundary>
    </section>
  )
}
