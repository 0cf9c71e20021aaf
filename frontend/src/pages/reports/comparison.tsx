import { createAsync, query } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { api, apiUrl, type Query } from '../../api/client.ts'
import { getUtilisation } from '../../api/staff.ts'
import { Chart } from '../../components/Chart.tsx'
import { StaffTable } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { formatDate, formatNumber, formatPercent } from '../../lib/format.ts'
import type { ReportFilters } from './dashboard.tsx'

export interface ReportPeriod {
  from: string
  to: string
  lastDay: string
}

/** The period the reports open on: the period with data up to today (GET /reports/period). */
export const getReportPeriod = query(
  (q: { hubId?: string; type?: string; areaId?: string }) => api.get<ReportPeriod>('/reports/period', q),
  'staff-report-period',
)

/** dd/mm/yyyy, as the office files write it. */
export const shortDate = (date: string) => formatDate(date, { day: '2-digit', month: '2-digit', year: 'numeric' })

/** Every hub side by side over the period (the hub filter does not narrow it: the selected hub is marked). */
export function HubComparisonSection(props: { filters: ReportFilters }) {
  const report = createAsync(() =>
    getUtilisation({
      from: props.filters.from,
      to: props.filters.to,
      groupBy: 'hub',
      type: props.filters.type,
      areaId: props.filters.areaId,
    }),
  )
  const rows = () => report()?.rows ?? []
  const xlsx = () =>
    apiUrl('/reports/utilisation.xlsx', {
      from: props.filters.from,
      to: props.filters.to,
      groupBy: 'hub',
      type: props.filters.type,
      areaId: props.filters.areaId,
    })
  return (
    <section class="sc-report-section" aria-labelledby="comparison-title">
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
        <h2 id="comparison-title" class="h4 mb-0">
          {t('staff.reports.comparison')}
        </h2>
        <a class="btn btn-outline-primary btn-sm sc-no-print" href={xlsx()} download="">
          {t('staff.reports.xlsxComparison')}
        </a>
      </div>
      <p>{t('staff.reports.comparisonIntro')}</p>
      <AsyncBoundary>
        <Show when={rows().length > 0} fallback={<Empty>{t('staff.reports.noData')}</Empty>}>
          <Chart
            type="bar"
            caption={t('staff.reports.comparisonCaption')}
            labels={rows().map((r) => r.label)}
            series={[{ label: t('staff.reports.utilisation'), data: rows().map((r) => Math.round(r.utilisation * 1000) / 10) }]}
            formatValue={(n) => `${formatNumber(n)} %`}
            height={Math.max(260, rows().length * 36)}
          />
          <StaffTable
            caption={t('staff.reports.comparisonTable')}
            visibleCaption
            columns={[
              'staff.common.hub',
              'staff.reports.utilisation',
              'staff.reports.openHours',
              'staff.reports.bookedHours',
              'staff.reports.usedHours',
              'staff.reports.bookings',
              'staff.reports.noShows',
              'staff.reports.participants',
            ]}
          >
            <For each={rows()}>
              {(r) => (
                <tr
                  class={r.key === props.filters.hubId ? 'table-active' : undefined}
                  aria-current={r.key === props.filters.hubId ? 'true' : undefined}
                >
                  <th scope="row">{r.label}</th>
                  <td>{formatPercent(r.utilisation)}</td>
                  <td>{formatNumber(r.openHours)}</td>
                  <td>{formatNumber(r.bookedHours)}</td>
                  <td>{formatNumber(r.usedHours)}</td>
                  <td>{formatNumber(r.bookings, 0)}</td>
                  <td>{formatNumber(r.noShows, 0)}</td>
                  <td>{formatNumber(r.participants, 0)}</td>
                </tr>
              )}
            </For>
          </StaffTable>
        </Show>
      </AsyncBoundary>
    </section>
  )
}

/** The office files (.xlsx) of every report, for the period and filters shown. */
export function OfficeDownloads(props: { filters: ReportFilters }) {
  const scope = (): Query => ({ hubId: props.filters.hubId, type: props.filters.type, areaId: props.filters.areaId })
  const period = (): Query => ({ from: props.filters.from, to: props.filters.to })
  const links = (): Array<[string, string]> => [
    [t('staff.reports.xlsxMonth'), apiUrl('/reports/utilisation.xlsx', { ...period(), ...scope(), groupBy: 'month' })],
    [t('staff.reports.xlsxLab'), apiUrl('/reports/utilisation.xlsx', { ...period(), ...scope(), groupBy: 'lab' })],
    [t('staff.reports.xlsxType'), apiUrl('/reports/utilisation.xlsx', { ...period(), ...scope(), groupBy: 'type' })],
    [t('staff.reports.xlsxArea'), apiUrl('/reports/utilisation.xlsx', { ...period(), ...scope(), groupBy: 'area' })],
    [t('staff.reports.xlsxTeam'), apiUrl('/reports/utilisation.xlsx', { ...period(), ...scope(), groupBy: 'team' })],
    [t('staff.reports.xlsxAttendance'), apiUrl('/reports/attendance.xlsx', { ...period(), ...scope(), groupBy: 'lab' })],
    [
      t('staff.reports.xlsxConcessions'),
      apiUrl('/reports/concessions.xlsx', { ...period(), hubId: props.filters.hubId, areaId: props.filters.areaId }),
    ],
    [t('staff.reports.xlsxGrants'), apiUrl('/reports/grants.xlsx', scope())],
  ]
  return (
    <section class="sc-report-section sc-no-print" aria-labelledby="downloads-title">
      <h2 id="downloads-title" class="h4">
        {t('staff.reports.downloads')}
      </h2>
      <p>{t('staff.reports.downloadsIntro')}</p>
      <ul class="list-unstyled d-flex flex-wrap gap-2">
        <For each={links()}>
          {([label, href]) => (
            <li>
              <a class="btn btn-outline-primary btn-sm" href={href} download="">
                {label}
              </a>
            </li>
          )}
        </For>
      </ul>
    </section>
  )
}
