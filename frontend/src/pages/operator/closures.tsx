import { A, createAsync, revalidate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { isProblem } from '../../api/client.ts'
import { getBookings, getClosures, listPage, staffApi } from '../../api/staff.ts'
import type { Closure, Hub, Lab, Role } from '../../api/types.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { DateTimeField } from '../../components/DateTimeInput.tsx'
import { createOperation, Field, OperationStatus, Pager, pageOf, SelectField, StaffTable, TableBox } from '../../components/kit.tsx'
import { conflictReason } from '../../components/ProblemAlert.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { t, tn } from '../../i18n/index.ts'
import { cardTable } from '../../lib/card-table.ts'
import { addDays, formatDate, formatLongDate, formatRange, today } from '../../lib/format.ts'

const PAGE = 20

/** A closure in words: whole days read as dates ("venerdì 25 dicembre 2026", "dal 1 al 7 agosto 2027"). */
export function formatClosure(start: string, end: string): string {
  const wholeDays = start.slice(11, 16) === '00:00' && end.slice(11, 16) === '00:00'
  if (!wholeDays) return formatRange(start, end)
  const first = start.slice(0, 10)
  const last = addDays(end.slice(0, 10), -1)
  if (last <= first) return formatLongDate(first)
  return t('staff.closures.days', { from: formatDate(first), to: formatDate(last) })
}

/** Closures of the hub (whole hub, one lab, or every hub): the coming ones, a form to add one, deletion with confirmation. */
export function Closures(props: { hub: Hub; labs: Lab[]; role: Role }) {
  return (
    <section aria-labelledby="closures-title">
      <h2 id="closures-title" class="h4">
        {t('staff.closures.title')}
      </h2>
      <p>{t('staff.closures.intro')}</p>
      <NewClosure hub={props.hub} labs={props.labs} />
      <h3 class="h5 mt-4">{t('staff.closures.upcoming')}</h3>
      <AsyncBoundary>
        <ClosureList hub={props.hub} labs={props.labs} role={props.role} />
      </AsyncBoundary>
    </section>
  )
}

function refreshClosures() {
  return revalidate([getClosures.key, getBookings.key, listPage.key])
}

function NewClosure(props: { hub: Hub; labs: Lab[] }) {
  const op = createOperation()
  const [scope, setScope] = createSignal('')
  const [start, setStart] = createSignal('')
  const [end, setEnd] = createSignal('')
  const [reason, setReason] = createSignal('')
  const [cancelOpen, setCancelOpen] = createSignal(false)
  const [invalid, setInvalid] = createSignal(false)
  const fields = () => ({
    start: t('staff.closures.start'),
    end: t('staff.closures.end'),
    reason: t('staff.closures.reason'),
    hubId: t('staff.closures.scope'),
    labId: t('staff.closures.scope'),
  })
  const body = (cancelAffected = false) => ({
    ...(scope() ? { labId: scope() } : { hubId: props.hub.id }),
    start: start(),
    end: end(),
    reason: reason().trim(),
    ...(cancelAffected ? { cancelAffected: true } : {}),
  })
  /** The live bookings the last attempt would have hit (the 409's conflicts). */
  const affected = createMemo(() => {
    const p = op.problem()
    return isProblem(p, 409) ? p.conflicts : []
  })
  const clear = () => {
    setStart('')
    setEnd('')
    setReason('')
  }

  /** The hub's labs without bookings close; the booked ones stay open with their bookings (POST /closures onlyFreeLabs). */
  const closeFreeLabs = async () => {
    let result: Awaited<ReturnType<typeof staffApi.createClosureOfFreeLabs>> | undefined
    await op.run(async () => {
      result = await staffApi.createClosureOfFreeLabs(body())
      await refreshClosures()
    })
    if (result) {
      const closed = result.closures.map((c) => props.labs.find((l) => l.id === c.labId)?.name ?? props.hub.name).join(', ')
      const open = result.leftOpen.map((l) => `${l.labName} (${tn('calendar.closing.bookingsCount', l.bookingIds.length)})`).join(', ')
      op.reset()
      op.setDone(t('calendar.closing.closedFree', { closed, open }))
      clear()
    }
  }
  /** Back to the form: nothing is saved, the warning goes, the reason field gets the focus. */
  const goBack = () => {
    op.reset()
    document.getElementById('closure-reason')?.focus()
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    if (end() <= start()) {
      op.reset()
      setInvalid(true)
      document.getElementById('closure-end')?.focus()
      return
    }
    setInvalid(false)
    const ok = await op.run(async () => {
      await staffApi.createClosure(body())
      await refreshClosures()
    }, t('staff.closures.created'))
    if (ok) clear()
  }

  return (
    <form class="sc-form sc-filters" onSubmit={submit} aria-labelledby="closure-new-title">
      <h3 id="closure-new-title" class="h5">
        {t('staff.closures.new')}
      </h3>
      <div class="row g-3">
        <div class="col-12 col-md-6">
          <SelectField
            id="closure-scope"
            label={t('staff.closures.scope')}
            value={scope()}
            empty={t('staff.closures.wholeHub', { hub: props.hub.name })}
            options={props.labs.map((l) => ({ value: l.id, label: t('staff.closures.onlyLab', { lab: l.name }) }))}
            onChange={setScope}
          />
        </div>
        <div class="col-12 col-md-6">
          <Field id="closure-reason" label={t('staff.closures.reason')} value={reason()} onInput={setReason} required maxLength={500} />
        </div>
        <div class="col-12 col-md-6">
          <DateTimeField
            id="closure-start"
            label={t('staff.closures.start')}
            timeLabel={t('staff.closures.startTime')}
            value={start()}
            onValue={setStart}
            required
          />
        </div>
        <div class="col-12 col-md-6">
          <DateTimeField
            id="closure-end"
            label={t('staff.closures.end')}
            timeLabel={t('staff.closures.endTime')}
            value={end()}
            onValue={setEnd}
            required
          />
        </div>
      </div>
      <Show when={invalid()}>
        <div class="alert alert-danger" role="alert">
          {t('staff.closures.endBeforeStart')}
        </div>
      </Show>
      <SubmitButton pending={op.pending()} label={t('staff.closures.create')} />
      <OperationStatus op={op} fields={fields()} hideProblem={affected().length > 0} />
      <Show when={affected().length > 0}>
        <section class="alert alert-warning sc-closure-affected" aria-labelledby="closure-affected-title">
          <h4 id="closure-affected-title" class="h6 mb-1" tabindex="-1">
            {tn('calendar.closing.affectedTitle', affected().length)}
          </h4>
          <p class="mb-2">{t('calendar.closing.affectedIntro')}</p>
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
                <For each={affected()}>
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
          <div class="sc-closure-choices">
            <div>
              <button type="button" class="btn btn-danger btn-sm" onClick={() => setCancelOpen(true)}>
                {tn('calendar.closing.cancelAll', affected().length)}
              </button>
              <p class="small mb-0 mt-1">{t('calendar.closing.cancelAllHelp')}</p>
            </div>
            <Show when={!scope()} fallback={<p class="small mb-0">{t('calendar.closing.onlyFreeNotForLab')}</p>}>
              <div>
                <button type="button" class="btn btn-primary btn-sm" disabled={op.pending()} onClick={closeFreeLabs}>
                  {t('calendar.closing.onlyFree')}
                </button>
                <p class="small mb-0 mt-1">{t('calendar.closing.onlyFreeHelp')}</p>
              </div>
            </Show>
            <div>
              <button type="button" class="btn btn-outline-secondary btn-sm" onClick={goBack}>
                {t('calendar.closing.back')}
              </button>
            </div>
          </div>
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
        onConfirm={async () => {
          await staffApi.createClosure(body(true))
          await refreshClosures()
          op.reset()
          op.setDone(t('staff.closures.createdCancelled'))
          clear()
        }}
      />
    </form>
  )
}

function ClosureList(props: { hub: Hub; labs: Lab[]; role: Role }) {
  const closures = createAsync(() => getClosures(props.hub.id, `${today()}T00:00`))
  const [offset, setOffset] = createSignal(0)
  const [toDelete, setToDelete] = createSignal<Closure>()
  const done = createOperation()
  const labIds = () => new Set(props.labs.map((l) => l.id))
  const now = Date.now()
  const relevant = createMemo(() =>
    (closures() ?? [])
      .filter((c) => c.hubId === props.hub.id || (c.labId && labIds().has(c.labId)) || (!c.hubId && !c.labId))
      .filter((c) => new Date(c.end).getTime() >= now)
      .sort((a, b) => a.start.localeCompare(b.start)),
  )
  const scopeOf = (c: Closure) => {
    if (c.labId) return t('staff.closures.onlyLab', { lab: props.labs.find((l) => l.id === c.labId)?.name ?? '' })
    if (c.hubId) return t('staff.closures.wholeHub', { hub: props.hub.name })
    return t('staff.closures.everyHub')
  }
  const canDelete = (c: Closure) => props.role === 'admin' || Boolean(c.hubId || c.labId)

  return (
    <>
      <OperationStatus op={done} />
      <Show when={relevant().length > 0} fallback={<Empty>{t('staff.closures.empty')}</Empty>}>
        <StaffTable
          caption={t('staff.closures.upcoming')}
          columns={['staff.common.when', 'staff.closures.scope', 'staff.closures.reason', 'common.actions']}
        >
          <For each={pageOf(relevant(), offset(), PAGE)}>
            {(c) => (
              <tr>
                <td>{formatClosure(c.start, c.end)}</td>
                <td>{scopeOf(c)}</td>
                <td>{c.reason}</td>
                <td>
                  <Show when={canDelete(c)}>
                    <button type="button" class="btn btn-outline-danger btn-sm" onClick={() => setToDelete(c)}>
                      {t('staff.closures.delete')}
                      <span class="visually-hidden"> {c.reason}</span>
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </StaffTable>
        <Pager total={relevant().length} offset={offset()} limit={PAGE} onChange={setOffset} />
      </Show>
      <ConfirmDialog
        open={Boolean(toDelete())}
        onOpenChange={(open) => !open && setToDelete(undefined)}
        title={t('staff.closures.deleteTitle')}
        description={toDelete() ? `${toDelete()?.reason}: ${formatClosure(toDelete()?.start ?? '', toDelete()?.end ?? '')}` : ''}
        confirmLabel={t('staff.closures.delete')}
        danger
        onConfirm={async () => {
          const c = toDelete()
          if (!c) return
          await staffApi.deleteClosure(c.id)
          await refreshClosures()
          done.setDone(t('staff.closures.deleted'))
        }}
      />
    </>
  )
}
