import { type Component, createSignal, For, Show } from 'solid-js'
import type { BookingOverview } from '../../api/bookings.ts'
import { checkInBooking, reinstateBooking } from '../../api/check-in.ts'
import { api, isProblem } from '../../api/client.ts'
import type { StaffBooking } from '../../api/staff.ts'
import { CancelDialog, MoveDialog } from '../../components/BookingDialogs.tsx'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { createOperation, type Operation } from '../../components/operation.ts'
import { ProblemAlert } from '../../components/ProblemAlert.tsx'
import { ActionButton } from '../../components/SubmitButton.tsx'
import { t, tn } from '../../i18n/index.ts'
import { formatRange, formatTime } from '../../lib/format.ts'
import { AttendanceForm } from '../operator/booking-actions.tsx'

/**
 * The actions the viewer may take on the booking's page. The server says which are allowed
 * (`overview.actions`); each entry below shows its control when its key is allowed. A new kind of action
 * (check-in, say) adds its key to the server's BookingActions and one entry here.
 */
export interface ActionProps {
  overview: BookingOverview
  /** Called after a change succeeded: the page re-reads the booking and shows the message. */
  onDone: (message: string) => Promise<void>
  /**
   * Called when the server refused because the booking changed meanwhile (409: someone else approved,
   * cancelled or checked it in): the page re-reads the booking, so that its status is true, and says the
   * refusal above the actions (the action refused may no longer be offered).
   */
  onStale: (problem: unknown) => Promise<void>
}

export interface BookingAction {
  key: string
  allowed: (o: BookingOverview) => boolean
  component: Component<ActionProps>
}

export const BOOKING_ACTIONS: BookingAction[] = [
  { key: 'approve', allowed: (o) => o.actions.approve, component: ApproveAction },
  { key: 'reject', allowed: (o) => o.actions.reject, component: RejectAction },
  { key: 'move', allowed: (o) => o.actions.move, component: MoveAction },
  { key: 'cancel', allowed: (o) => o.actions.cancel.length > 0, component: CancelAction },
  { key: 'attendance', allowed: (o) => o.actions.attendance, component: AttendanceAction },
  { key: 'noShow', allowed: (o) => o.actions.noShow, component: NoShowAction },
  { key: 'checkIn', allowed: (o) => o.actions.checkIn, component: CheckInAction },
  { key: 'reinstate', allowed: (o) => o.actions.reinstate, component: ReinstateAction },
]

/**
 * Runs an action through its operation. A 409 means the booking is no longer what the page shows: the
 * problem goes to the page (`onStale`), which reads the booking again; any other problem stays beside the action.
 */
async function runAction(op: Operation, props: ActionProps, work: () => Promise<unknown>): Promise<void> {
  if (await op.run(work, false)) return
  const problem = op.problem()
  if (!isProblem(problem, 409)) return
  op.reset()
  await props.onStale(problem)
}

/** One button that posts and reports: check-in and reinstatement. */
function OneTapAction(props: ActionProps & { label: string; hint: string; run: () => Promise<string> }) {
  const op = createOperation()
  const go = () => runAction(op, props, async () => props.onDone(await props.run()))
  return (
    <>
      <ActionButton pending={op.pending()} label={props.label} onClick={go} />
      <p class="small text-muted mb-0 mt-1">{props.hint}</p>
      <Show when={op.problem()}>
        <ProblemAlert problem={op.problem()} />
      </Show>
    </>
  )
}

function CheckInAction(props: ActionProps) {
  return (
    <OneTapAction
      {...props}
      label={t('checkin.bookingAction')}
      hint={t('checkin.bookingActionHint')}
      run={async () => t('checkin.checkedIn', { time: formatTime((await checkInBooking(props.overview.booking.id)).checkedInAt) })}
    />
  )
}

function ReinstateAction(props: ActionProps) {
  return (
    <OneTapAction
      {...props}
      label={t('checkin.reinstate')}
      hint={t('checkin.reinstateHint')}
      run={async () => {
        await reinstateBooking(props.overview.booking.id)
        return t('checkin.reinstated')
      }}
    />
  )
}

export function BookingActionList(props: ActionProps) {
  const allowed = () => BOOKING_ACTIONS.filter((a) => a.allowed(props.overview))
  return (
    <Show when={allowed().length > 0} fallback={<p>{t('booking.noActions')}</p>}>
      <ul class="sc-action-list list-unstyled">
        <For each={allowed()}>
          {(a) => (
            <li data-action={a.key}>
              <a.component overview={props.overview} onDone={props.onDone} onStale={props.onStale} />
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}

const path = (id: string, what: string) => `/bookings/${encodeURIComponent(id)}/${what}`
const describe = (o: BookingOverview) => `«${o.booking.title}», ${formatRange(o.booking.start, o.booking.end)}`

function ApproveAction(props: ActionProps) {
  const op = createOperation()
  // which of the two buttons is working: the other one only waits
  const [scope, setScope] = createSignal<'occurrence' | 'series'>()
  const approve = (which: 'occurrence' | 'series') => {
    setScope(which)
    return runAction(op, props, async () => {
      const res = await api.post<{ approved: string[] }>(path(props.overview.booking.id, 'approve'), { scope: which })
      await props.onDone(tn('booking.approved', res.approved.length))
    }).finally(() => setScope(undefined))
  }
  const pendingInSeries = () => props.overview.series?.occurrences.filter((o) => o.status === 'pending').length ?? 0
  return (
    <>
      <div class="d-flex flex-wrap gap-2">
        <ActionButton
          pending={scope() === 'occurrence'}
          disabled={op.pending()}
          label={t('booking.approve')}
          onClick={() => approve('occurrence')}
        />
        <Show when={pendingInSeries() > 1}>
          <ActionButton
            class="btn btn-outline-primary"
            pending={scope() === 'series'}
            disabled={op.pending()}
            label={t('booking.approveSeries')}
            onClick={() => approve('series')}
          />
        </Show>
      </div>
      <Show when={op.problem()}>
        <ProblemAlert problem={op.problem()} />
      </Show>
    </>
  )
}

function RejectAction(props: ActionProps) {
  const [open, setOpen] = createSignal(false)
  const [reason, setReason] = createSignal('')
  const [scope, setScope] = createSignal<'occurrence' | 'series'>('occurrence')
  return (
    <>
      <button type="button" class="btn btn-outline-danger" onClick={() => setOpen(true)}>
        {t('booking.reject')}
      </button>
      <ConfirmDialog
        open={open()}
        onOpenChange={setOpen}
        title={t('booking.rejectTitle')}
        description={describe(props.overview)}
        confirmLabel={t('booking.rejectConfirm')}
        danger
        onConfirm={async () => {
          const res = await api.post<{ rejected: string[] }>(path(props.overview.booking.id, 'reject'), {
            scope: scope(),
            reason: reason().trim(),
          })
          setReason('')
          await props.onDone(tn('booking.rejected', res.rejected.length))
        }}
      >
        <Show when={props.overview.series}>
          <fieldset class="sc-field">
            <legend>{t('booking.rejectScope')}</legend>
            <For each={['occurrence', 'series'] as const}>
              {(s) => (
                <div class="form-check">
                  <input
                    class="form-check-input"
                    type="radio"
                    name="reject-scope"
                    id={`reject-scope-${s}`}
                    checked={scope() === s}
                    onChange={() => setScope(s)}
                  />
                  <label class="form-check-label" for={`reject-scope-${s}`}>
                    {t(s === 'occurrence' ? 'bookings.scopeOccurrence' : 'bookings.scopeSeries')}
                  </label>
                </div>
              )}
            </For>
          </fieldset>
        </Show>
        <div class="sc-field">
          <label for="reject-reason">
            {t('booking.rejectReason')} <span class="sc-required">({t('common.required')})</span>
          </label>
          <textarea
            id="reject-reason"
            class="form-control"
            rows="3"
            required
            maxLength={1000}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
          />
        </div>
      </ConfirmDialog>
    </>
  )
}

function MoveAction(props: ActionProps) {
  const [open, setOpen] = createSignal(false)
  return (
    <>
      <button type="button" class="btn btn-outline-primary" onClick={() => setOpen(true)}>
        {t('booking.move')}
      </button>
      <MoveDialog booking={open() ? props.overview.booking : undefined} onClose={() => setOpen(false)} onDone={(m) => props.onDone(m)} />
    </>
  )
}

function CancelAction(props: ActionProps) {
  const [open, setOpen] = createSignal(false)
  return (
    <>
      <button type="button" id="booking-cancel" class="btn btn-outline-danger" onClick={() => setOpen(true)}>
        {t('booking.cancel')}
      </button>
      <CancelDialog
        booking={open() ? props.overview.booking : undefined}
        scopes={props.overview.actions.cancel}
        onClose={() => setOpen(false)}
        onDone={() => props.onDone('')}
      />
    </>
  )
}

function AttendanceAction(props: ActionProps) {
  const [open, setOpen] = createSignal(props.overview.booking.status === 'confirmed')
  const recorded = () => props.overview.booking.status === 'completed' || props.overview.booking.status === 'no_show'
  return (
    <Show
      when={open()}
      fallback={
        <button type="button" class="btn btn-outline-primary" aria-expanded="false" onClick={() => setOpen(true)}>
          {recorded() ? t('booking.attendanceCorrect') : t('booking.attendance')}
        </button>
      }
    >
      <h3 class="h6">{recorded() ? t('booking.attendanceCorrect') : t('booking.attendance')}</h3>
      <AttendanceForm
        booking={props.overview.booking as unknown as StaffBooking}
        idPrefix="bk-att"
        onDone={(m) => {
          void props.onDone(m)
        }}
      />
    </Show>
  )
}

function NoShowAction(props: ActionProps) {
  const [open, setOpen] = createSignal(false)
  return (
    <>
      <button type="button" class="btn btn-outline-danger" onClick={() => setOpen(true)}>
        {t('booking.noShow')}
      </button>
      <ConfirmDialog
        open={open()}
        onOpenChange={setOpen}
        title={t('booking.noShowTitle')}
        description={describe(props.overview)}
        confirmLabel={t('booking.noShowConfirm')}
        danger
        onConfirm={async () => {
          await api.post(path(props.overview.booking.id, 'no-show'))
          await props.onDone(t('booking.noShowDone'))
        }}
      />
    </>
  )
}
