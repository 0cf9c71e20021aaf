import { A } from '@solidjs/router'
import type { StaffBooking } from '../../../api/staff.ts'
import { t } from '../../../i18n/index.ts'
import { BookingActions, BookingSummary } from '../booking-actions.tsx'
import { BookingLines } from '../booking-details.tsx'

/** Gives the focus to the panel of the booking just chosen (from the calendar or the list). */
export function focusSelected() {
  queueMicrotask(() => document.getElementById('board-selected')?.focus())
}

/** The booking chosen on the board: its summary, its page, what staff may do with it (said in the toast). */
export function SelectedBooking(props: {
  booking: StaffBooking
  labName: string
  teamName: string | undefined
  typeName: (id: string) => string
  onClose: () => void
}) {
  return (
    <section id="board-selected" class="sc-card my-3" tabindex="-1" aria-labelledby="board-selected-title">
      <h3 id="board-selected-title" class="h5">
        {t('staff.board.selected')}
      </h3>
      <BookingSummary booking={props.booking} labName={props.labName} teamName={props.teamName} />
      <div class="mb-2">
        <BookingLines booking={props.booking} typeName={props.typeName} />
      </div>
      <p>
        <A href={`/bookings/${props.booking.id}`}>{t('staff.board.openPage')}</A>
      </p>
      <BookingActions booking={props.booking} idPrefix="board" toast />
      <button type="button" class="btn btn-link btn-sm px-0" onClick={props.onClose}>
        {t('common.close')}
      </button>
    </section>
  )
}
