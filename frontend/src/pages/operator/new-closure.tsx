/**
 * The form that closes a hub, a lab or a day: its state, its fields, and the live bookings a closure would
 * hit (the 409's conflicts) with the three ways on: cancel them all, close only the free labs, go back.
 */
import { A, revalidate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { type Conflict, isProblem } from '../../api/client.ts'
import { getBookings, getClosures, listPage, staffApi } from '../../api/staff.ts'
import type { Hub, Lab } from '../../api/types.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { DateTimeField } from '../../components/DateTimeInput.tsx'
import { Field, OperationStatus, SelectField, TableBox } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { conflictReason } from '../../components/ProblemAlert.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { latestToast, toast } from '../../components/Toast.tsx'
import { t, tn } from '../../i18n/index.ts'
import { cardTable } from '../../lib/card-table.ts'
import { formatRange } from '../../lib/format.ts'

export function refreshClosures() {
  return revalidate([getClosures.key, getBookings.key, listPage.key])
}

/** The new closure's fields and the body they make (`labId` for one lab, else the hub). */
function createClosureForm(hub: () => Hub) {
  const [scope, setScope] = createSignal('')
  const [start, setStart] = createSignal('')
  const [end, setEnd] = createSignal('')
  const [reason, setReason] = createSignal('')
  return {
    scope,
    setScope,
    start,
    setStart,
    end,
    setEnd,
    reason,
    setReason,
    body: (cancelAffected = false) => ({
      ...(scope() ? { labId: scope() } : { hubId: hub().id }),
      start: start(),
      end: end(),
      reason: reason().trim(),
      ...(cancelAffected ? { cancelAffected: true } : {}),
    }),
    clear() {
      setStart('')
      setEnd('')
      setReason('')
    },
  }
}
type ClosureForm = ReturnType<typeof createClosureForm>

const closureFields = () => ({
  start: t('staff.closures.start'),
  end: t('staff.closures.end'),
  reason: t('staff.closures.reason'),
  hubId: t('staff.closures.scope'),
  labId: t('staff.closures.scope'),
})

export function NewClosure(props: { hub: Hub; labs: Lab[] }) {
  const op = createOperation()
  const form = createClosureForm(() => props.hub)
  const [cancelOpen, setCancelOpen] = createSignal(false)
  const [invalid, setInvalid] = createSignal(false)
  /** The live bookings the last attempt would have hit (the 409's conflicts). */
  const affected = createMemo(() => {
    const p = op.problem()
    return isProblem(p, 409) ? p.conflicts : []
  })
  const succeeded = (message: string) => {
    op.reset()
    toast.success(message)
    form.clear()
  }

  /** The hub's labs without bookings close; the booked ones stay open with their bookings (POST /closures onlyFreeLabs). */
  const closeFreeLabs = async () => {
    let result: Awaited<ReturnType<typeof staffApi.createClosureOfFreeLabs>> | undefined
    await op.run(async () => {
      result = await staffApi.createClosureOfFreeLabs(form.body())
      await refreshClosures()
    }, false)
    if (result) {
      const closed = result.closures.map((c) => props.labs.find((l) => l.id === c.labId)?.name ?? props.hub.name).join(', ')
      const open = result.leftOpen.map((l) => `${l.labName} (${tn('calendar.closing.bookingsCount', l.bookingIds.length)})`).join(', ')
      succeeded(t('calendar.closing.closedFree', { closed, open }))
    }
  }
  /** Back to the form: nothing is saved, the warning goes, the reason field gets the focus. */
  const goBack = () => {
    op.reset()
    document.getElementById('closure-reason')?.focus()
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    if (form.end() <= form.start()) {
      op.reset()
      setInvalid(true)
      document.getElementById('closure-end')?.focus()
      return
    }
    setInvalid(false)
    const ok = await op.run(async () => {
      await staffApi.createClosure(form.body())
      await refreshClosures()
    }, false)
    if (ok) succeeded(t('staff.closures.created'))
  }

  return (
    <form class="sc-form sc-filters" onSubmit={submit} aria-labelledby="closure-new-title">
      <h3 id="closure-new-title" class="h5">
        {t('staff.closures.new')}
      </h3>
      <ClosureFields form={form} hub={props.hub} labs={props.labs} />
      <Show when={invalid()}>
        <div class="alert alert-danger" role="alert">
          {t('staff.closures.endBeforeStart')}
        </div>
      </Show>
      <SubmitButton pending={op.pending()} label={t('staff.closures.create')} />
      <OperationStatus op={op} fields={closureFields()} hideProblem={affected().length > 0} />
      <Show when={affected().length > 0}>
        <section class="alert alert-warning sc-closure-affected" aria-labelledby="closure-affected-title">
          <h4 id="closure-affected-title" class="h6 mb-1" tabindex="-1">
            {tn('calendar.closing.affectedTitle', affected().length)}
          </h4>
          <p class="mb-2">{t('calendar.closing.affectedIntro')}</p>
          <AffectedBookings conflicts={affected()} />
          <ClosureChoices
            count={affected().length}
            wholeHub={!form.scope()}
            pending={op.pending()}
            onCancelAll={() => setCancelOpen(true)}
            onOnlyFree={closeFreeLabs}
            onBack={goBack}
          />
        </section>
      </Show>
      <ConfirmDialog
        open={cancelOpen()}
        onOpenChange={setCancelOpen}
        title={tn('calendar.closing.confirmTitle', affected().length)}
        description={t('calendar.closing.confirmText')}
        confirmLabel={t('calendar.closing.confirm')}
        cancelLabel={t('calendar.closing.keep')}
        danger
        focusFallback={latestToast}
        onConfirm={async () => {
          await staffApi.createClosure(form.body(true))
          await refreshClosures()
          succeeded(t('staff.closures.createdCancelled'))
        }}
      />
    </form>
  )
}

/** Where (the whole hub or one lab), why, and the period, in Italian dates and 24-hour times. */
function ClosureFields(props: { form: ClosureForm; hub: Hub; labs: Lab[] }) {
  const form = props.form
  return (
    <div class="row g-3">
      <div class="col-12 col-md-6">
        <SelectField
          id="closure-scope"
          label={t('staff.closures.scope')}
          value={form.scope()}
          empty={t('staff.closures.wholeHub', { hub: props.hub.name })}
          options={props.labs.map((l) => ({ value: l.id, label: t('staff.closures.onlyLab', { lab: l.name }) }))}
          onChange={form.setScope}
        />
      </div>
      <div class="col-12 col-md-6">
        <Field
          id="closure-reason"
          label={t('staff.closures.reason')}
          value={form.reason()}
          onInput={form.setReason}
          required
          maxLength={500}
        />
      </div>
      <div class="col-12 col-md-6">
        <DateTimeField
          id="closure-start"
          label={t('staff.closures.start')}
          timeLabel={t('staff.closures.startTime')}
          value={form.start()}
          onValue={form.setStart}
          required
        />
      </div>
      <div class="col-12 col-md-6">
        <DateTimeField
          id="closure-end"
          label={t('staff.closures.end')}
          timeLabel={t('staff.closures.endTime')}
          value={form.end()}
          onValue={form.setEnd}
          required
        />
      </div>
    </div>
  )
}

/** The live bookings a closure would hit: when, where, whose, and the booking (a link) or why it is busy. */
function AffectedBookings(props: { conflicts: Conflict[] }) {
  return (
    <TableBox label={t('calendar.closing.tableLabel')}>
      <table ref={cardTable} class="table table-sm mb-2">
        <caption class="visually-hidden">{t('calendar.closing.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('calendar.closing.colWhen')}</th>
            <th scope="col">{t('calendar.closing.colLab')}</th>
            <th scope="col">{t('calendar.closing.colTeam')}</th>
            <th scope="col">{t('calendar.closing.colActivity')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.conflicts}>
            {(c) => (
              <tr>
                <td>{formatRange(c.start, c.end)}</td>
                <td>{c.labName ?? ''}</td>
                <td>{c.teamName ?? t('calendar.closing.internalUse')}</td>
                <th scope="row" class="fw-normal">
                  <Show when={c.bookingId} fallback={c.title ?? conflictReason(c.reason)}>
                    <A href={`/bookings/${c.bookingId}`}>{c.title ?? t('calendar.closing.open')}</A>
                  </Show>
                </th>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableBox>
  )
}

/** Cancel them all (through a confirmation), close only the free labs (whole hub only), or go back. */
function ClosureChoices(props: {
  count: number
  wholeHub: boolean
  pending: boolean
  onCancelAll: () => void
  onOnlyFree: () => void
  onBack: () => void
}) {
  return (
    <div class="sc-closure-choices">
      <div>
        <button type="button" class="btn btn-danger btn-sm" onClick={() => props.onCancelAll()}>
          {tn('calendar.closing.cancelAll', props.count)}
        </button>
        <p class="small mb-0 mt-1">{t('calendar.closing.cancelAllHelp')}</p>
      </div>
      <Show when={props.wholeHub} fallback={<p class="small mb-0">{t('calendar.closing.onlyFreeNotForLab')}</p>}>
        <div>
          <button type="button" class="btn btn-primary btn-sm" disabled={props.pending} onClick={() => props.onOnlyFree()}>
            {t('calendar.closing.onlyFree')}
          </button>
          <p class="small mb-0 mt-1">{t('calendar.closing.onlyFreeHelp')}</p>
        </div>
      </Show>
      <div>
        <button type="button" class="btn btn-outline-secondary btn-sm" onClick={() => props.onBack()}>
          {t('calendar.closing.back')}
        </button>
      </div>
    </div>
  )
}
