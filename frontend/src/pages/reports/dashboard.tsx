import { createAsync } from '@solidjs/router'
import { createMemo, createSignal, For, type JSX, Show } from 'solid-js'
import type { Query } from '../../api/client.ts'
import {
  type AttendanceRow,
  csvUrl,
  type GrantReportRow,
  getAttendance,
  getConcessionsReport,
  getGrantsReport,
  getHeatmap,
  getUtilisation,
  type UtilisationReport,
  type UtilisationRow,
} from '../../api/staff.ts'
import { Chart } from '../../components/Chart.tsx'
import { Pager, pageOf, StaffTable } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { type TKey, t } from '../../i18n/index.ts'
import { formatDate, formatNumber, formatPercent } from '../../lib/format.ts'
import { Heatmap } from './heatmap-table.tsx'

export interface ReportFilters {
  from: string
  to: string
  hubId?: string
  type?: string
  areaId?: string
}

const pct = (ratio: number) => formatPercent(ratio)
const hours = (n: number) => formatNumber(n)

function scope(f: ReportFilters): Query {
  return { hubId: f.hubId, type: f.type, areaId: f.areaId }
}

function CsvLink(props: { href: string; label: string }) {
  return (
    <a class="btn btn-outline-primary btn-sm sc-no-print" href={props.href} download="">
      {props.label}
    </a>
  )
}

function Section(props: { id: string; title: string; children: JSX.Element; actions?: JSX.Element }) {
  return (
    <section class="sc-report-section" aria-labelledby={props.id}>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
        <h2 id={props.id} class="h4 mb-0">
          {props.title}
        </h2>
        {props.actions}
      </div>
      {props.children}
    </section>
  )
}

/** Month rows keyed `YYYY-MM` read as "ott 2027" in the reader's language. */
function monthLabel(row: UtilisationRow): string {
  return row.key && /^\d{4}-\d{2}$/.test(row.key) ? formatDate(`${row.key}-01`, { month: 'short', year: 'numeric' }) : row.label
}

function typeLabel(row: UtilisationRow): string {
  const text = row.key ? (t(`labType.${row.key}` as TKey) as string | undefined) : undefined
  return typeof text === 'string' && text ? text : row.label
}

/** The utilisation dashboard: key figures, trend by month, by type, by area, hour of the week. */
export function UtilisationSection(props: { filters: ReportFilters }) {
  const byMonth = createAsync(() => getUtilisation({ ...props.filters, groupBy: 'month' }))
  const byType = createAsync(() => getUtilisation({ ...props.filters, groupBy: 'type' }))
  const byArea = createAsync(() => getUtilisation({ ...props.filters, groupBy: 'area' }))
  const csv = (groupBy: string) => csvUrl('/reports/utilisation', { ...props.filters, groupBy })

  return (
    <>
      <Section id="kpi-title" title={t('staff.reports.kpis')}>
        <AsyncBoundary>
          <Kpis report={byMonth()} />
        </AsyncBoundary>
      </Section>
      <Section
        id="trend-title"
        title={t('staff.reports.trend')}
        actions={<CsvLink href={csv('month')} label={t('staff.reports.csvTrend')} />}
      >
        <AsyncBoundary>
          <Show when={(byMonth()?.rows.length ?? 0) > 0} fallback={<Empty>{t('staff.reports.noData')}</Empty>}>
            <div class="sc-chart-grid">
              <Chart
                type="line"
                caption={t('staff.reports.trendCaption')}
                labels={(byMonth()?.rows ?? []).map(monthLabel)}
                series={[
                  {
                    label: t('staff.reports.utilisation'),
                    data: (byMonth()?.rows ?? []).map((r) => Math.round(r.utilisation * 1000) / 10),
                  },
                ]}
                formatValue={(n) => `${formatNumber(n)} %`}
              />
              <Chart
                type="bar"
                caption={t('staff.reports.hoursCaption')}
                labels={(byMonth()?.rows ?? []).map(monthLabel)}
                series={[
                  { label: t('staff.reports.bookedHours'), data: (byMonth()?.rows ?? []).map((r) => r.bookedHours) },
                  { label: t('staff.reports.usedHours'), data: (byMonth()?.rows ?? []).map((r) => r.usedHours) },
                ]}
                formatValue={hours}
              />
            </div>
          </Show>
        </AsyncBoundary>
      </Section>
      <Section
        id="type-title"
        title={t('staff.reports.byType')}
        actions={<CsvLink href={csv('type')} label={t('staff.reports.csvType')} />}
      >
        <AsyncBoundary>
          <Show when={(byType()?.rows.length ?? 0) > 0} fallback={<Empty>{t('staff.reports.noData')}</Empty>}>
            <Chart
              type="bar"
              caption={t('staff.reports.typeCaption')}
              labels={(byType()?.rows ?? []).map(typeLabel)}
              series={[
                { label: t('staff.reports.utilisation'), data: (byType()?.rows ?? []).map((r) => Math.round(r.utilisation * 1000) / 10) },
              ]}
              formatValue={(n) => `${formatNumber(n)} %`}
            />
          </Show>
        </AsyncBoundary>
      </Section>
      <Section
        id="area-title"
        title={t('staff.reports.byArea')}
        actions={<CsvLink href={csv('area')} label={t('staff.reports.csvArea')} />}
      >
        <AsyncBoundary>
          <AreaReport report={byArea()} />
        </AsyncBoundary>
      </Section>
    </>
  )
}

function Kpis(props: { report: UtilisationReport | undefined }) {
  const totals = () => props.report?.totals
  const items = (): [string, string][] => {
    const x = totals()
    if (!x) return []
    return [
      [t('staff.reports.utilisation'), pct(x.utilisation)],
      [t('staff.reports.openHours'), hours(x.openHours)],
      [t('staff.reports.bookedHours'), hours(x.bookedHours)],
      [t('staff.reports.usedHours'), hours(x.usedHours)],
      [t('staff.reports.bookings'), formatNumber(x.bookings, 0)],
      [t('staff.reports.noShows'), formatNumber(x.noShows, 0)],
      [t('staff.reports.participants'), formatNumber(x.participants, 0)],
      ...(x.distinctTeams !== undefined ? ([[t('staff.reports.teams'), formatNumber(x.distinctTeams, 0)]] as [string, string][]) : []),
    ]
  }
  return (
    <ul class="sc-kpis">
      <For each={items()}>
        {([label, value]) => (
          <li>
            <span class="value">{value}</span>
            {label}
          </li>
        )}
      </For>
    </ul>
  )
}

function AreaReport(props: { report: UtilisationReport | undefined }) {
  const rows = () => props.report?.rows ?? []
  const label = (r: UtilisationRow) => (r.isTarget ? `★ ${r.label}` : r.label)
  return (
    <Show when={rows().length > 0} fallback={<Empty>{t('staff.reports.noData')}</Empty>}>
      <Chart
        type="bar"
        caption={t('staff.reports.areaCaption')}
        labels={rows().map(label)}
        series={[{ label: t('staff.reports.utilisation'), data: rows().map((r) => Math.round(r.utilisation * 1000) / 10) }]}
        formatValue={(n) => `${formatNumber(n)} %`}
        height={Math.max(300, rows().length * 28)}
      />
      <p class="small">{t('staff.reports.targetNote')}</p>
      <StaffTable
        caption={t('staff.reports.areaTable')}
        visibleCaption
        columns={[
          'staff.reports.area',
          'staff.reports.nil',
          'staff.reports.municipio',
          'staff.reports.priority',
          'staff.reports.utilisation',
          'staff.reports.bookedHours',
          'staff.reports.participants',
        ]}
      >
        <For each={rows()}>
          {(r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.nilId ?? ''}</td>
              <td>{r.municipio ?? ''}</td>
              <td>{r.isTarget ? <span class="sc-badge warn">{t('staff.reports.priorityYes')}</span> : t('common.no')}</td>
              <td>{pct(r.utilisation)}</td>
              <td>{hours(r.bookedHours)}</td>
              <td>{formatNumber(r.participants, 0)}</td>
            </tr>
          )}
        </For>
      </StaffTable>
    </Show>
  )
}

/** Booked hours by weekday and hour, from the server's roll-up (`GET /reports/heatmap`, the same filters). */
export function HeatmapSection(props: { filters: ReportFilters }) {
  const data = createAsync(() => getHeatmap({ from: props.filters.from, to: props.filters.to, ...scope(props.filters) }))
  return (
    <Section id="heatmap-title" title={t('staff.reports.heatmap')}>
      <p>{t('staff.reports.heatmapIntro')}</p>
      <AsyncBoundary>
        <Show when={data()}>{(d) => <Heatmap hours={d().hours} />}</Show>
      </AsyncBoundary>
    </Section>
  )
}

/**
 * The no-show rate by team or by lab (issue 19): the teams that reserve and do not come first, so the Comune can
 * act on them. Rows with no booking have no rate and are not listed.
 */
export function AttendanceSection(props: { filters: ReportFilters }) {
  const [groupBy, setGroupBy] = createSignal<'team' | 'lab'>('team')
  const [offset, setOffset] = createSignal(0)
  const report = createAsync(() =>
    getAttendance({ from: props.filters.from, to: props.filters.to, groupBy: groupBy(), ...scope(props.filters) }),
  )
  const rows = createMemo(() =>
    [...(report()?.rows ?? [])].sort((a, b) => b.noShowRate - a.noShowRate || b.noShows - a.noShows || a.label.localeCompare(b.label)),
  )
  const query = () => ({ from: props.filters.from, to: props.filters.to, groupBy: groupBy(), ...scope(props.filters) })
  const name = (r: AttendanceRow) => (r.key === null ? t('staff.reports.internalUse') : r.label)
  return (
    <Section
      id="attendance-title"
      title={t('staff.reports.attendance')}
      actions={<CsvLink href={csvUrl('/reports/attendance', query())} label={t('staff.reports.csvAttendance')} />}
    >
      <p>{t('staff.reports.attendanceIntro')}</p>
      <fieldset class="sc-toolbar mb-2">
        <legend class="visually-hidden">{t('staff.reports.attendanceBy')}</legend>
        <For each={['team', 'lab'] as const}>
          {(g) => (
            <div class="form-check form-check-inline">
              <input
                class="form-check-input"
                type="radio"
                name="attendance-by"
                id={`attendance-by-${g}`}
                checked={groupBy() === g}
                onChange={() => {
                  setGroupBy(g)
                  setOffset(0)
                }}
              />
              <label class="form-check-label" for={`attendance-by-${g}`}>
                {t(g === 'team' ? 'staff.reports.attendanceByTeam' : 'staff.reports.attendanceByLab')}
              </label>
            </div>
          )}
        </For>
      </fieldset>
      <AsyncBoundary>
        <Show when={rows().length > 0} fallback={<Empty>{t('staff.reports.noData')}</Empty>}>
          <p class="fw-semibold">
            {t('staff.reports.noShowRateTotal', {
              rate: pct(report()?.totals.noShowRate ?? 0),
              n: formatNumber(report()?.totals.noShows ?? 0, 0),
              total: formatNumber(report()?.totals.bookings ?? 0, 0),
            })}
          </p>
          <StaffTable
            caption={t(groupBy() === 'team' ? 'staff.reports.attendanceTeamTable' : 'staff.reports.attendanceLabTable')}
            columns={[
              groupBy() === 'team' ? 'staff.common.team' : 'staff.reports.lab',
              'staff.reports.bookings',
              'staff.reports.checkIns',
              'staff.reports.noShows',
              'staff.reports.released',
              'staff.reports.noShowRate',
            ]}
          >
            <For each={pageOf(rows(), offset(), 25)}>
              {(r) => (
                <tr>
                  <th scope="row">{name(r)}</th>
                  <td>{formatNumber(r.bookings, 0)}</td>
                  <td>{formatNumber(r.checkIns, 0)}</td>
                  <td>{formatNumber(r.noShows, 0)}</td>
                  <td>{formatNumber(r.released, 0)}</td>
                  <td>{pct(r.noShowRate)}</td>
                </tr>
              )}
            </For>
          </StaffTable>
          <Pager total={rows().length} offset={offset()} limit={25} onChange={setOffset} />
        </Show>
      </AsyncBoundary>
    </Section>
  )
}

/** Concession compliance: open hours per week and social share against the obligations. */
export function ConcessionsSection(props: { filters: ReportFilters }) {
  const rows = createAsync(() =>
    getConcessionsReport({ from: props.filters.from, to: props.filters.to, hubId: props.filters.hubId, areaId: props.filters.areaId }),
  )
  const href = () =>
    csvUrl('/reports/concessions', {
      from: props.filters.from,
      to: props.filters.to,
      hubId: props.filters.hubId,
      areaId: props.filters.areaId,
    })
  return (
    <Section
      id="concessions-title"
      title={t('staff.reports.concessions')}
      actions={<CsvLink href={href()} label={t('staff.reports.csvConcessions')} />}
    >
      <p>{t('staff.reports.concessionsIntro')}</p>
      <AsyncBoundary>
        <Show when={(rows() ?? []).length > 0} fallback={<Empty>{t('staff.reports.noConcessions')}</Empty>}>
          <StaffTable
            caption={t('staff.reports.concessions')}
            columns={[
              'staff.common.hub',
              'staff.reports.operator',
              'staff.reports.openHoursPerWeek',
              'staff.reports.socialShare',
              'staff.reports.weeksShort',
              'staff.reports.compliant',
            ]}
          >
            <For each={rows()}>
              {(c) => (
                <tr>
                  <th scope="row">{c.hubName ?? c.hubId}</th>
                  <td>{c.operatorName ?? c.operatorId}</td>
                  <td>
                    {t('staff.reports.ofMin', {
                      value: formatNumber(c.openHoursPerWeek),
                      min: formatNumber(c.obligations.minOpenHoursPerWeek),
                    })}
                  </td>
                  <td>
                    {t('staff.reports.ofMinPct', {
                      value: formatNumber(c.socialSharePercent),
                      min: formatNumber(c.obligations.minSocialSharePercent),
                    })}
                  </td>
                  <td>{c.weeksShort?.length ?? '—'}</td>
                  <td>
                    <span class={`sc-status ${c.compliant ? 'good' : 'bad'}`}>
                      {c.compliant ? t('staff.reports.yes') : t('staff.reports.no')}
                    </span>
                  </td>
                </tr>
              )}
            </For>
          </StaffTable>
        </Show>
      </AsyncBoundary>
    </Section>
  )
}

/** Hour grants: granted, booked, used and remaining hours per grant. */
export function GrantsSection(props: { filters: ReportFilters }) {
  const rows = createAsync(() => getGrantsReport(scope(props.filters) as { hubId?: string; type?: string; areaId?: string }))
  const [offset, setOffset] = createSignal(0)
  const href = () => csvUrl('/reports/grants', scope(props.filters))
  const labelOf = (g: GrantReportRow) => g.teamName ?? g.label
  return (
    <Section id="grants-title" title={t('staff.reports.grants')} actions={<CsvLink href={href()} label={t('staff.reports.csvGrants')} />}>
      <AsyncBoundary>
        <Show when={(rows() ?? []).length > 0} fallback={<Empty>{t('staff.reports.noGrants')}</Empty>}>
          <StaffTable
            caption={t('staff.reports.grants')}
            columns={[
              'staff.common.team',
              'staff.reports.reference',
              'staff.reports.period',
              'staff.reports.granted',
              'staff.reports.bookedHours',
              'staff.reports.usedHours',
              'staff.reports.remaining',
            ]}
          >
            <For each={pageOf(rows() ?? [], offset(), 25)}>
              {(g) => (
                <tr>
                  <th scope="row">{labelOf(g)}</th>
                  <td>{g.reference ?? ''}</td>
                  <td>{g.from && g.to ? `${formatDate(g.from)} – ${formatDate(g.to)}` : ''}</td>
                  <td>{hours(g.grantedHours)}</td>
                  <td>{hours(g.bookedHours)}</td>
                  <td>{hours(g.usedHours)}</td>
                  <td>{hours(g.remainingHours)}</td>
                </tr>
              )}
            </For>
          </StaffTable>
          <Pager total={rows()?.length ?? 0} offset={offset()} limit={25} onChange={setOffset} />
        </Show>
      </AsyncBoundary>
    </Section>
  )
}
