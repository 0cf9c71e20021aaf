import { revalidate } from '@solidjs/router'
import { createSignal, For, Index, Show } from 'solid-js'
import { getBookings, listPage, type StaffBooking, staffApi } from '../../api/staff.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { Field, OperationStatus, TextArea } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { Loading } from '../../components/States.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { latestToast, toast } from '../../components/Toast.tsx'
import { t, tn } from '../../i18n/index.ts'
import { formatRange } from '../../lib/format.ts'

/** Re-reads every list that shows bookings (board, queue, attendance) after a change. */
export function refreshBookings() {
  return revalidate([getBookings.key, listPage.key])
}

export function StatusBadge(props: { status: string }) {
  return <span class={`sc-status ${props.status}`}>{t(`bookingStatus.${props.status}` as 'bookingStatus.pending') ?? props.status}</span>
}

export function hasStarted(b: Pick<StaffBooking, 'start'>, now = Date.now()): boolean {
  return new Date(b.start).getTime() <= now
}

/**
 * What staff may do with one booking, where they see it: approve or reject a pending one; record attendance
 * or a no-show once it has started.
 */
export function BookingActions(props: {
  booking: StaffBooking
  labName?: string
  teamName?: string
  idPrefix: string
  /** Told of each success, for lists where this booking may leave the view once changed. */
  onDone?: (message: string) => void
  /** Successes and problems go to the shared toast rather than under the buttons (the board). */
  toast?: boolean
}) {
  const op = createOperation()
  const done = (message: string) => {
    if (props.toast) toast.success(message)
    else op.setDone(message)
    props.onDone?.(message)
  }
  const [rejectOpen, setRejectOpen] = createSignal(false)
  const [noShowOpen, setNoShowOpen] = createSignal(false)
  const [reason, setReason] = createSignal('')
  const approve = async () => {
    if (await op.run(() => staffApi.approve(props.booking.id).then(refreshBookings))) done(t('staff.approvals.approvedOne'))
    else if (props.toast) toast.error(op.problem())
  }

  return (
    <div class="sc-booking-actions">
      <Show when={props.booking.status === 'pending'}>
        <div class="sc-actions">
          <button type="button" class="btn btn-primary btn-sm" disabled={op.pending()} onClick={approve}>
            {t('staff.approvals.approve')}
          </button>
          <button type="button" class="btn btn-outline-danger btn-sm" disabled={op.pending()} onClick={() => setRejectOpen(true)}>
            {t('staff.approvals.rejectEllipsis')}
          </button>
        </div>
        <ConfirmDialog
          open={rejectOpen()}
          onOpenChange={setRejectOpen}
          title={t('staff.approvals.rejectTitle', { n: 1 })}
          description={`«${props.booking.title}», ${formatRange(props.booking.start, props.booking.end)}`}
          confirmLabel={t('staff.approvals.reject')}
          danger
          focusFallback={latestToast}
          onConfirm={async () => {
            await staffApi.reject(props.booking.id, reason().trim())
            await refreshBookings()
            done(t('staff.approvals.rejectedOne'))
          }}
        >
          <TextArea
            id={`${props.idPrefix}-reason`}
            label={t('staff.approvals.reason')}
            value={reason()}
            onInput={setReason}
            required
            maxLength={1000}
          />
        </ConfirmDialog>
      </Show>
      <Show when={props.booking.status === 'confirmed' && hasStarted(props.booking)}>
        <AttendanceForm booking={props.booking} idPrefix={props.idPrefix} onDone={(m) => props.onDone?.(m)} toast={props.toast} />
        <button type="button" class="btn btn-outline-danger btn-sm mt-2" onClick={() => setNoShowOpen(true)}>
          {t('staff.attendance.noShowEllipsis')}
        </button>
        <ConfirmDialog
          open={noShowOpen()}
          onOpenChange={setNoShowOpen}
          title={t('staff.attendance.noShowTitle')}
          description={`«${props.booking.title}», ${formatRange(props.booking.start, props.booking.end)}`}
          confirmLabel={t('staff.attendance.noShow')}
          danger
          focusFallback={latestToast}
          onConfirm={async () => {
            await staffApi.noShow(props.booking.id)
            await refreshBookings()
            done(t('staff.attendance.noShowDone'))
          }}
        />
      </Show>
      <Show when={props.booking.status === 'confirmed' && !hasStarted(props.booking)}>
        <p class="small mb-0">{t('staff.attendance.notStarted')}</p>
      </Show>
      <Show when={props.booking.status === 'completed'}>
        <p class="small mb-0">{tn('staff.attendance.recorded', props.booking.participants ?? 0)}</p>
      </Show>
      <Show when={props.toast} fallback={<OperationStatus op={op} />}>
        <Show when={op.pending()}>
          <Loading label={t('common.working')} />
        </Show>
      </Show>
    </div>
  )
}

interface CategoryRow {
  name: string
  count: string
}

/** Participants at the end of an activity, with optional categories ("under 25": 8). */
export function AttendanceForm(props: { booking: StaffBooking; idPrefix: string; onDone?: (message: string) => void; toast?: boolean }) {
  const op = createOperation()
  const [participants, setParticipants] = createSignal(String(props.booking.participants ?? props.booking.expectedParticipants ?? ''))
  const [rows, setRows] = createSignal<CategoryRow[]>([])
  const fields = () => ({ participants: t('staff.attendance.participants'), categories: t('staff.attendance.categories') })

  const submit = async (e: Event) => {
    e.preventDefault()
    const categories: Record<string, number> = {}
    for (const row of rows()) if (row.name.trim()) categories[row.name.trim()] = Number(row.count || 0)
    const ok = await op.run(async () => {
      await staffApi.attendance(props.booking.id, Number(participants()), Object.keys(categories).length ? categories : undefined)
      await refreshBookings()
    }, t('staff.attendance.saved'))
    if (ok && props.toast) toast.success(t('staff.attendance.saved'))
    else if (props.toast) toast.error(op.problem())
    if (ok) props.onDone?.(t('staff.attendance.saved'))
  }
  const update = (i: number, patch: Partial<CategoryRow>) => setRows(rows().map((r, j) => (j === i ? { ...r, ...patch } : r)))

  return (
    <form class="sc-form sc-attendance" onSubmit={submit}>
      <Field
        id={`${props.idPrefix}-participants`}
        label={t('staff.attendance.participants')}
        type="number"
        inputmode="numeric"
        min={0}
        max={10000}
        required
        value={participants()}
        onInput={setParticipants}
      />
      <fieldset class="sc-field">
        <legend>{t('staff.attendance.categories')}</legend>
        <p class="form-text small mb-1">{t('staff.attendance.categoriesHelp')}</p>
        <Index each={rows()}>
          {(row, i) => (
            <div class="sc-hours-interval">
              <Field
                id={`${props.idPrefix}-cat-${i}-name`}
                label={t('staff.attendance.categoryName')}
                value={row().name}
                maxLength={100}
                onInput={(v) => update(i, { name: v })}
              />
              <Field
                id={`${props.idPrefix}-cat-${i}-count`}
                label={t('staff.attendance.categoryCount')}
                type="number"
                min={0}
                inputmode="numeric"
                value={row().count}
                onInput={(v) => update(i, { count: v })}
              />
              <button type="button" class="btn btn-outline-secondary btn-sm" onClick={() => setRows(rows().filter((_, j) => j !== i))}>
                {t('staff.attendance.removeCategory', { name: row().name || String(i + 1) })}
              </button>
            </div>
          )}
        </Index>
        <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setRows([...rows(), { name: '', count: '' }])}>
          {t('staff.attendance.addCategory')}
        </button>
      </fieldset>
      <SubmitButton pending={op.pending()} label={t('staff.attendance.record')} class="btn btn-primary btn-sm" />
      <Show when={!props.toast}>
        <OperationStatus op={op} fields={fields()} />
      </Show>
    </form>
  )
}

/** A booking in a line: "Corso di cucina — Cucina 1 — Squadra Giambellino". */
export function BookingSummary(props: { booking: StaffBooking; labName?: string; teamName?: string }) {
  return (
    <div>
      <p class="fw-semibold mb-1">{props.booking.title}</p>
      <ul class="list-unstyled small mb-2">
        <li>{formatRange(props.booking.start, props.booking.end)}</li>
        <Show when={props.labName}>
          <li>
            {t('staff.common.lab')}: {props.labName}
          </li>
        </Show>
        <li>
          {t('staff.common.team')}: {props.teamName ?? t('staff.common.internalUse')}
        </li>
        <Show when={props.booking.expectedParticipants}>
          <li>{tn('staff.common.expected', props.booking.expectedParticipants ?? 0)}</li>
        </Show>
        <li>
          {t('common.status')}: <StatusBadge status={props.booking.status} />
        </li>
        <Show when={props.booking.statusReason}>
          <li>
            {t('staff.approvals.reason')}: {props.booking.statusReason}
          </li>
        </Show>
        <Show when={props.booking.participantCategories && Object.keys(props.booking.participantCategories).length}>
          <li>
            <For each={Object.entries(props.booking.participantCategories ?? {})}>
              {([name, n]) => (
                <span class="sc-badge me-1">
                  {name}: {n}
                </span>
              )}
            </For>
          </li>
        </Show>
      </ul>
    </div>
  )
}
