import { createAsync, revalidate, useSearchParams } from '@solidjs/router'
import { createSignal, For, type JSX, Show } from 'solid-js'
import { api, apiUrl } from '../api/client.ts'
import {
  type Category,
  type Dashboard,
  type Figures,
  getBenefits,
  getCategories,
  getDashboard,
  getProgramme,
  type Programme as ProgrammeData,
} from '../api/outcomes.ts'
import { Field, OperationStatus, SelectField, StaffGate, TableBox } from '../components/kit.tsx'
import { createOperation } from '../components/operation.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary } from '../components/States.tsx'
import { locale, t } from '../i18n/index.ts'
import { cardTable } from '../lib/card-table.ts'
import { formatEuroCents, formatNumber, formatPercent, today } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'

/** /programme: the Comune's dashboard of the programme and its printable yearly report. */
export default function ProgrammePage() {
  return (
    <>
      <PageTitle lead={t('outcomes.programme.lead')}>{t('outcomes.programme.title')}</PageTitle>
      <StaffGate roles={['admin', 'operator']}>
        <AsyncBoundary>
          <Programme />
        </AsyncBoundary>
      </StaffGate>
    </>
  )
}

/** Participants by category, under the categories' names (their keys only when a category is gone). */
const categories = (r: Record<string, number>, known: Category[] = []) =>
  Object.entries(r)
    .map(([k, v]) => {
      const c = known.find((x) => x.key === k)
      return [c ? (locale() === 'en' ? c.labelEn : c.labelIt) : k, v] as const
    })
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join(' · ') || '—'

function Table(props: { caption: string; head: string[]; children: JSX.Element }) {
  return (
    <TableBox label={props.caption}>
      <table ref={cardTable} class="table table-sm">
        <caption class="caption-top h5 text-body">{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.head}>
              {(h, i) => (
                <th scope="col" class={i() > 0 ? 'text-end' : undefined}>
                  {h}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableBox>
  )
}

const figureHead = () => [
  t('outcomes.programme.projects'),
  t('outcomes.programme.funding'),
  t('outcomes.programme.fundingPaid'),
  t('outcomes.programme.hoursGranted'),
  t('outcomes.programme.hoursBooked'),
  t('outcomes.programme.hoursUsed'),
  t('outcomes.programme.participants'),
]
function FigureCells(props: { f: Figures }) {
  return (
    <>
      <td class="text-end">{props.f.projects}</td>
      <td class="text-end text-nowrap">{formatEuroCents(props.f.fundingCommittedCents)}</td>
      <td class="text-end text-nowrap">{formatEuroCents(props.f.fundingPaidCents)}</td>
      <td class="text-end">{formatNumber(props.f.hoursGranted, 2)}</td>
      <td class="text-end">{formatNumber(props.f.hoursBooked, 2)}</td>
      <td class="text-end">{formatNumber(props.f.hoursUsed, 2)}</td>
      <td class="text-end">{props.f.participants}</td>
    </>
  )
}

function Programme() {
  const [params, setParams] = useSearchParams<{ year?: string }>()
  const thisYear = Number(today().slice(0, 4))
  const year = () => (params.year && /^\d{4}$/.test(params.year) ? Number(params.year) : thisYear)
  const programme = createAsync(() => getProgramme())
  const dashboard = createAsync(() => getDashboard(`${year()}-01-01`, `${year() + 1}-01-01`))
  return (
    <>
      <ProgrammeToolbar year={year()} thisYear={thisYear} onYear={(v) => setParams({ year: v })} />
      <Show when={programme()}>{(p) => <ProgrammeMoney programme={p()} year={year()} />}</Show>
      <Show when={dashboard()}>{(d) => <DashboardTables dashboard={d()} />}</Show>
    </>
  )
}

/** The year shown, printing, and the report's downloads (the workbook, the projects' and the areas' CSV). */
function ProgrammeToolbar(props: { year: number; thisYear: number; onYear: (year: string) => void }) {
  const years = () => Array.from({ length: props.thisYear - 2016 + 2 }, (_, i) => props.thisYear + 1 - i)
  const period = () => ({ from: `${props.year}-01-01`, to: `${props.year + 1}-01-01` })
  return (
    <div class="d-flex flex-wrap gap-3 align-items-end mb-3 d-print-none">
      <SelectField
        id="programme-year"
        label={t('outcomes.programme.year')}
        value={String(props.year)}
        onChange={props.onYear}
        options={years().map((y) => ({ value: String(y), label: String(y) }))}
      />
      <button type="button" class="btn btn-primary" onClick={() => window.print()}>
        {t('outcomes.programme.print')}
      </button>
      <a class="btn btn-outline-primary" href={apiUrl('/reports/programme', { ...period(), format: 'xlsx' })} download="">
        {t('outcomes.programme.xlsx')}
      </a>
      <a class="btn btn-outline-primary" href={apiUrl('/reports/programme', { ...period(), format: 'csv', table: 'projects' })} download="">
        {t('outcomes.programme.csvProjects')}
      </a>
      <a class="btn btn-outline-primary" href={apiUrl('/reports/programme', { ...period(), format: 'csv', table: 'areas' })} download="">
        {t('outcomes.programme.csvAreas')}
      </a>
    </div>
  )
}

/** The programme's identity and its money year by year; the Comune (admin) also edits the year's figures. */
function ProgrammeMoney(props: { programme: ProgrammeData; year: number }) {
  const session = useSession()
  const p = () => props.programme
  return (
    <section class="mb-4" aria-labelledby="identity-heading">
      <h2 id="identity-heading" class="h4">
        {p().title} — {props.year}
      </h2>
      <p class="mb-1">
        {p().fund} · CUP {p().cup} · {p().projectCode} · {t('outcomes.programme.programmed')} {formatEuroCents(p().programmedCents)}
      </p>
      <p class="small text-muted">{[p().responsibleOffice, p().responsiblePerson].filter(Boolean).join(' — ')}</p>
      <Table
        caption={t('outcomes.programme.money')}
        head={[
          t('outcomes.programme.year'),
          t('outcomes.programme.programmed'),
          t('outcomes.programme.committed'),
          t('outcomes.programme.paid'),
          t('outcomes.programme.fromCalls'),
        ]}
      >
        <For each={p().years}>
          {(y) => (
            <tr>
              <th scope="row">{y.year}</th>
              <td class="text-end text-nowrap">{formatEuroCents(y.programmedCents)}</td>
              <td class="text-end text-nowrap">{formatEuroCents(y.totalCommittedCents)}</td>
              <td class="text-end text-nowrap">{formatEuroCents(y.totalPaidCents)}</td>
              <td class="text-end text-nowrap">
                {formatEuroCents(y.fromCalls.committedCents)} / {formatEuroCents(y.fromCalls.paidCents)}
              </td>
            </tr>
          )}
        </For>
      </Table>
      <Show when={session.user()?.role === 'admin'}>
        <ProgrammeForm programme={p()} year={props.year} />
      </Show>
    </section>
  )
}

/** The year's figures by call (with the totals), by area, by project, and month by month. */
function DashboardTables(props: { dashboard: Dashboard }) {
  const known = createAsync(() => getCategories())
  const d = () => props.dashboard
  return (
    <>
      <Table caption={t('outcomes.programme.byCall')} head={[t('outcomes.programme.call'), ...figureHead()]}>
        <For each={d().calls}>
          {(c) => (
            <tr>
              <th scope="row">{c.title}</th>
              <FigureCells f={c} />
            </tr>
          )}
        </For>
        <tr class="fw-bold">
          <th scope="row">{t('outcomes.programme.totals')}</th>
          <FigureCells f={d().totals} />
        </tr>
      </Table>
      <Table
        caption={t('outcomes.programme.byArea')}
        head={[t('outcomes.programme.area'), ...figureHead(), t('outcomes.programme.byCategory')]}
      >
        <For each={d().areas}>
          {(a) => (
            <tr>
              <th scope="row">
                {a.name} (NIL {a.nilId}, Mun. {a.municipio})
              </th>
              <FigureCells f={a} />
              <td class="text-end small">{categories(a.participantsByCategory, known())}</td>
            </tr>
          )}
        </For>
      </Table>
      <ProjectsTable projects={d().projects} />
      <Table
        caption={t('outcomes.programme.trend')}
        head={[t('outcomes.programme.month'), t('outcomes.programme.hoursUsed'), t('outcomes.programme.participants')]}
      >
        <For each={d().trend}>
          {(m) => (
            <tr>
              <th scope="row">{m.month}</th>
              <td class="text-end">{formatNumber(m.hoursUsed, 2)}</td>
              <td class="text-end">{m.participants}</td>
            </tr>
          )}
        </For>
      </Table>
    </>
  )
}

/** Each funded project: its team, call and areas, its figures, and its indicators against their targets. */
function ProjectsTable(props: { projects: Dashboard['projects'] }) {
  return (
    <Table
      caption={t('outcomes.programme.byProject')}
      head={[t('outcomes.reports.team'), ...figureHead(), t('outcomes.programme.progress')]}
    >
      <For each={props.projects}>
        {(p) => (
          <tr>
            <th scope="row">
              {p.teamName}
              <div class="small text-muted fw-normal">
                {p.callTitle} · {p.areas.map((a) => `${a.name} (${a.nilId})`).join(', ')}
              </div>
            </th>
            <FigureCells f={p} />
            <td class="text-end small">
              <For each={p.indicators}>
                {(i) => (
                  <div>
                    {i.name}: {formatNumber(i.value, 2)}
                    {i.target !== null ? ` / ${formatNumber(i.target, 2)}` : ''} {i.unit}
                    {i.progress !== null ? ` (${formatPercent(i.progress)})` : ''}
                  </div>
                )}
              </For>
            </td>
          </tr>
        )}
      </For>
    </Table>
  )
}

const euros = (cents: number) => String(cents / 100)
const cents = (euros: string) => Math.round(Number(euros.replace(',', '.')) * 100)

/** The Comune enters who is responsible for the procedure and, per year, the programme's money outside the calls. */
function ProgrammeForm(props: { programme: ProgrammeData; year: number }) {
  const entered = () => props.programme.years.find((y) => y.year === props.year)
  const [office, setOffice] = createSignal(props.programme.responsibleOffice ?? '')
  const [person, setPerson] = createSignal(props.programme.responsiblePerson ?? '')
  const [programmed, setProgrammed] = createSignal(euros(entered()?.programmedCents ?? 0))
  const [committed, setCommitted] = createSignal(euros(entered()?.committedCents ?? 0))
  const [paid, setPaid] = createSignal(euros(entered()?.paidCents ?? 0))
  const op = createOperation()
  const save = (e: SubmitEvent) => {
    e.preventDefault()
    void op.run(async () => {
      await api.patch('/programme', { responsibleOffice: office() || null, responsiblePerson: person() || null })
      await api.put(`/programme/years/${props.year}`, {
        programmedCents: cents(programmed()),
        committedCents: cents(committed()),
        paidCents: cents(paid()),
        notes: entered()?.notes ?? null,
      })
      await revalidate([getProgramme.key, getBenefits.key])
    }, t('outcomes.programme.saved'))
  }
  return (
    <details class="d-print-none mb-4">
      <summary>{t('outcomes.programme.edit', { year: props.year })}</summary>
      <form class="row g-3 mt-1" onSubmit={save}>
        <Field
          class="col-md-6"
          id="programme-office"
          label={t('outcomes.programme.office')}
          value={office()}
          onInput={setOffice}
          maxLength={300}
        />
        <Field
          class="col-md-6"
          id="programme-person"
          label={t('outcomes.programme.person')}
          value={person()}
          onInput={setPerson}
          maxLength={200}
        />
        <EuroField
          id="programme-programmed"
          label={`${t('outcomes.programme.programmed')} ${props.year}`}
          value={programmed()}
          onInput={setProgrammed}
        />
        <EuroField
          id="programme-committed"
          label={`${t('outcomes.programme.committedOutside')} ${props.year}`}
          value={committed()}
          onInput={setCommitted}
        />
        <EuroField id="programme-paid" label={`${t('outcomes.programme.paidOutside')} ${props.year}`} value={paid()} onInput={setPaid} />
        <div class="col-12">
          <button type="submit" class="btn btn-primary" disabled={op.pending()}>
            {t('outcomes.programme.save')}
          </button>
          <OperationStatus op={op} />
        </div>
      </form>
    </details>
  )
}

/** An amount in euros (with cents), a third of the form's row: its label says the unit. */
function EuroField(props: { id: string; label: string; value: string; onInput: (value: string) => void }) {
  return (
    <Field
      class="col-md-4"
      id={props.id}
      label={`${props.label} (€)`}
      value={props.value}
      onInput={props.onInput}
      type="number"
      min={0}
      step="0.01"
      inputmode="decimal"
    />
  )
}
