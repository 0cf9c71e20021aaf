/**
 * Date and time fields that read and write the Italian way (dd/mm/yyyy, 24-hour HH:mm) whatever the browser's
 * locale: a native `<input type="date">` would show the browser's format (mm/dd/yyyy in an American Chrome).
 * The value given and taken is ISO (`YYYY-MM-DD`, `HH:mm`); what people type is read by lib/date-input.ts.
 * The date field has a calendar beside it, in the app's language, that the keyboard can use.
 */
import { createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { t } from '../i18n/index.ts'
import { formatDateText, monthGrid, parseDateText, parseTimeText } from '../lib/date-input.ts'
import { addDays, addMonths, formatDate, formatLongDate, today, weekdayName } from '../lib/format.ts'
import { FieldLabel } from './kit.tsx'

interface FieldProps {
  id: string
  label: string
  /** ISO value (`YYYY-MM-DD` / `HH:mm`), '' when empty or not readable. */
  value: string
  onValue: (value: string) => void
  required?: boolean
  class?: string
  min?: string
  max?: string
  /** A line of help under the format hint. */
  help?: string
}

/** Keeps what is typed while it is being typed; takes the outside value when it changes for another reason. */
function createTypedText(props: FieldProps, parse: (s: string) => string | null, format: (v: string) => string) {
  const [text, setText] = createSignal(format(props.value))
  const [touched, setTouched] = createSignal(false)
  createEffect(
    on(
      () => props.value,
      (v) => {
        if ((parse(text()) ?? '') !== v) setText(format(v))
      },
      { defer: true },
    ),
  )
  const invalid = () => touched() && text().trim() !== '' && parse(text()) === null
  const onInput = (s: string) => {
    setText(s)
    props.onValue(parse(s) ?? '')
  }
  const onBlur = () => {
    setTouched(true)
    const v = parse(text())
    if (v) setText(format(v))
  }
  return { text, setText, invalid, onInput, onBlur }
}

export function TimeField(props: FieldProps) {
  const typed = createTypedText(props, parseTimeText, (v) => v)
  return (
    <div class={`sc-field ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} required={props.required} />
      <input
        id={props.id}
        class="form-control sc-time-input"
        type="text"
        inputmode="numeric"
        autocomplete="off"
        placeholder={t('dateInput.timePlaceholder')}
        required={props.required}
        aria-invalid={typed.invalid() || undefined}
        aria-describedby={`${props.id}-format`}
        value={typed.text()}
        onInput={(e) => typed.onInput(e.currentTarget.value)}
        onBlur={typed.onBlur}
      />
      <small id={`${props.id}-format`} class="form-text" classList={{ 'text-danger': typed.invalid() }}>
        {typed.invalid() ? t('dateInput.badTime') : t('dateInput.timeFormat')}
      </small>
    </div>
  )
}

export function DateField(props: FieldProps) {
  const typed = createTypedText(props, parseDateText, formatDateText)
  const [open, setOpen] = createSignal(false)
  let toggle: HTMLButtonElement | undefined
  let input: HTMLInputElement | undefined
  const choose = (date: string) => {
    typed.setText(formatDateText(date))
    props.onValue(date)
    setOpen(false)
    input?.focus()
  }
  const close = () => {
    setOpen(false)
    toggle?.focus()
  }
  return (
    <div class={`sc-field sc-date-field ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} required={props.required} />
      <div class="input-group">
        <input
          ref={input}
          id={props.id}
          class="form-control"
          type="text"
          inputmode="numeric"
          autocomplete="off"
          placeholder={t('dateInput.datePlaceholder')}
          required={props.required}
          aria-invalid={typed.invalid() || undefined}
          aria-describedby={`${props.id}-format`}
          value={typed.text()}
          onInput={(e) => typed.onInput(e.currentTarget.value)}
          onBlur={typed.onBlur}
        />
        <button
          ref={toggle}
          type="button"
          class="btn btn-outline-primary sc-date-toggle"
          aria-expanded={open()}
          aria-controls={`${props.id}-calendar`}
          onClick={() => setOpen(!open())}
        >
          <svg aria-hidden="true" width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2">
            <rect x="3" y="5" width="18" height="16" rx="2" />
            <path d="M3 10h18M8 3v4M16 3v4" />
          </svg>
          <span class="visually-hidden">
            {t('dateInput.openCalendar')}: {props.label}
          </span>
        </button>
      </div>
      <small id={`${props.id}-format`} class="form-text" classList={{ 'text-danger': typed.invalid() }}>
        {typed.invalid() ? t('dateInput.badDate') : t('dateInput.dateFormat')}
        <Show when={props.help}>
          <br />
          {props.help}
        </Show>
      </small>
      <Show when={open()}>
        <CalendarPopover
          id={`${props.id}-calendar`}
          label={props.label}
          value={props.value}
          min={props.min}
          max={props.max}
          onChoose={choose}
          onClose={close}
        />
      </Show>
    </div>
  )
}

/** A month of days as buttons; arrows move by day and week, Page Up/Down by month, Escape closes. */
function CalendarPopover(props: {
  id: string
  label: string
  value: string
  min?: string
  max?: string
  onChoose: (date: string) => void
  onClose: () => void
}) {
  const [focused, setFocused] = createSignal(props.value || props.min || today())
  const month = createMemo(() => focused().slice(0, 7))
  const weeks = createMemo(() => monthGrid(month()))
  let box: HTMLDivElement | undefined
  const disabled = (d: string) => Boolean((props.min && d < props.min) || (props.max && d > props.max))
  const focusDay = (d: string) => {
    setFocused(d)
    queueMicrotask(() => box?.querySelector<HTMLButtonElement>(`[data-date="${d}"]`)?.focus())
  }
  queueMicrotask(() => box?.querySelector<HTMLButtonElement>(`[data-date="${focused()}"]`)?.focus())
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, () => string> = {
      ArrowLeft: () => addDays(focused(), -1),
      ArrowRight: () => addDays(focused(), 1),
      ArrowUp: () => addDays(focused(), -7),
      ArrowDown: () => addDays(focused(), 7),
      PageUp: () => addMonths(focused(), -1),
      PageDown: () => addMonths(focused(), 1),
    }
    if (e.key === 'Escape') {
      e.preventDefault()
      props.onClose()
    } else if (moves[e.key]) {
      e.preventDefault()
      focusDay(moves[e.key]())
    }
  }
  const outside = (e: MouseEvent) => {
    if (box && !box.parentElement?.contains(e.target as Node)) props.onClose()
  }
  document.addEventListener('mousedown', outside)
  onCleanup(() => document.removeEventListener('mousedown', outside))
  return (
    <div ref={box} id={props.id} class="sc-calendar-popover" role="dialog" aria-label={props.label} onKeyDown={onKeyDown}>
      <div class="d-flex align-items-center justify-content-between mb-2">
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => focusDay(addMonths(focused(), -1))}>
          <span aria-hidden="true">‹</span>
          <span class="visually-hidden">{t('dateInput.previousMonth')}</span>
        </button>
        <p class="mb-0 fw-semibold" aria-live="polite">
          {formatDate(`${month()}-01`, { month: 'long', year: 'numeric' })}
        </p>
        <button type="button" class="btn btn-sm btn-outline-primary" onClick={() => focusDay(addMonths(focused(), 1))}>
          <span aria-hidden="true">›</span>
          <span class="visually-hidden">{t('dateInput.nextMonth')}</span>
        </button>
      </div>
      <table class="sc-calendar-grid">
        <thead>
          <tr>
            <For each={[1, 2, 3, 4, 5, 6, 7]}>
              {(d) => (
                <th scope="col" abbr={weekdayName(d)}>
                  {weekdayName(d, 'short')}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={weeks()}>
            {(week) => (
              <tr>
                <For each={week}>
                  {(day) => (
                    <td>
                      <Show when={day}>
                        {(d) => (
                          <button
                            type="button"
                            data-date={d()}
                            class="sc-day"
                            classList={{ selected: d() === props.value, today: d() === today() }}
                            tabindex={d() === focused() ? 0 : -1}
                            disabled={disabled(d())}
                            aria-pressed={d() === props.value}
                            aria-current={d() === today() ? 'date' : undefined}
                            aria-label={formatLongDate(d())}
                            onClick={() => props.onChoose(d())}
                          >
                            {Number(d().slice(8))}
                          </button>
                        )}
                      </Show>
                    </td>
                  )}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
      <button type="button" class="btn btn-sm btn-link" onClick={() => props.onClose()}>
        {t('common.close')}
      </button>
    </div>
  )
}

/**
 * A day and a time of day as one ISO value (`YYYY-MM-DDTHH:mm`, wall-clock): the date field keeps the id given,
 * the time field takes `<id>-time`. The value is '' until both halves are readable; a form that sets it to ''
 * while both are (a reset after saving) empties both fields.
 */
export function DateTimeField(props: FieldProps & { timeLabel: string }) {
  const [date, setDate] = createSignal(props.value.slice(0, 10))
  const [time, setTime] = createSignal(props.value.slice(11, 16))
  createEffect(
    on(
      () => props.value,
      (v) => {
        if (v && v !== `${date()}T${time()}`) {
          setDate(v.slice(0, 10))
          setTime(v.slice(11, 16))
        } else if (!v && date() && time()) {
          setDate('')
          setTime('')
        }
      },
      { defer: true },
    ),
  )
  const emit = () => props.onValue(date() && time() ? `${date()}T${time()}` : '')
  return (
    <div class={`row g-2 ${props.class ?? ''}`}>
      <DateField
        id={props.id}
        class="col-7"
        label={props.label}
        help={props.help}
        required={props.required}
        value={date()}
        onValue={(v) => {
          setDate(v)
          emit()
        }}
      />
      <TimeField
        id={`${props.id}-time`}
        class="col-5"
        label={props.timeLabel}
        required={props.required}
        value={time()}
        onValue={(v) => {
          setTime(v)
          emit()
        }}
      />
    </div>
  )
}
