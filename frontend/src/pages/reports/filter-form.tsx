/**
 * The reports' filters: a draft of the period, hub, lab type and area applied together (so the reports reload
 * once), and the monthly report's month and year.
 */
import { useSearchParams } from '@solidjs/router'
import { createMemo, createSignal } from 'solid-js'
import type { Area, Hub } from '../../api/types.ts'
import { LAB_TYPES } from '../../api/types.ts'
import { DateField } from '../../components/DateTimeInput.tsx'
import { SelectField } from '../../components/kit.tsx'
import { t } from '../../i18n/index.ts'
import { addDays, addMonths, formatDate, isDate, today } from '../../lib/format.ts'
import type { ReportFilters } from './dashboard.tsx'

export type ReportParams = { from?: string; to?: string; hub?: string; type?: string; area?: string }

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)
const MONTHS = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']

/** The form's draft values, from the filters shown; `apply` and `showMonth` write them to the address. */
function createReportDraft(filters: ReportFilters) {
  const [params, setParams] = useSearchParams<ReportParams>()
  const [from, setFrom] = createSignal(filters.from)
  const [to, setTo] = createSignal(addDays(filters.to, -1))
  const [hub, setHub] = createSignal(params.hub ?? '')
  const [type, setType] = createSignal(params.type ?? '')
  const [area, setArea] = createSignal(params.area ?? '')
  const [month, setMonth] = createSignal(filters.to > today() ? today().slice(0, 7) : filters.from.slice(0, 7))
  // The years offered: from the earliest of the period shown and five years back, to this year.
  const years = createMemo(() => {
    const last = Number(today().slice(0, 4))
    const first = Math.min(Number(month().slice(0, 4)), last - 5)
    return Array.from({ length: last - first + 1 }, (_, i) => String(last - i))
  })
  return {
    from,
    setFrom,
    to,
    setTo,
    hub,
    setHub,
    type,
    setType,
    area,
    setArea,
    month,
    setMonth,
    years,
    apply() {
      // The form asks for the last day included; the API takes a half-open period [from, to).
      const last = isDate(to()) ? to() : from()
      setParams({
        from: from(),
        to: addDays([last, from()].sort().at(-1) ?? last, 1),
        hub: hub() || undefined,
        type: type() || undefined,
        area: area() || undefined,
      })
    },
    showMonth() {
      if (!/^\d{4}-\d{2}$/.test(month())) return
      const first = `${month()}-01`
      setFrom(first)
      setTo(addDays(addMonths(first, 1), -1))
      setParams({ from: first, to: addMonths(first, 1) })
    },
  }
}
type ReportDraft = ReturnType<typeof createReportDraft>

export function ReportFiltersForm(props: { filters: ReportFilters; hubs: Hub[]; areas: Area[]; isAdmin: boolean }) {
  const draft = createReportDraft(props.filters)
  return (
    <form
      class="sc-filters sc-form"
      aria-labelledby="report-filters-title"
      onSubmit={(e) => {
        e.preventDefault()
        draft.apply()
      }}
    >
      <h2 id="report-filters-title" class="h5">
        {t('staff.reports.filters')}
      </h2>
      <ScopeFields draft={draft} hubs={props.hubs} areas={props.areas} isAdmin={props.isAdmin} />
      <div class="d-flex flex-wrap gap-2 mt-2">
        <button type="submit" class="btn btn-primary">
          {t('staff.reports.apply')}
        </button>
      </div>
      <MonthlyReport draft={draft} />
    </form>
  )
}

/** The period (first and last day included), the hub, the lab type and the neighbourhood (★ the target ones). */
function ScopeFields(props: { draft: ReportDraft; hubs: Hub[]; areas: Area[]; isAdmin: boolean }) {
  const draft = props.draft
  return (
    <div class="row g-3">
      <div class="col-12 col-md-6 col-lg-3">
        <DateField id="r-from" label={t('staff.reports.from')} value={draft.from()} onValue={draft.setFrom} required />
      </div>
      <div class="col-12 col-md-6 col-lg-3">
        <DateField id="r-to" label={t('staff.reports.to')} value={draft.to()} onValue={draft.setTo} required />
      </div>
      <div class="col-12 col-md-6 col-lg-3">
        <SelectField
          id="r-hub"
          label={t('staff.common.hub')}
          value={draft.hub()}
          empty={props.isAdmin ? t('staff.reports.allHubs') : t('staff.reports.allMyHubs')}
          options={props.hubs.map((h) => ({ value: h.id, label: h.name }))}
          onChange={draft.setHub}
        />
      </div>
      <div class="col-12 col-md-6 col-lg-3">
        <SelectField
          id="r-type"
          label={t('staff.reports.type')}
          value={draft.type()}
          empty={t('common.all')}
          options={LAB_TYPES.map((x) => ({ value: x, label: t(`labType.${x}`) }))}
          onChange={draft.setType}
        />
      </div>
      <div class="col-12 col-md-6 col-lg-3">
        <SelectField
          id="r-area"
          label={t('staff.reports.area')}
          value={draft.area()}
          empty={t('common.all')}
          options={props.areas
            .slice()
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((a) => ({ value: a.id, label: a.isTarget ? `${a.name} ★` : a.name }))}
          onChange={draft.setArea}
        />
      </div>
    </div>
  )
}

/** The monthly report: a month and a year shown at once, and printing. */
function MonthlyReport(props: { draft: ReportDraft }) {
  const draft = props.draft
  return (
    <fieldset class="mt-3">
      <legend class="h6">{t('staff.reports.monthly')}</legend>
      <div class="sc-toolbar">
        <SelectField
          id="r-month"
          label={t('staff.reports.month')}
          value={draft.month().slice(5, 7)}
          options={MONTHS.map((m) => ({ value: m, label: capitalise(formatDate(`2026-${m}-01`, { month: 'long' })) }))}
          onChange={(m) => draft.setMonth(`${draft.month().slice(0, 4)}-${m}`)}
        />
        <SelectField
          id="r-year"
          label={t('staff.reports.year')}
          value={draft.month().slice(0, 4)}
          options={draft.years().map((y) => ({ value: y, label: y }))}
          onChange={(y) => draft.setMonth(`${y}-${draft.month().slice(5, 7)}`)}
        />
        <button type="button" class="btn btn-outline-primary" onClick={() => draft.showMonth()}>
          {t('staff.reports.showMonth')}
        </button>
        <button type="button" class="btn btn-outline-primary" onClick={() => window.print()}>
          {t('staff.reports.print')}
        </button>
      </div>
    </fieldset>
  )
}
