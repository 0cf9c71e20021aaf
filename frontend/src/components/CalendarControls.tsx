import { t } from '../i18n/index.ts'
import { addDays, addMonths, formatDate, formatWeek, mondayOf, today } from '../lib/format.ts'

export type PeriodView = 'week' | 'month'

/** The first day of the period shown: the Monday of the week, or the 1st of the month. */
export function periodStart(view: PeriodView, date: string): string {
  return view === 'month' ? `${date.slice(0, 8)}01` : mondayOf(date)
}

/** The day after the period (exclusive end). */
export function periodEnd(view: PeriodView, date: string): string {
  const start = periodStart(view, date)
  return view === 'month' ? addMonths(start, 1) : addDays(start, 7)
}

/**
 * Week or month, previous / this / next, and the period spelled out ("3–9 marzo 2027", "marzo 2027"),
 * announced on change. The page keeps both in its URL.
 */
export function CalendarControls(props: {
  view: PeriodView
  date: string
  onView: (view: PeriodView) => void
  onDate: (date: string) => void
  idPrefix: string
}) {
  const start = () => periodStart(props.view, props.date)
  const step = (sign: number) => props.onDate(props.view === 'month' ? addMonths(start(), sign) : addDays(start(), 7 * sign))
  return (
    <div class="sc-week-nav">
      <fieldset class="mb-0">
        <legend class="visually-hidden">{t('calendar.viewLegend')}</legend>
        <div class="btn-group">
          <button
            type="button"
            id={`${props.idPrefix}-week`}
            class="btn btn-sm"
            classList={{ 'btn-primary': props.view === 'week', 'btn-outline-primary': props.view !== 'week' }}
            aria-pressed={props.view === 'week'}
            onClick={() => props.onView('week')}
          >
            {t('calendar.week')}
          </button>
          <button
            type="button"
            id={`${props.idPrefix}-month`}
            class="btn btn-sm"
            classList={{ 'btn-primary': props.view === 'month', 'btn-outline-primary': props.view !== 'month' }}
            aria-pressed={props.view === 'month'}
            onClick={() => props.onView('month')}
          >
            {t('calendar.month')}
          </button>
        </div>
      </fieldset>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => step(-1)}>
        <span aria-hidden="true">‹ </span>
        {props.view === 'month' ? t('calendar.previousMonth') : t('common.previousWeek')}
      </button>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onDate(today())}>
        {props.view === 'month' ? t('calendar.thisMonth') : t('common.thisWeek')}
      </button>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => step(1)}>
        {props.view === 'month' ? t('calendar.nextMonth') : t('common.nextWeek')}
        <span aria-hidden="true"> ›</span>
      </button>
      <span class="sc-week-label" aria-live="polite">
        {props.view === 'month'
          ? formatDate(start(), { month: 'long', year: 'numeric' })
          : t('common.weekOf', { range: formatWeek(start()) })}
      </span>
    </div>
  )
}
