import { createAsync } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { getBookings } from '../../api/staff.ts'
import type { Hub, Lab } from '../../api/types.ts'
import { Pager, pageOf, StaffTable } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { addDays, formatLongDate, formatTime, today } from '../../lib/format.ts'
import { BookingActions, BookingSummary, hasStarted, StatusBadge } from './booking-actions.tsx'

const PAGE = 10
const DAYS_BACK = 14

/** At the end of an activity: how many came (and who), or that nobody did. The last two weeks of the hub. */
export function Attendance(props: { hub: Hub; labs: Lab[]; teamName: (id: string | null) => string | undefined }) {
  return (
    <section aria-labelledby="attendance-title">
      <h2 id="attendance-title" class="h4">
        {t('staff.attendance.title')}
      </h2>
      <p>{t('staff.attendance.intro', { n: DAYS_BACK })}</p>
      <AsyncBoundary>
        <AttendanceList hub={props.hub} labs={props.labs} teamName={props.teamName} />
      </AsyncBoundary>
    </section>
  )
}

function AttendanceList(props: { hub: Hub; labs: Lab[]; teamName: (id: string | null) => string | undefined }) {
  const from = addDays(today(), -DAYS_BACK)
  const to = addDays(today(), 1)
  const result = createAsync(() => getBookings({ hubId: props.hub.id, from: `${from}T00:00`, to: `${to}T00:00` }))
  const [offset, setOffset] = createSignal(0)
  const [doneOffset, setDoneOffset] = createSignal(0)
  const labName = (id: string) => props.labs.find((l) => l.id === id)?.name

  /** Started and still confirmed: waiting for attendance; most recent first. */
  const toRecord = createMemo(() =>
    (result()?.items ?? []).filter((b) => b.status === 'confirmed' && hasStarted(b)).sort((a, b) => b.start.localeCompare(a.start)),
  )
  const recorded = createMemo(() =>
    (result()?.items ?? [])
      .filter((b) => b.status === 'completed' || b.status === 'no_show')
      .sort((a, b) => b.start.localeCompare(a.start)),
  )

  return (
    <>
      <h3 class="h5">{t('staff.attendance.toRecord', { n: toRecord().length })}</h3>
      <Show when={toRecord().length > 0} fallback={<Empty>{t('staff.attendance.nothingToRecord')}</Empty>}>
        <ul class="list-unstyled">
          <For each={pageOf(toRecord(), offset(), PAGE)}>
            {(b) => (
              <li class="sc-card mb-3">
                <BookingSummary booking={b} labName={labName(b.labId)} teamName={b.teamName ?? props.teamName(b.teamId)} />
                <BookingActions booking={b} idPrefix={`att-${b.id}`} toast />
              </li>
            )}
          </For>
        </ul>
        <Pager total={toRecord().length} offset={offset()} limit={PAGE} onChange={setOffset} />
      </Show>
      <h3 class="h5 mt-4">{t('staff.attendance.recordedTitle')}</h3>
      <Show when={recorded().length > 0} fallback={<Empty>{t('staff.attendance.noneRecorded')}</Empty>}>
        <StaffTable
          caption={t('staff.attendance.recordedTitle')}
          columns={['staff.common.when', 'staff.common.lab', 'staff.common.activity', 'common.status', 'staff.attendance.participants']}
        >
          <For each={pageOf(recorded(), doneOffset(), 25)}>
            {(b) => (
              <tr>
                <td>
                  {formatLongDate(b.start.slice(0, 10))}, {formatTime(b.start)}–{formatTime(b.end)}
                </td>
                <td>{labName(b.labId) ?? ''}</td>
                <td>{b.title}</td>
                <td>
                  <StatusBadge status={b.status} />
                </td>
                <td>{b.status === 'completed' ? (b.participants ?? '') : ''}</td>
              </tr>
            )}
          </For>
        </StaffTable>
        <Pager total={recorded().length} offset={doneOffset()} limit={25} onChange={setDoneOffset} />
      </Show>
    </>
  )
}
