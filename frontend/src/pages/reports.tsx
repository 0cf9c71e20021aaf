import { createAsync, useSearchParams } from '@solidjs/router'
import { createMemo, onCleanup, onMount, Show } from 'solid-js'
import { getAreas, getHubs } from '../api/catalogue.ts'
import { getConcessions } from '../api/staff.ts'
import { StaffGate } from '../components/kit.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { addDays, addMonths, isDate, today } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'
import { managedHubIds } from './operator/managed-hubs.ts'
import { getReportPeriod, HubComparisonSection, OfficeDownloads, type ReportPeriod, shortDate } from './reports/comparison.tsx'
import {
  AttendanceSection,
  ConcessionsSection,
  GrantsSection,
  HeatmapSection,
  type ReportFilters,
  UtilisationSection,
} from './reports/dashboard.tsx'
import { ReportFiltersForm, type ReportParams } from './reports/filter-form.tsx'

/** /reports: the Comune's utilisation dashboard, concession compliance and grants; operators see their hubs. */
export default function ReportsPage() {
  return (
    <>
      <PageTitle lead={t('staff.reports.lead')}>{t('staff.reports.title')}</PageTitle>
      <StaffGate roles={['admin', 'operator']}>
        <AsyncBoundary>
          <Reports />
        </AsyncBoundary>
      </StaffGate>
    </>
  )
}

/** Opens on the period with data (the server's default), unless the address names one. */
function Reports() {
  const [params] = useSearchParams<ReportParams>()
  const period = createAsync(() =>
    getReportPeriod({ hubId: params.hub || undefined, type: params.type || undefined, areaId: params.area || undefined }),
  )
  return <Show when={period()}>{(p) => <ReportsFor period={p()} />}</Show>
}

function ReportsFor(props: { period: ReportPeriod }) {
  const session = useSession()
  const [params] = useSearchParams<ReportParams>()
  const hubs = createAsync(() => getHubs())
  const areas = createAsync(() => getAreas())
  const concessions = createAsync(() => (session.user()?.role === 'operator' ? getConcessions() : Promise.resolve([])))
  const hubChoices = createMemo(() => {
    const me = session.user()
    if (!me) return []
    const ids = new Set(managedHubIds(me, hubs() ?? [], concessions() ?? [], today()))
    return (hubs() ?? []).filter((h) => ids.has(h.id)).sort((a, b) => a.name.localeCompare(b.name))
  })

  const fallback = props.period
  const filters = createMemo<ReportFilters>(() => {
    const from = params.from && isDate(params.from) ? params.from : fallback.from
    const to = params.to && isDate(params.to) && params.to > from ? params.to : fallback.to > from ? fallback.to : addMonths(from, 1)
    return { from, to, hubId: params.hub || undefined, type: params.type || undefined, areaId: params.area || undefined }
  })
  openFoldedTablesWhenPrinting()
  const hubName = () => hubChoices().find((h) => h.id === filters().hubId)?.name

  return (
    <>
      <ReportFiltersForm filters={filters()} hubs={hubChoices()} areas={areas() ?? []} isAdmin={session.user()?.role === 'admin'} />
      <div class="sc-print-only mb-3">
        <p class="h3">{t('staff.reports.printHeading')}</p>
        <p>{t('app.owner')}</p>
      </div>
      <p class="fw-semibold" aria-live="polite">
        {t('staff.reports.showing', { from: shortDate(filters().from), to: shortDate(addDays(filters().to, -1)) })}
        <Show when={hubName()}>{(name) => <> — {name()}</>}</Show>
        <Show when={filters().type}>{(x) => <> — {t(`labType.${x()}` as 'labType.it')}</>}</Show>
        <Show when={areas()?.find((a) => a.id === filters().areaId)}>{(a) => <> — {a().name}</>}</Show>
      </p>

      <UtilisationSection filters={filters()} />
      <HubComparisonSection filters={filters()} />
      <HeatmapSection filters={filters()} />
      <AttendanceSection filters={filters()} />
      <ConcessionsSection filters={filters()} />
      <GrantsSection filters={filters()} />
      <OfficeDownloads filters={filters()} />
    </>
  )
}

/** Printing opens the data tables that the screen keeps folded under each chart. */
function openFoldedTablesWhenPrinting() {
  onMount(() => {
    const opened: HTMLDetailsElement[] = []
    const before = () => {
      for (const d of document.querySelectorAll<HTMLDetailsElement>('main details:not([open])')) {
        d.open = true
        opened.push(d)
      }
    }
    const after = () => {
      for (const d of opened.splice(0)) d.open = false
    }
    window.addEventListener('beforeprint', before)
    window.addEventListener('afterprint', after)
    onCleanup(() => {
      window.removeEventListener('beforeprint', before)
      window.removeEventListener('afterprint', after)
    })
  })
}
