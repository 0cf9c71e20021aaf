import { createEffect, createSignal, For, on, Show } from 'solid-js'
import type { StaffBooking } from '../../../api/staff.ts'
import { Pager, pageOf, TableBox } from '../../../components/kit.tsx'
import { Empty } from '../../../components/States.tsx'
import { t } from '../../../i18n/index.ts'
import { cardTable } from '../../../lib/card-table.ts'
import { StatusBadge } from '../booking-actions.tsx'
import { BookingLines, whenInWords } from '../booking-details.tsx'

const PAGE = 25

interface ListProps {
  bookings: StaffBooking[]
  labName: (id: string) => string
  typeName: (id: string) => string
  teamName: (id: string | null) => string | undefined
  onSelect: (id: string) => void
}

/** The bookings of the period as a table, 25 to a page: what the calendar shows, in words. */
export function BoardList(props: ListProps & { period: string }) {
  const [offset, setOffset] = createSignal(0)
  // A new period starts on its first page.
  createEffect(
    on(
      () => props.period,
      () => setOffset(0),
      { defer: true },
    ),
  )
  return (
    <>
      <h3 class="h5 mt-4">{t('staff.board.listTitle')}</h3>
      <Show when={props.bookings.length > 0} fallback={<Empty>{t('staff.board.empty')}</Empty>}>
        <TableBox label={t('staff.board.listTitle')}>
          <table ref={cardTable} class="table table-sm">
            <caption class="visually-hidden">{t('staff.board.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.common.when')}</th>
                <th scope="col">{t('staff.common.lab')}</th>
                <th scope="col">{t('staff.common.activity')}</th>
                <th scope="col">{t('staff.common.team')}</th>
                <th scope="col">{t('common.status')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={pageOf(props.bookings, offset(), PAGE)}>{(b) => <BoardRow booking={b} {...props} />}</For>
            </tbody>
          </table>
        </TableBox>
        <Pager total={props.bookings.length} offset={offset()} limit={PAGE} onChange={setOffset} />
      </Show>
    </>
  )
}

function BoardRow(props: Omit<ListProps, 'bookings'> & { booking: StaffBooking }) {
  const b = () => props.booking
  return (
    <tr>
      <td>{whenInWords(b())}</td>
      <td>{props.labName(b().labId)}</td>
      <td>
        {b().title}
        <BookingLines booking={b()} typeName={props.typeName} />
      </td>
      <td>{props.teamName(b().teamId) ?? t('staff.common.internalUse')}</td>
      <td>
        <StatusBadge status={b().status} />
        <Show when={b().releasedAt}>
          <span class="d-block small">{t('checkin.releasedShort')}</span>
        </Show>
        <Show when={b().checkedInAt}>
          <span class="d-block small">{t('checkin.checkedInShort')}</span>
        </Show>
      </td>
      <td>
        <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onSelect(b().id)}>
          {t('staff.board.open')}
          <span class="visually-hidden"> {b().title}</span>
        </button>
      </td>
    </tr>
  )
}
