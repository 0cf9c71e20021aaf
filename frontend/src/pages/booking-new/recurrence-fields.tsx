/** The recurrence part of the booking form: once, weekly on days, every N weeks, monthly; until a date or N times. */
import { For, Show } from 'solid-js'
import { DateField } from '../../components/DateTimeInput.tsx'
import { InputField } from '../../components/InputField.tsx'
import { locale, t } from '../../i18n/index.ts'
import { formatLongDate, weekdayName } from '../../lib/format.ts'
import { describeRecurrence } from '../../lib/recurrence-words.ts'
import type { BookingFormStore, RepeatKind } from './form-store.ts'

const REPEAT_KINDS: RepeatKind[] = ['once', 'weekly', 'everyNWeeks', 'monthly']

export function RecurrenceFields(props: { store: BookingFormStore }) {
  const { form, setForm } = props.store
  return (
    <>
      <fieldset class="sc-field">
        <legend>{t('form.recurrence')}</legend>
        <div class="sc-checks">
          <For each={REPEAT_KINDS}>
            {(kind) => (
              <label>
                <input type="radio" name="repeat" value={kind} checked={form.repeat === kind} onChange={() => setForm('repeat', kind)} />
                {t(`form.${kind}`)}
              </label>
            )}
          </For>
        </div>
      </fieldset>

      <Show when={form.repeat !== 'once'}>
        <div class="border rounded p-3 mb-3">
          <Show when={form.repeat === 'everyNWeeks'}>
            <InputField
              id="b-interval"
              label={t('form.interval')}
              type="number"
              min="1"
              max="52"
              style={{ 'max-width': '8rem' }}
              value={form.interval}
              onValue={(v) => setForm('interval', Number(v))}
            />
          </Show>
          <Show when={form.repeat === 'weekly' || form.repeat === 'everyNWeeks'}>
            <WeekdayChecks store={props.store} />
          </Show>
          <Show when={form.repeat === 'monthly'}>
            <p class="form-text">{t('form.monthlyHelp')}</p>
          </Show>
          <RecurrenceEnd store={props.store} />
          <RecurrenceSummary store={props.store} />
        </div>
      </Show>
    </>
  )
}

function WeekdayChecks(props: { store: BookingFormStore }) {
  const { form, setForm } = props.store
  return (
    <fieldset class="sc-field">
      <legend>{t('form.days')}</legend>
      <div class="sc-checks">
        <For each={[1, 2, 3, 4, 5, 6, 7]}>
          {(d) => (
            <label>
              <input
                type="checkbox"
                name="days"
                value={d}
                checked={form.days.includes(d)}
                onChange={(e) => setForm('days', e.currentTarget.checked ? [...form.days, d] : form.days.filter((x) => x !== d))}
              />
              {weekdayName(d)}
            </label>
          )}
        </For>
      </div>
    </fieldset>
  )
}

function RecurrenceEnd(props: { store: BookingFormStore }) {
  const { form, setForm } = props.store
  return (
    <>
      <fieldset class="sc-field">
        <legend>{t('form.ends')}</legend>
        <div class="sc-checks">
          <label>
            <input type="radio" name="ends" checked={form.endKind === 'count'} onChange={() => setForm('endKind', 'count')} />
            {t('form.count')}
          </label>
          <label>
            <input type="radio" name="ends" checked={form.endKind === 'until'} onChange={() => setForm('endKind', 'until')} />
            {t('form.untilDate')}
          </label>
        </div>
      </fieldset>
      <Show
        when={form.endKind === 'count'}
        fallback={
          <DateField
            id="b-until"
            class="sc-narrow-date"
            label={t('form.until')}
            min={form.date}
            value={form.until}
            onValue={(v) => setForm('until', v)}
          />
        }
      >
        <InputField
          id="b-count"
          label={t('form.times')}
          type="number"
          min="1"
          max="366"
          style={{ 'max-width': '8rem' }}
          value={form.count}
          onValue={(v) => setForm('count', Number(v))}
        />
      </Show>
    </>
  )
}

/** The rule in words ("ogni mercoledì, dalle 10:00 alle 12:00, per 4 volte"), never its RFC 5545 text. */
function RecurrenceSummary(props: { store: BookingFormStore }) {
  const { form, rrule, firstDate } = props.store
  const words = () => {
    const rule = rrule()
    if (!rule) return ''
    return describeRecurrence(rule, { locale: locale(), firstDate: firstDate(), startTime: form.startTime, endTime: form.endTime })
  }
  return (
    <Show when={words()}>
      <p class="small mb-0" id="b-rule-words">
        <span class="fw-semibold">{t('form.ruleInWords')}:</span> {words()}
        <Show when={firstDate() !== form.date}>
          <br />
          {t('form.firstOn', { date: formatLongDate(firstDate()) })}
        </Show>
      </p>
    </Show>
  )
}
