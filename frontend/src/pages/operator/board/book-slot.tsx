import { useNavigate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { TimeField } from '../../../components/DateTimeInput.tsx'
import { t } from '../../../i18n/index.ts'
import { bookingFormHref } from '../../../lib/booking-link.ts'
import { formatLongDate } from '../../../lib/format.ts'

/**
 * "Prenota questo orario" without a pointer: a lab and the times of the day shown (24-hour, typed the Italian
 * way whatever the browser's locale), then the booking form.
 */
export function BookSlot(props: { labs: { id: string; name: string }[]; date: string }) {
  const navigate = useNavigate()
  const [labId, setLabId] = createSignal('')
  const [start, setStart] = createSignal('09:00')
  const [end, setEnd] = createSignal('11:00')
  const [invalid, setInvalid] = createSignal(false)
  const chosenLab = () => labId() || props.labs[0]?.id || ''
  const submit = (e: Event) => {
    e.preventDefault()
    // A time that cannot be read is '' (its field says so under it); an end before the start is said here.
    if (!start()) return document.getElementById('board-book-start')?.focus()
    if (!end() || end() <= start()) {
      setInvalid(true)
      return document.getElementById('board-book-end')?.focus()
    }
    navigate(bookingFormHref({ labId: chosenLab(), date: props.date, start: start(), end: end() }))
  }
  return (
    <form class="sc-form sc-board-book mt-3" onSubmit={submit} aria-labelledby="board-book-title" novalidate>
      <h3 id="board-book-title" class="h6 mb-1">
        {t('calendar.boardBookTitle')} · {formatLongDate(props.date)}
      </h3>
      <p class="small mb-2">{t('calendar.boardBookHelp')}</p>
      <div class="d-flex flex-wrap gap-2 align-items-start">
        <div class="sc-field mb-0">
          <label for="board-book-lab">{t('calendar.boardBookLab')}</label>
          <select id="board-book-lab" class="form-select" value={chosenLab()} onChange={(e) => setLabId(e.currentTarget.value)}>
            <For each={props.labs}>
              {(l) => (
                <option value={l.id} selected={l.id === chosenLab()}>
                  {l.name}
                </option>
              )}
            </For>
          </select>
        </div>
        <TimeField id="board-book-start" class="mb-0" label={t('calendar.boardBookStart')} value={start()} onValue={setStart} />
        <TimeField
          id="board-book-end"
          class="mb-0"
          label={t('calendar.boardBookEnd')}
          value={end()}
          onValue={(v) => {
            setEnd(v)
            setInvalid(false)
          }}
        />
        <div class="mb-0 mt-4">
          <button type="submit" class="btn btn-primary">
            {t('calendar.boardBookSubmit')}
          </button>
        </div>
      </div>
      <Show when={invalid()}>
        <p id="board-book-invalid" class="text-danger small mt-1 mb-0" role="alert">
          {t('calendar.boardBookInvalid')}
        </p>
      </Show>
    </form>
  )
}
