import { For, Show } from 'solid-js'
import type { Closure } from '../../../api/types.ts'
import { DateField } from '../../../components/DateTimeInput.tsx'
import { t } from '../../../i18n/index.ts'
import { formatClosure, formatDate, formatLongDate, formatWeek, today } from '../../../lib/format.ts'
import { CLOSURE_COLOR, STATUS_COLORS } from './calendar.tsx'
import type { BoardPeriod, BoardView } from './state.ts'

const VIEWS: { view: BoardView; label: 'staff.board.day' | 'staff.board.week' | 'staff.board.month' }[] = [
  { view: 'day', label: 'staff.board.day' },
  { view: 'week', label: 'staff.board.week' },
  { view: 'month', label: 'staff.board.month' },
]

/** The board's filters: day, week or month; back, today, forward; a date to go to; the period in words. */
export function BoardToolbar(props: { period: BoardPeriod; onStep: (sign: number) => void }) {
  const p = props.period
  const previous = () =>
    p.view() === 'day' ? t('staff.board.previousDay') : p.view() === 'week' ? t('common.previousWeek') : t('staff.board.previousMonth')
  const next = () =>
    p.view() === 'day' ? t('staff.board.nextDay') : p.view() === 'week' ? t('common.nextWeek') : t('staff.board.nextMonth')
  return (
    <fieldset class="sc-toolbar">
      <legend class="visually-hidden">{t('staff.board.navigation')}</legend>
      <div class="btn-group">
        <For each={VIEWS}>
          {(v) => (
            <button
              type="button"
              class="btn btn-sm btn-outline-primary"
              aria-pressed={p.view() === v.view}
              classList={{ active: p.view() === v.view }}
              onClick={() => p.setView(v.view)}
            >
              {t(v.label)}
            </button>
          )}
        </For>
      </div>
      <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => props.onStep(-1)}>
        {previous()}
      </button>
      <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => p.setDate(today())}>
        {t('staff.board.today')}
      </button>
      <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => props.onStep(1)}>
        {next()}
      </button>
      <DateField
        id="board-date"
        class="sc-board-date mb-0"
        label={t('staff.board.goTo')}
        value={p.date()}
        onValue={(v) => v && p.setDate(v)}
      />
      <span class="sc-toolbar-label" aria-live="polite">
        {p.view() === 'day'
          ? formatLongDate(p.date())
          : p.view() === 'week'
            ? formatWeek(p.start())
            : formatDate(p.start(), { month: 'long', year: 'numeric' })}
      </span>
    </fieldset>
  )
}

/** What the colours mean, and the closures of the period with their reason. */
export function BoardLegend(props: { closures: Closure[] }) {
  return (
    <>
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
      <Show when={props.closures.length > 0}>
        <ul class="sc-closures-list" aria-label={t('staff.board.closuresOfPeriod')}>
          <For each={props.closures}>
            {(c) => (
              <li>
                <strong>{t('staff.board.closed')}</strong> {formatClosure(c.start, c.end)}: {c.reason}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  )
}
