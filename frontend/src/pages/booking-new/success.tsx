/** What the form shows once the booking is made: how many sessions are confirmed, pending or skipped. */
import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import type { BookingResult } from '../../api/types.ts'
import { t, tn } from '../../i18n/index.ts'
import { formatDate, wall } from '../../lib/format.ts'

export function BookingSuccess(props: { result: BookingResult; onAnother: () => void }) {
  const confirmed = () => props.result.bookings.filter((b) => b.status === 'confirmed').length
  const pending = () => props.result.bookings.filter((b) => b.status === 'pending').length
  const first = () => props.result.bookings[0]
  return (
    <div id="booking-success" tabindex="-1" class="alert alert-success" role="status">
      <h2 class="h4">{t('form.successTitle')}</h2>
      <Show when={first()}>
        {(b) => (
          <p class="mb-1">
            «{b().title}» — {formatDate(wall(b().start).date)}
          </p>
        )}
      </Show>
      <ul>
        <Show when={confirmed() > 0}>
          <li>{tn('form.successConfirmed', confirmed())}</li>
        </Show>
        <Show when={pending() > 0}>
          <li>{tn('form.successPending', pending())}</li>
        </Show>
        <Show when={props.result.skipped.length > 0}>
          <li>{tn('form.successSkipped', props.result.skipped.length)}</li>
        </Show>
      </ul>
      <p>{t('form.successMail')}</p>
      <div class="d-flex flex-wrap gap-2">
        <A class="btn btn-primary" href="/bookings">
          {t('form.goToBookings')}
        </A>
        <button type="button" class="btn btn-outline-primary" onClick={() => props.onAnother()}>
          {t('form.another')}
        </button>
      </div>
    </div>
  )
}
