import { For, Show } from 'solid-js'
import type { StaffBooking } from '../../../api/staff.ts'
import { TableBox } from '../../../components/kit.tsx'
import { t } from '../../../i18n/index.ts'
import { cardTable } from '../../../lib/card-table.ts'
import { StatusBadge } from '../booking-actions.tsx'
import { BookingLines, whenInWords } from '../booking-details.tsx'
import type { Bulk } from './bulk.ts'

interface Names {
  labName: (id: string) => string
  hubName: (id: string) => string
  /** Several hubs in the queue: each lab says its hub (once: a shared name already carries it). */
  showHub: boolean
  typeName: (id: string) => string
  teamName: (b: StaffBooking) => string
}

/** The requests of the page, each with a tick for the bulk actions and its own approve and reject. */
export function QueueTable(props: Names & { items: StaffBooking[]; bulk: Bulk; onReject: () => void }) {
  return (
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
                checked={props.bulk.allChosen()}
                onChange={(e) => props.bulk.toggleAll(e.currentTarget.checked)}
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
          <For each={props.items}>{(b) => <QueueRow booking={b} {...props} />}</For>
        </tbody>
      </table>
    </TableBox>
  )
}

function QueueRow(props: Names & { booking: StaffBooking; bulk: Bulk; onReject: () => void }) {
  const b = () => props.booking
  return (
    <tr>
      <td>
        <input
          type="checkbox"
          class="form-check-input"
          id={`approve-${b().id}`}
          aria-label={t('staff.approvals.selectOne', { title: b().title })}
          checked={props.bulk.chosen().has(b().id)}
          onChange={(e) => props.bulk.toggle(b().id, e.currentTarget.checked)}
        />
      </td>
      <td>
        {whenInWords(b())}
        <Show when={b().seriesId}>
          <span class="sc-badge ms-1">{t('staff.approvals.series')}</span>
        </Show>
      </td>
      <td>
        {props.labName(b().labId)}
        <Show when={props.showHub && !props.labName(b().labId).endsWith(` · ${props.hubName(b().labId)}`) && props.hubName(b().labId)}>
          <span class="d-block small">{props.hubName(b().labId)}</span>
        </Show>
      </td>
      <td>
        {b().title}
        <BookingLines booking={b()} typeName={props.typeName} />
      </td>
      <td>{props.teamName(b())}</td>
      <td>
        <StatusBadge status={b().status} />
      </td>
      <td>
        <div class="sc-actions">
          <button
            type="button"
            class="btn btn-primary btn-sm"
            disabled={props.bulk.busy()}
            onClick={() => props.bulk.run('approve', [b()])}
          >
            {t('staff.approvals.approve')}
            <span class="visually-hidden"> {b().title}</span>
          </button>
          <button
            type="button"
            class="btn btn-outline-danger btn-sm"
            disabled={props.bulk.busy()}
            onClick={() => {
              props.bulk.only(b().id)
              props.onReject()
            }}
          >
            {t('staff.approvals.rejectEllipsis')}
            <span class="visually-hidden"> {b().title}</span>
          </button>
        </div>
      </td>
    </tr>
  )
}
