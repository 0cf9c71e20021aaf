import { createAsync } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { listPage, type StaffBooking, staffApi } from '../../api/staff.ts'
import type { Hub, Lab } from '../../api/types.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { Pager, SelectField, TableBox, TextArea } from '../../components/kit.tsx'
import { ProblemAlert } from '../../components/ProblemAlert.tsx'
import { AsyncBoundary, Empty, Loading, Success } from '../../components/States.tsx'
import { t, tn } from '../../i18n/index.ts'
import { cardTable } from '../../lib/card-table.ts'
import { formatLongDate, formatTime } from '../../lib/format.ts'
import { refreshBookings, StatusBadge } from './booking-actions.tsx'

const PAGE = 25

interface Failure {
  booking: StaffBooking
  problem: unknown
}

/** Pending bookings of the hubs the person manages, approved or rejected one by one or in bulk. */
export function Approvals(props: { hubs: Hub[]; labs: Lab[]; teamName: (id: string | null) => string | undefined }) {
  const [hubFilter, setHubFilter] = createSignal(props.hubs.length === 1 ? props.hubs[0].id : '')
  const [offset, setOffset] = createSignal(0)
  return (
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title" class="h4">
        {t('staff.approvals.title')}
      </h2>
      <p>{t('staff.approvals.intro')}</p>
      <Show when={props.hubs.length > 1}>
        <div class="sc-toolbar">
          <SelectField
            id="approvals-hub"
            label={t('staff.common.hub')}
            value={hubFilter()}
            empty={t('staff.approvals.allHubs')}
            options={props.hubs.map((h) => ({ value: h.id, label: h.name }))}
            onChange={(v) => {
              setHubFilter(v)
              setOffset(0)
            }}
          />
        </div>
      </Show>
      <AsyncBoundary>
        <Queue hubId={hubFilter()} offset={offset()} setOffset={setOffset} labs={props.labs} hubs={props.hubs} teamName={props.teamName} />
      </AsyncBoundary>
    </section>
  )
}

function Queue(props: {
  hubId: string
  offset: number
  setOffset: (n: number) => void
  labs: Lab[]
  hubs: Hub[]
  teamName: (id: string | null) => string | undefined
}) {
  const page = createAsync(() =>
    listPage<StaffBooking>('/bookings', { status: 'pending', hubId: props.hubId || undefined, limit: PAGE, offset: props.offset }),
  )
  const items = () => (page()?.items ?? []).filter((b) => b.status === 'pending')
  const labOf = (id: string) => props.labs.find((l) => l.id === id)
  const hubName = (labId: string) => props.hubs.find((h) => h.id === labOf(labId)?.hubId)?.name

  const [chosen, setChosen] = createSignal<Set<string>>(new Set())
  const [rejectOpen, setRejectOpen] = createSignal(false)
  const [reason, setReason] = createSignal('')
  const [progress, setProgress] = createSignal<{ done: number; total: number; verb: 'approve' | 'reject' }>()
  const [summary, setSummary] = createSignal<string>()
  const [failures, setFailures] = createSignal<Failure[]>([])

  const selected = createMemo(() => items().filter((b) => chosen().has(b.id)))
  const allChosen = () => items().length > 0 && items().every((b) => chosen().has(b.id))
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen())
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
  }
  const toggleAll = (on: boolean) => setChosen(on ? new Set(items().map((b) => b.id)) : new Set<string>())

  /** One request per booking, in order, so the progress and each failure can be told. */
  const runBulk = async (verb: 'approve' | 'reject', targets: StaffBooking[], why = '') => {
    setSummary(undefined)
    setFailures([])
    const failed: Failure[] = []
    setProgress({ done: 0, total: targets.length, verb })
    for (const [i, b] of targets.entries()) {
      try {
        if (verb === 'approve') await staffApi.approve(b.id)
        else await staffApi.reject(b.id, why)
      } catch (problem) {
        failed.push({ booking: b, problem })
      }
      setProgress({ done: i + 1, total: targets.length, verb })
    }
    const ok = targets.length - failed.length
    setProgress(undefined)
    setFailures(failed)
    setSummary(verb === 'approve' ? t('staff.approvals.approvedN', { n: ok }) : t('staff.approvals.rejectedN', { n: ok }))
    setChosen(new Set<string>())
    await refreshBookings()
  }

  return (
    <>
      <div aria-live="polite">
        <Show when={progress()}>
          {(p) => (
            <Loading
              label={
                p().verb === 'approve'
                  ? t('staff.approvals.approving', { done: p().done, total: p().total })
                  : t('staff.approvals.rejecting', { done: p().done, total: p().total })
              }
            />
          )}
        </Show>
        <Show when={summary()}>{(s) => <Success>{s()}</Success>}</Show>
      </div>
      <For each={failures()}>
        {(f) => (
          <ProblemAlert problem={f.problem}>
            <p class="mb-0 small">
              {t('staff.approvals.failedFor', {
                title: f.booking.title,
                when: `${formatLongDate(f.booking.start.slice(0, 10))} ${formatTime(f.booking.start)}`,
              })}
            </p>
          </ProblemAlert>
        )}
      </For>
      <Show when={items().length > 0} fallback={<Empty>{t('staff.approvals.empty')}</Empty>}>
        <fieldset class="sc-toolbar">
          <legend class="visually-hidden">{t('staff.approvals.bulk')}</legend>
          <span class="sc-toolbar-label">{tn('staff.approvals.selectedN', selected().length)}</span>
          <button
            type="button"
            class="btn btn-primary btn-sm"
            disabled={selected().length === 0 || Boolean(progress())}
            onClick={() => runBulk('approve', selected())}
          >
            {t('staff.approvals.approveSelected', { n: selected().length })}
          </button>
          <button
            type="button"
            class="btn btn-outline-danger btn-sm"
            disabled={selected().length === 0 || Boolean(progress())}
            onClick={() => setRejectOpen(true)}
          >
            {t('staff.approvals.rejectSelected', { n: selected().length })}
          </button>
        </fieldset>
        <TableBox label={t('staff.approvals.title')}>
          <table ref={cardTable} class="table table-sm">
            <caption class="visually-hidden">{t('staff.approvals.title')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    class="form-check-input"
                    id="approvals-all"
                    aria-label={t('staff.approvals.selectAll')}
                    checked={allChosen()}
                    onChange={(e) => toggleAll(e.currentTarget.checked)}
                  />
                </th>
                <th scope="col">{t('staff.common.when')}</th>
                <th scope="col">{t('staff.common.lab')}</th>
                <th scope="col">{t('staff.common.activity')}</th>
                <th scope="col">{t('staff.common.team')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">{t('common.actions')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={items()}>
                {(b) => (
                  <tr>
                    <td>
                      <input
                        type="checkbox"
                        class="form-check-input"
                        id={`approve-${b.id}`}
                        aria-label={t('staff.approvals.selectOne', { title: b.title })}
                        checked={chosen().has(b.id)}
                        onChange={(e) => toggle(b.id, e.currentTarget.checked)}
                      />
                    </td>
                    <td>
                      {formatLongDate(b.start.slice(0, 10))}, {formatTime(b.start)}–{formatTime(b.end)}
                      <Show when={b.seriesId}>
                        <span class="sc-badge ms-1">{t('staff.approvals.series')}</span>
                      </Show>
                    </td>
                    <td>
                      {b.lab?.name ?? labOf(b.labId)?.name ?? ''}
                      <Show when={props.hubs.length > 1 && hubName(b.labId)}>
                        <span class="d-block small">{hubName(b.labId)}</span>
                      </Show>
                    </td>
                    <td>{b.title}</td>
                    <td>{b.team?.name ?? props.teamName(b.teamId) ?? t('staff.common.internalUse')}</td>
                    <td>
                      <StatusBadge status={b.status} />
                    </td>
                    <td>
                      <div class="sc-actions">
                        <button
                          type="button"
                          class="btn btn-primary btn-sm"
                          disabled={Boolean(progress())}
                          onClick={() => runBulk('approve', [b])}
                        >
                          {t('staff.approvals.approve')}
                          <span class="visually-hidden"> {b.title}</span>
                        </button>
                        <button
                          type="button"
                          class="btn btn-outline-danger btn-sm"
                          disabled={Boolean(progress())}
                          onClick={() => {
                            setChosen(new Set([b.id]))
                            setRejectOpen(true)
                          }}
                        >
                          {t('staff.approvals.rejectEllipsis')}
                          <span class="visually-hidden"> {b.title}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableBox>
        <Pager total={page()?.total ?? 0} offset={props.offset} limit={PAGE} onChange={props.setOffset} />
      </Show>
      <ConfirmDialog
        open={rejectOpen()}
        onOpenChange={setRejectOpen}
        title={t('staff.approvals.rejectTitle', { n: selected().length })}
        description={t('staff.approvals.rejectText')}
        confirmLabel={t('staff.approvals.reject')}
        danger
        onConfirm={async () => {
          const targets = selected()
          const why = reason().trim()
          setRejectOpen(false)
          await runBulk('reject', targets, why)
          setReason('')
        }}
      >
        <ul class="small">
          <For each={selected()}>
            {(b) => (
              <li>
                {b.title} — {formatLongDate(b.start.slice(0, 10))} {formatTime(b.start)}
              </li>
            )}
          </For>
        </ul>
        <TextArea id="reject-reason" label={t('staff.approvals.reason')} value={reason()} onInput={setReason} required maxLength={1000} />
      </ConfirmDialog>
    </>
  )
}
