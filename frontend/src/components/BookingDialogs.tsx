import { useAction } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, on, Show } from 'solid-js'
import { cancelBookingAction, moveBookingAction, restoreBookingAction } from '../api/bookings.ts'
import type { Booking } from '../api/types.ts'
import { t, tn } from '../i18n/index.ts'
import { formatRange, today, wall } from '../lib/format.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'
import { DateField, TimeField } from './DateTimeInput.tsx'
import { latestToast, toast } from './Toast.tsx'

/** The dialogs that cancel (with its scope for a series) or move one booking, wherever it is shown. */

type BookingLike = Pick<Booking, 'id' | 'title' | 'start' | 'end' | 'seriesId'>
type Scope = 'occurrence' | 'following' | 'series'

/**
 * Cancels, then says so in the shared toast with «Ripristina» (undo) for as long as the server allows
 * (`restorableUntil`); the page hears of it through `onDone` (to read the booking again).
 */
export function CancelDialog(props: {
  booking?: BookingLike
  /** The scopes offered for a series (all three by default). */
  scopes?: Scope[]
  onClose: () => void
  onDone?: (cancelled: string[]) => void
}) {
  const cancel = useAction(cancelBookingAction)
  const restore = useAction(restoreBookingAction)
  // the control that opened the dialog: the focus goes back there after an undo too
  let openerId: string | undefined
  createEffect(
    on(
      () => props.booking,
      (booking) => {
        if (booking) openerId = document.activeElement?.id || undefined
      },
    ),
  )
  const undo = (id: string, until: string | null) =>
    until
      ? {
          label: t('toast.undo'),
          until: Date.parse(until),
          focusAfter: openerId,
          run: async () => {
            const res = await restore(id)
            toast.success(tn('toast.restored', res.restored.length))
            props.onDone?.(res.restored)
          },
        }
      : undefined
  const [scope, setScope] = createSignal<Scope>('occurrence')
  const [reason, setReason] = createSignal('')
  const b = () => props.booking
  return (
    <ConfirmDialog
      open={Boolean(b())}
      onOpenChange={(open) => {
        if (!open) {
          props.onClose()
          setScope('occurrence')
          setReason('')
        }
      }}
      title={t('bookings.cancelTitle')}
      description={b() ? t('bookings.cancelText', { title: b()?.title ?? '', when: formatRange(b()?.start ?? '', b()?.end ?? '') }) : ''}
      confirmLabel={t('bookings.cancelConfirm')}
      cancelLabel={t('bookings.keep')}
      danger
      onConfirm={async () => {
        const booking = b()
        if (!booking) return
        const res = await cancel(booking.id, scope(), reason().trim() || undefined)
        toast.success(tn('booking.cancelled', res.cancelled.length), undo(booking.id, res.restorableUntil))
        props.onDone?.(res.cancelled)
      }}
      focusFallback={latestToast}
    >
      <Show when={b()?.seriesId && (props.scopes?.length ?? 3) > 1}>
        <fieldset class="sc-field">
          <legend>{t('bookings.cancelScope')}</legend>
          <For each={props.scopes ?? (['occurrence', 'following', 'series'] as const)}>
            {(s) => (
              <div class="form-check">
                <input
                  class="form-check-input"
                  type="radio"
                  name="cancel-scope"
                  id={`scope-${s}`}
                  checked={scope() === s}
                  onChange={() => setScope(s)}
                />
                <label class="form-check-label" for={`scope-${s}`}>
                  {t(
                    s === 'occurrence'
                      ? 'bookings.scopeOccurrence'
                      : s === 'following'
                        ? 'bookings.scopeFollowing'
                        : 'bookings.scopeSeries',
                  )}
                </label>
              </div>
            )}
          </For>
        </fieldset>
      </Show>
      <div class="sc-field">
        <label for="cancel-reason">{t('bookings.cancelReason')}</label>
        <textarea
          id="cancel-reason"
          class="form-control"
          rows="2"
          maxLength={500}
          value={reason()}
          onInput={(e) => setReason(e.currentTarget.value)}
        />
      </div>
    </ConfirmDialog>
  )
}

export function MoveDialog(props: { booking?: BookingLike; onClose: () => void; onDone: (msg: string) => void }) {
  const move = useAction(moveBookingAction)
  const [date, setDate] = createSignal('')
  const [start, setStart] = createSignal('')
  const [end, setEnd] = createSignal('')
  const b = () => props.booking
  // Load the booking's own times whenever a new one is opened.
  const opened = createMemo(() => {
    const booking = b()
    if (booking) {
      setDate(wall(booking.start).date)
      setStart(wall(booking.start).time)
      setEnd(wall(booking.end).time)
    }
    return booking
  })
  return (
    <ConfirmDialog
      open={Boolean(opened())}
      onOpenChange={(open) => {
        if (!open) props.onClose()
      }}
      title={t('bookings.moveTitle')}
      description={b() ? `«${b()?.title}», ${formatRange(b()?.start ?? '', b()?.end ?? '')}` : ''}
      confirmLabel={t('bookings.moveConfirm')}
      onConfirm={async () => {
        const booking = b()
        if (!booking) return
        await move(booking.id, { start: `${date()}T${start()}`, end: `${date()}T${end()}` })
        props.onDone(t('bookings.moved'))
      }}
    >
      <div class="row g-2">
        <DateField id="move-date" class="col-12" label={t('common.date')} min={today()} value={date()} onValue={setDate} />
        <TimeField id="move-start" class="col-6" label={t('common.start')} value={start()} onValue={setStart} />
        <TimeField id="move-end" class="col-6" label={t('common.end')} value={end()} onValue={setEnd} />
      </div>
    </ConfirmDialog>
  )
}
