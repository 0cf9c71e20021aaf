import { createAsync, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, onCleanup, onMount, Show } from 'solid-js'
import { getAreas, getHubs } from '../api/catalogue.ts'
import { getConcessions } from '../api/staff.ts'
import { LAB_TYPES } from '../api/types.ts'
import { DateField } from '../components/DateTimeInput.tsx'
import { SelectField, StaffGate } from '../components/kit.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { addDays, addMonths, formatDate, isDate, today } from '../lib/format.ts'
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

type Params = { from?: string; to?: string; hub?: string; type?: string; area?: string }

/** /reports: the Comune's utilisation dashboard, concession compliance and grants; operators see their hubs. */
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']

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
  const [params] = useSearchParams<Params>()
  const period = createAsync(() =>
    getReportPeriod({ hubId: params.hub || undefined, type: params.type || undefined, areaId: params.area || undefined }),
  )
  return <Show when={period()}>{(p) => <ReportsFor period={p()} />}</Show>
}

function ReportsFor(props: { period: ReportPeriod }) {
  const session = useSession()
  const [params, setParams] = useSearchParams<Params>()
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

  // Draft values of the form: applied together, so the reports reload once.
  const [from, setFrom] = createSignal(filters().from)
  const [to, setTo] = createSignal(addDays(filters().to, -1))
  const [hub, setHub] = createSignal(params.hub ?? '')
  const [type, setType] = createSignal(params.type ?? '')
  const [area, setArea] = createSignal(params.area ?? '')
  const [month, setMonth] = createSignal(filters().to > today() ? today().slice(0, 7) : filters().from.slice(0, 7))
  // The years offered: from the earliest of the period shown and five years back, to this year.
  const years = createMemo(() => {
    const last = Number(today().slice(0, 4))
    const first = Math.min(Number(month().slice(0, 4)), last - 5)
    return Array.from({ length: last - first + 1 }, (_, i) => String(last - i))
  })

  const apply = (e: Event) => {
    e.preventDefault()
    // The form asks for the last day included; the API takes a half-open period [from, to).
    const last = isDate(to()) ? to() : from()
    setParams({
      from: from(),
      to: addDays([last, from()].sort().at(-1) ?? last, 1),
      hub: hub() || undefined,
      type: type() || undefined,
      area: area() || undefined,
    })
  }
  const showMonth = () => {
    if (!/^\d{4}-\d{2}$/.test(month())) return
    const first = `${month()}-01`
    setFrom(first)
    setTo(addDays(addMonths(first, 1), -1))
    setParams({ from: first, to: addMonths(first, 1) })
  }

  // Printing opens the data tables that the screen keeps folded under each chart.
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

  const hubName = () => hubChoices().find((h) => h.id === filters().hubId)?.name

  return (
    <>
      <form class="sc-filters sc-form" aria-labelledby="report-filters-title" onSubmit={apply}>
        <h2 id="report-filters-title" class="h5">
          {t('staff.reports.filters')}
        </h2>
        <div class="row g-3">
          <div class="col-12 col-md-6 col-lg-3">
            <DateField id="r-from" label={t('staff.reports.from')} value={from()} onValue={setFrom} required />
          </div>
          <div class="col-12 col-md-6 col-lg-3">
            <DateField id="r-to" label={t('staff.reports.to')} value={to()} onValue={setTo} required />
          </div>
          <div class="col-12 col-md-6 col-lg-3">
            <SelectField
              id="r-hub"
              label={t('staff.common.hub')}
              value={hub()}
              empty={session.user()?.role === 'admin' ? t('staff.reports.allHubs') : t('staff.reports.allMyHubs')}
              options={hubChoices().map((h) => ({ value: h.id, label: h.name }))}
              onChange={setHub}
            />
          </div>
          <div class="col-12 col-md-6 col-lg-3">
            <SelectField
              id="r-type"
              label={t('staff.reports.type')}
              value={type()}
              empty={t('common.all')}
              options={LAB_TYPES.map((x) => ({ value: x, label: t(`labType.${x}`) }))}
              onChange={setType}
            />
          </div>
          <div class="col-12 col-md-6 col-lg-3">
            <SelectField
              id="r-area"
              label={t('staff.reports.area')}
              value={area()}
              empty={t('common.all')}
              options={(areas() ?? [])
                .slice()
                .sort((a, b) => a.name.localeCompare(b.name))
                .map((a) => ({ value: a.id, label: a.isTarget ? `${a.name} ★` : a.name }))}
              onChange={setArea}
            />
          </div>
        </div>
        <div class="d-flex flex-wrap gap-2 mt-2">
          <button type="submit" class="btn btn-primary">
            {t('staff.reports.apply')}
          </button>
        </div>
        <fieldset class="mt-3">
          <legend class="h6">{t('staff.reports.monthly')}</legend>
          <div class="sc-toolbar">
            <SelectField
              id="r-month"
              label={t('staff.reports.month')}
              value={month().slice(5, 7)}
              options={MONTHS.map((m) => ({ value: m, label: capitalise(formatDate(`2026-${m}-01`, { month: 'long' })) }))}
              onChange={(m) => setMonth(`${month().slice(0, 4)}-${m}`)}
            />
            <SelectField
              id="r-year"
              label={t('staff.reports.year')}
              value={month().slice(0, 4)}
              options={years().map((y) => ({ value: y, label: y }))}
              onChange={(y) => setMonth(`${y}-${month().slice(5, 7)}`)}
            />
            <button type="button" class="btn btn-outline-primary" onClick={showMonth}>
              {t('staff.reports.showMonth')}
            </button>
            <button type="button" class="btn btn-outline-primary" onClick={() => window.print()}>
              {t('staff.reports.print')}
            </button>
          </div>
        </fieldset>
      </form>

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
