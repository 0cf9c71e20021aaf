import { createAsync } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { listPage, type StaffBooking } from '../../api/staff.ts'
import type { Hub } from '../../api/types.ts'
import { Pager, SelectField } from '../../components/kit.tsx'
import { AsyncBoundary, Empty, Loading } from '../../components/States.tsx'
import { t, tn } from '../../i18n/index.ts'
import { createBulk } from './approvals/bulk.ts'
import { QueueTable } from './approvals/queue-table.tsx'
import { RejectDialog } from './approvals/reject-dialog.tsx'
import { createBookingNames } from './booking-details.tsx'

const PAGE = 25

/** Pending bookings of the hubs the person manages, approved or rejected one by one or in bulk. */
export function Approvals(props: { hubs: Hub[]; teamName: (id: string | null) => string | undefined }) {
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
        <Queue hubId={hubFilter()} offset={offset()} setOffset={setOffset} teamName={props.teamName} showHub={props.hubs.length > 1} />
      </AsyncBoundary>
    </section>
  )
}

/**
 * A page of the queue: the bulk actions on the ticked requests, the table (`approvals/queue-table.tsx`) and the
 * rejection's dialog. Progress is said here; what was done, and what failed, in the shared toast.
 */
function Queue(props: {
  hubId: string
  offset: number
  setOffset: (n: number) => void
  teamName: (id: string | null) => string | undefined
  showHub: boolean
}) {
  const page = createAsync(() =>
    listPage<StaffBooking>('/bookings', { status: 'pending', hubId: props.hubId || undefined, limit: PAGE, offset: props.offset }),
  )
  const items = () => (page()?.items ?? []).filter((b) => b.status === 'pending')
  const names = createBookingNames()
  const bulk = createBulk(items)
  const [rejectOpen, setRejectOpen] = createSignal(false)
  const working = (p: { done: number; total: number; verb: string }) =>
    t(p.verb === 'approve' ? 'staff.approvals.approving' : 'staff.approvals.rejecting', { done: p.done, total: p.total })

  return (
    <>
      <div aria-live="polite">
        <Show when={bulk.progress()}>{(p) => <Loading label={working(p())} />}</Show>
      </div>
      <Show when={items().length > 0} fallback={<Empty>{t('staff.approvals.empty')}</Empty>}>
        <fieldset class="sc-toolbar">
          <legend class="visually-hidden">{t('staff.approvals.bulk')}</legend>
          <span class="sc-toolbar-label">{tn('staff.approvals.selectedN', bulk.selected().length)}</span>
          <button
            type="button"
            class="btn btn-primary btn-sm"
            disabled={bulk.selected().length === 0 || bulk.busy()}
            onClick={() => bulk.run('approve', bulk.selected())}
          >
            {t('staff.approvals.approveSelected', { n: bulk.selected().length })}
          </button>
          <button
            type="button"
            class="btn btn-outline-danger btn-sm"
            disabled={bulk.selected().length === 0 || bulk.busy()}
            onClick={() => setRejectOpen(true)}
          >
            {t('staff.approvals.rejectSelected', { n: bulk.selected().length })}
          </button>
        </fieldset>
        <QueueTable
          items={items()}
          bulk={bulk}
          labName={names.labName}
          hubName={names.hubName}
          showHub={props.showHub}
          typeName={names.typeName}
          teamName={(b) => b.teamName ?? props.teamName(b.teamId) ?? t('staff.common.internalUse')}
          onReject={() => setRejectOpen(true)}
        />
        <Pager total={page()?.total ?? 0} offset={props.offset} limit={PAGE} onChange={props.setOffset} />
      </Show>
      <RejectDialog open={rejectOpen()} onOpenChange={setRejectOpen} bulk={bulk} />
    </>
  )
}
