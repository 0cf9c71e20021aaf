import { t } from '../i18n/index.ts'
import { addDays, formatWeek, mondayOf, today } from '../lib/format.ts'

/** Previous / this / next week, with the week spelled out ("3–9 marzo 2027") and announced on change. */
export function WeekNav(props: { monday: string; onChange: (monday: string) => void }) {
  return (
    <div class="sc-week-nav">
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onChange(addDays(props.monday, -7))}>
        <span aria-hidden="true">‹ </span>
        {t('common.previousWeek')}
      </button>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onChange(mondayOf(today()))}>
        {t('common.thisWeek')}
      </button>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onChange(addDays(props.monday, 7))}>
        {t('common.nextWeek')}
        <span aria-hidden="true"> ›</span>
      </button>
      <span class="sc-week-label" aria-live="polite">
        {t('common.weekOf', { range: formatWeek(props.monday) })}
      </span>
    </div>
  )
}
