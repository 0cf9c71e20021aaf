import { A, createAsync, useParams } from '@solidjs/router'
import { createSignal, For, type JSX, Show } from 'solid-js'
import {
  type Award,
  addTranche,
  type CallWithEvaluators,
  confirmAward,
  createAward,
  getCallApplications,
  getCallAwards,
  getCallForAdmin,
  getCallSummary,
  getEvaluators,
  getRanking,
  type LegalStatus,
  patchCall,
  patchTranche,
  publishRanking,
  type RankingRow,
} from '../../api/calls.ts'
import { getAreas, getHubs } from '../../api/catalogue.ts'
import { getConcessions } from '../../api/staff.ts'
import { LAB_TYPES, type LabType } from '../../api/types.ts'
import { DateField } from '../../components/DateTimeInput.tsx'
import { CheckField, Field, OperationStatus, SelectField, StaffGate, StaffTable, StaffTabs } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { PageTitle } from '../../components/PageTitle.tsx'
import { createReloadable } from '../../components/reloadable.ts'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { type TKey, t } from '../../i18n/index.ts'
import { formatDate, formatEuroCents, formatNumber, today } from '../../lib/format.ts'
import { CallForm, cents, euros, LEGAL } from './call-form.tsx'

const boxed = (content: () => JSX.Element) => () => <AsyncBoundary>{content()}</AsyncBoundary>

/**
 * The Comune's desk for one call (/calls/:id/manage; /calls/new drafts one): its text and rules, the
 * evaluators, the applications, the ranking, the awards with their tranches, and the figures.
 */
export default function ManageCallPage() {
  const params = useParams<{ id?: string }>()
  // read again after a change in place (components/reloadable.ts): the tabs and their forms stay on the page
  const call = createReloadable(() => params.id, getCallForAdmin)
  const reload = () => call.reload()
  return (
    <>
      <PageTitle lead={t('calls.manage.lead')}>
        {params.id ? (call()?.title ?? t('calls.manage.title')) : t('calls.manage.newTitle')}
      </PageTitle>
      <StaffGate roles={['admin']}>
        <AsyncBoundary>
          <Show when={params.id} fallback={<CallForm />}>
            <Show when={call()}>
              {(c) => (
                <>
                  <p>
                    <span class="badge bg-primary me-2">{t(`calls.status.${c().status}`)}</span>
                    <A href={`/calls/${c().id}`}>{t('calls.manage.publicPage')}</A>
                  </p>
                  <StaffTabs
                    label={t('calls.manage.sections')}
                    tabs={[
                      {
                        value: 'details',
                        label: 'calls.manage.tabs.details',
                        content: boxed(() => <CallForm call={c()} onSaved={reload} />),
                      },
                      {
                        value: 'evaluators',
                        label: 'calls.manage.tabs.evaluators',
                        content: boxed(() => <EvaluatorsPanel call={c()} onSaved={reload} />),
                      },
                      {
                        value: 'applications',
                        label: 'calls.manage.tabs.applications',
                        content: boxed(() => <ApplicationsPanel call={c()} />),
                      },
                      {
                        value: 'ranking',
                        label: 'calls.manage.tabs.ranking',
                        content: boxed(() => <RankingPanel call={c()} onSaved={reload} />),
                      },
                      {
                        value: 'awards',
                        label: 'calls.manage.tabs.awards',
                        content: boxed(() => <AwardsPanel call={c()} onSaved={reload} />),
                      },
                      { value: 'summary', label: 'calls.manage.tabs.summary', content: boxed(() => <SummaryPanel call={c()} />) },
                    ]}
                  />
                </>
              )}
            </Show>
          </Show>
        </AsyncBoundary>
      </StaffGate>
    </>
  )
}

/** Who scores the call: the accounts with the evaluator role, ticked. */
function EvaluatorsPanel(props: { call: CallWithEvaluators; onSaved: () => void | Promise<void> }) {
  const people = createAsync(() => getEvaluators())
  const [chosen, setChosen] = createSignal<string[]>(props.call.evaluatorIds ?? [])
  const op = createOperation()
  async function save(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      await patchCall(props.call.id, { evaluatorIds: chosen() })
      await props.onSaved()
    }, t('calls.manage.evaluatorsSaved'))
  }
  return (
    <form onSubmit={save}>
      <fieldset>
        <legend class="h5">{t('calls.manage.evaluatorsLegend')}</legend>
        <Show when={(people() ?? []).length > 0} fallback={<Empty>{t('calls.manage.noEvaluators')}</Empty>}>
          <For each={people()}>
            {(p) => (
              <CheckField
                id={`ev-${p.id}`}
                label={`${p.name} (${p.email})`}
                checked={chosen().includes(p.id)}
                onChange={(on) => setChosen(on ? [...chosen(), p.id] : chosen().filter((x) => x !== p.id))}
              />
            )}
          </For>
        </Show>
      </fieldset>
      <OperationStatus op={op} />
      <SubmitButton pending={op.pending()} label={t('calls.manage.saveEvaluators')} />
    </form>
  )
}

/** The submitted applications; admissibility is decided on each application's page. */
function ApplicationsPanel(props: { call: CallWithEvaluators }) {
  const apps = createAsync(() => getCallApplications(props.call.id))
  return (
    <Show when={(apps() ?? []).length > 0} fallback={<Empty>{t('calls.manage.noApplications')}</Empty>}>
      <StaffTable
        caption={t('calls.manage.tabs.applications')}
        columns={['calls.app.protocol', 'calls.project', 'calls.proposer', 'calls.app.statusLabel']}
      >
        <For each={apps()}>
          {(a) => (
            <tr>
              <td>{a.protocolNumber}</td>
              <td>
                <A href={`/applications/${a.id}`}>{a.title}</A>
              </td>
              <td>
                {a.organisationName} ({t(`calls.legal.${a.applicantType}`)})
              </td>
              <td>{t(`calls.app.status.${a.status}`)}</td>
            </tr>
          )}
        </For>
      </StaffTable>
    </Show>
  )
}

function RankingTable(props: { rows: RankingRow[]; caption: string }) {
  return (
    <StaffTable caption={props.caption} columns={['calls.rank', 'calls.app.protocol', 'calls.project', 'calls.proposer', 'calls.score']}>
      <For each={props.rows}>
        {(r) => (
          <tr>
            <td>{r.rank ?? '—'}</td>
            <td>{r.protocolNumber}</td>
            <td>
              <A href={`/applications/${r.applicationId}`}>{r.title}</A>
            </td>
            <td>{r.organisationName}</td>
            <td>{r.admissible ? (r.score === null ? '—' : formatNumber(r.score, 2)) : t('calls.notAdmissible')}</td>
          </tr>
        )}
      </For>
    </StaffTable>
  )
}

/** The ranking as it stands (admin sees it before publication), and the button that publishes it. */
function RankingPanel(props: { call: CallWithEvaluators; onSaved: () => void | Promise<void> }) {
  const rows = createReloadable(() => props.call.id, getRanking)
  const op = createOperation()
  const published = () => props.call.status === 'ranked' || props.call.status === 'awarded'
  return (
    <>
      <Show when={(rows() ?? []).length > 0} fallback={<Empty>{t('calls.manage.noRanking')}</Empty>}>
        <RankingTable rows={rows() ?? []} caption={t('calls.ranking')} />
      </Show>
      <Show when={!published()} fallback={<p>{t('calls.manage.rankingPublished')}</p>}>
        <p class="small">{t('calls.manage.publishHelp')}</p>
        <OperationStatus op={op} />
        <button
          type="button"
          class="btn btn-primary"
          disabled={op.pending()}
          onClick={() =>
            op.run(async () => {
              await publishRanking(props.call.id)
              await Promise.all([rows.reload(), props.onSaved()])
            }, t('calls.manage.rankingPublished'))
          }
        >
          {t('calls.manage.publish')}
        </button>
      </Show>
    </>
  )
}

/** The awards: one form per ranked application not yet funded, then each award with its confirmation and tranches. */
function AwardsPanel(props: { call: CallWithEvaluators; onSaved: () => void | Promise<void> }) {
  // keyed by the call's id (a string: the same call read again is not a new read); reload() reads them again
  const ranking = createReloadable(
    () => (props.call.status === 'ranked' || props.call.status === 'awarded' ? props.call.id : undefined),
    getRanking,
  )
  const awards = createReloadable(() => props.call.id, getCallAwards)
  const summary = createReloadable(() => props.call.id, getCallSummary)
  const reload = async () => {
    await Promise.all([ranking.reload(), awards.reload(), summary.reload()])
  }
  const closer = createOperation()
  const pendingRows = () =>
    (ranking() ?? []).filter((r) => r.rank !== null && !(awards() ?? []).some((a) => a.applicationId === r.applicationId))
  return (
    <>
      <Show when={summary()}>
        {(s) => (
          <p>
            {t('calls.manage.budgetLine', {
              committed: formatEuroCents(s().committedCents),
              budget: formatEuroCents(s().budgetCents),
              available: formatEuroCents(s().budgetCents - s().committedCents),
            })}
          </p>
        )}
      </Show>
      <Show
        when={props.call.status === 'ranked' || props.call.status === 'awarded'}
        fallback={<Empty>{t('calls.manage.awardsAfterRanking')}</Empty>}
      >
        <Show when={props.call.status === 'ranked'}>
          <h2 class="h5">{t('calls.manage.toAward')}</h2>
          <Show when={pendingRows().length > 0} fallback={<p>{t('calls.manage.nothingToAward')}</p>}>
            <For each={pendingRows()}>{(r) => <AwardForm call={props.call} row={r} onSaved={reload} />}</For>
          </Show>
        </Show>
        <h2 class="h5 mt-4">{t('calls.manage.awards')}</h2>
        <Show when={(awards() ?? []).length > 0} fallback={<Empty>{t('calls.manage.noAwards')}</Empty>}>
          <For each={awards()}>
            {(a) => {
              const row = () => (ranking() ?? []).find((r) => r.applicationId === a.applicationId)
              return <AwardCard award={a} label={row() ? `${row()!.title} — ${row()!.organisationName}` : undefined} onSaved={reload} />
            }}
          </For>
        </Show>
        <Show when={props.call.status === 'ranked'}>
          <p class="small mt-3">{t('calls.manage.concludeHelp')}</p>
          <OperationStatus op={closer} />
          <button
            type="button"
            class="btn btn-outline-primary"
            onClick={() =>
              closer.run(async () => {
                await patchCall(props.call.id, { status: 'awarded' })
                await props.onSaved()
              }, t('calls.manage.concluded'))
            }
          >
            {t('calls.manage.conclude')}
          </button>
        </Show>
      </Show>
    </>
  )
}

function AwardForm(props: {
  call: CallWithEvaluators
  row: RankingRow & { requestedFundingCents?: number }
  onSaved: () => void | Promise<void>
}) {
  const hubs = createAsync(() => getHubs())
  const concessions = createAsync(() => getConcessions())
  const [funding, setFunding] = createSignal(
    euros(Math.min(props.row.requestedFundingCents ?? props.call.maxFundingCents, props.call.maxFundingCents)),
  )
  const [hours, setHours] = createSignal('40')
  const [hubId, setHubId] = createSignal('')
  const [labType, setLabType] = createSignal('')
  const [concessionId, setConcessionId] = createSignal('')
  const op = createOperation()
  const id = (name: string) => `aw-${name}-${props.row.applicationId.slice(0, 8)}`
  async function save(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      await createAward(props.call.id, {
        applicationId: props.row.applicationId,
        fundingCents: cents(funding()),
        hours: Number(hours()) || 0,
        hubId: hubId() || null,
        labType: (labType() || null) as LabType | null,
        ...(concessionId() ? { concessionId: concessionId() } : {}),
      })
      await props.onSaved()
    }, t('calls.manage.awarded'))
  }
  return (
    <form class="card mb-3" onSubmit={save} aria-labelledby={id('title')}>
      <div class="card-body">
        <h3 class="h6" id={id('title')}>
          {t('calls.manage.awardTo', { rank: props.row.rank ?? '—', title: props.row.title, name: props.row.organisationName })}
        </h3>
        <div class="row g-2 align-items-end">
          <Field
            class="col-6 col-md-2"
            id={id('funding')}
            inputmode="decimal"
            label={t('calls.manage.fields.funding')}
            value={funding()}
            onInput={setFunding}
          />
          <Field
            class="col-6 col-md-2"
            id={id('hours')}
            type="number"
            min="0"
            step="0.5"
            label={t('calls.manage.fields.hours')}
            value={hours()}
            onInput={setHours}
          />
          <SelectField
            class="col-12 col-md-3"
            id={id('hub')}
            label={t('calls.manage.fields.hub')}
            empty={t('calls.manage.anyHub')}
            value={hubId()}
            options={(hubs() ?? []).map((h) => ({ value: h.id, label: h.name }))}
            onChange={setHubId}
          />
          <SelectField
            class="col-12 col-md-2"
            id={id('lab')}
            label={t('calls.manage.fields.labType')}
            empty={t('calls.manage.anyLab')}
            value={labType()}
            options={LAB_TYPES.map((l) => ({ value: l, label: t(`labType.${l}` as TKey) }))}
            onChange={setLabType}
          />
          <SelectField
            class="col-12 col-md-3"
            id={id('concession')}
            label={t('calls.manage.fields.concession')}
            empty={t('calls.manage.noConcession')}
            value={concessionId()}
            options={(concessions() ?? []).map((c) => ({
              value: c.id,
              label: `${(hubs() ?? []).find((h) => h.id === c.hubId)?.name ?? c.hubId.slice(0, 8)} · ${formatDate(c.start)}`,
            }))}
            onChange={setConcessionId}
          />
        </div>
        <OperationStatus op={op} fields={{ fundingCents: t('calls.manage.fields.funding'), hours: t('calls.manage.fields.hours') }} />
        <SubmitButton class="btn btn-primary mt-2" pending={op.pending()} label={t('calls.manage.award')} />
      </div>
    </form>
  )
}

/** One award: its figures, the codice fiscale that confirms a conditional one, its tranches. */
export function AwardCard(props: { award: Award; onSaved: () => void | Promise<void>; admin?: boolean; label?: string }) {
  const a = () => props.award
  // a conditional award has no beneficiary yet (an informal group is not one): the caller names it
  const name = () => props.label ?? a().beneficiaryName ?? t('calls.manage.awardUnnamed')
  const admin = () => props.admin !== false
  const paid = () =>
    a()
      .tranches.filter((x) => x.status === 'paid')
      .reduce((s, x) => s + x.amountCents, 0)
  return (
    <section class="card mb-3" aria-labelledby={`award-${a().id}`}>
      <div class="card-body">
        <h3 class="h6" id={`award-${a().id}`}>
          {name()}{' '}
          <span class={`badge ${a().status === 'conditional' ? 'bg-warning text-dark' : 'bg-success'}`}>
            {t(`calls.manage.awardStatus.${a().status}`)}
          </span>
        </h3>
        <dl class="row mb-2">
          <dt class="col-sm-4">{t('calls.manage.fields.funding')}</dt>
          <dd class="col-sm-8">{formatEuroCents(a().fundingCents)}</dd>
          <dt class="col-sm-4">{t('calls.manage.paid')}</dt>
          <dd class="col-sm-8">{formatEuroCents(paid())}</dd>
          <dt class="col-sm-4">{t('calls.manage.fields.hours')}</dt>
          <dd class="col-sm-8">{formatNumber(a().hours, 2)}</dd>
          <Show when={a().beneficiaryTaxCode}>
            <dt class="col-sm-4">{t('calls.manage.taxCode')}</dt>
            <dd class="col-sm-8">{a().beneficiaryTaxCode}</dd>
          </Show>
          <Show when={a().status === 'conditional' && a().taxCodeDueOn}>
            <dt class="col-sm-4">{t('calls.manage.taxCodeDue')}</dt>
            <dd class="col-sm-8">{formatDate(a().taxCodeDueOn!)}</dd>
          </Show>
        </dl>
        <Show when={a().status === 'conditional'}>
          <ConfirmForm award={a()} onSaved={props.onSaved} />
        </Show>
        <TranchesPanel award={a()} name={name()} admin={admin()} onSaved={props.onSaved} />
      </div>
    </section>
  )
}

/** The new entity's codice fiscale confirms a conditional award (the applicant, a member or the Comune). */
export function ConfirmForm(props: { award: Award; onSaved: () => void | Promise<void> }) {
  const [taxCode, setTaxCode] = createSignal('')
  const [name, setName] = createSignal(props.award.beneficiaryName ?? '')
  const [legal, setLegal] = createSignal<Exclude<LegalStatus, 'informal'>>('association')
  const op = createOperation()
  const id = (x: string) => `cf-${x}-${props.award.id.slice(0, 8)}`
  async function save(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      await confirmAward(props.award.id, { taxCode: taxCode().trim(), name: name().trim(), legalStatus: legal() })
      await props.onSaved()
    }, t('calls.manage.confirmed'))
  }
  return (
    <form class="border rounded p-3 mb-3" onSubmit={save}>
      <p class="mb-2">{t('calls.manage.confirmLead')}</p>
      <div class="row g-2 align-items-end">
        <Field
          class="col-12 col-md-4"
          id={id('tax')}
          required
          inputmode="numeric"
          pattern="\d{11}"
          maxLength={11}
          label={t('calls.manage.entityTaxCode')}
          help={t('calls.manage.entityTaxCodeHelp')}
          value={taxCode()}
          onInput={setTaxCode}
        />
        <Field class="col-12 col-md-4" id={id('name')} required label={t('calls.manage.entityName')} value={name()} onInput={setName} />
        <SelectField
          class="col-12 col-md-4"
          id={id('legal')}
          label={t('calls.app.fields.applicantType')}
          value={legal()}
          options={LEGAL.filter((l) => l !== 'informal').map((l) => ({ value: l, label: t(`calls.legal.${l}`) }))}
          onChange={(v) => setLegal(v as Exclude<LegalStatus, 'informal'>)}
        />
      </div>
      <OperationStatus op={op} fields={{ taxCode: t('calls.manage.entityTaxCode'), name: t('calls.manage.entityName') }} />
      <SubmitButton class="btn btn-primary mt-2" pending={op.pending()} label={t('calls.manage.confirm')} />
    </form>
  )
}

function TranchesPanel(props: { award: Award; name: string; admin: boolean; onSaved: () => void | Promise<void> }) {
  const [amount, setAmount] = createSignal('')
  const [dueOn, setDueOn] = createSignal(today())
  const op = createOperation()
  const id = (x: string) => `tr-${x}-${props.award.id.slice(0, 8)}`
  async function add(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      await addTranche(props.award.id, { amountCents: cents(amount()), dueOn: dueOn() })
      setAmount('')
      await props.onSaved()
    }, t('calls.manage.trancheAdded'))
  }
  const pay = (trancheId: string) =>
    op.run(async () => {
      await patchTranche(trancheId, { status: 'paid', paidOn: today() })
      await props.onSaved()
    }, t('calls.manage.tranchePaid'))
  return (
    <>
      <h4 class="h6">{t('calls.manage.tranches')}</h4>
      <Show when={props.award.tranches.length > 0} fallback={<p class="small">{t('calls.manage.noTranches')}</p>}>
        <StaffTable
          caption={t('calls.manage.tranchesOf', { name: props.name })}
          columns={['calls.manage.trancheAmount', 'calls.manage.trancheDue', 'calls.app.statusLabel', 'calls.manage.trancheAction']}
        >
          <For each={props.award.tranches}>
            {(tr) => (
              <tr>
                <td>{formatEuroCents(tr.amountCents)}</td>
                <td>{formatDate(tr.dueOn)}</td>
                <td>
                  {t(`calls.manage.trancheStatus.${tr.status}`)}
                  {tr.paidOn ? ` (${formatDate(tr.paidOn)})` : ''}
                </td>
                <td>
                  <Show when={props.admin && tr.status === 'planned' && props.award.status === 'awarded'}>
                    <button type="button" class="btn btn-outline-success btn-sm" onClick={() => pay(tr.id)}>
                      {t('calls.manage.markPaid')}
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </StaffTable>
      </Show>
      <Show when={props.admin}>
        <form onSubmit={add} class="row g-2 align-items-end">
          <Field
            class="col-12 col-sm-6 col-md-3"
            id={id('amount')}
            required
            inputmode="decimal"
            label={t('calls.manage.trancheAmount')}
            value={amount()}
            onInput={setAmount}
          />
          <DateField
            class="col-12 col-sm-6 col-md-3"
            id={id('due')}
            required
            label={t('calls.manage.trancheDue')}
            value={dueOn()}
            onValue={setDueOn}
          />
          <div class="col-12 col-md-3">
            <SubmitButton class="btn btn-outline-primary" pending={op.pending()} label={t('calls.manage.addTranche')} />
          </div>
        </form>
        <OperationStatus op={op} fields={{ amountCents: t('calls.manage.trancheAmount'), dueOn: t('calls.manage.trancheDue') }} />
      </Show>
    </>
  )
}

/** The Comune's figures for the call: applications by status, money committed and paid, hours, by priority area. */
function SummaryPanel(props: { call: CallWithEvaluators }) {
  const summary = createAsync(() => getCallSummary(props.call.id))
  const areas = createAsync(() => getAreas())
  const areaName = (id: string) => {
    const a = (areas() ?? []).find((x) => x.id === id)
    return a ? (a.nilId ? `${a.name} (NIL ${a.nilId})` : a.name) : id.slice(0, 8)
  }
  return (
    <Show when={summary()}>
      {(s) => (
        <>
          <dl class="sc-figures row">
            <dt class="col-sm-4">{t('calls.summary.applications')}</dt>
            <dd class="col-sm-8">{s().applications}</dd>
            <dt class="col-sm-4">{t('calls.summary.drafts')}</dt>
            <dd class="col-sm-8">{s().drafts}</dd>
            <dt class="col-sm-4">{t('calls.summary.budget')}</dt>
            <dd class="col-sm-8">{formatEuroCents(s().budgetCents)}</dd>
            <dt class="col-sm-4">{t('calls.summary.committed')}</dt>
            <dd class="col-sm-8">{formatEuroCents(s().committedCents)}</dd>
            <dt class="col-sm-4">{t('calls.summary.paid')}</dt>
            <dd class="col-sm-8">{formatEuroCents(s().paidCents)}</dd>
            <dt class="col-sm-4">{t('calls.summary.hoursGranted')}</dt>
            <dd class="col-sm-8">{formatNumber(s().hoursGranted, 1)}</dd>
            <dt class="col-sm-4">{t('calls.summary.hoursUsed')}</dt>
            <dd class="col-sm-8">{formatNumber(s().hoursUsed, 1)}</dd>
          </dl>
          <h2 class="h5">{t('calls.summary.byStatus')}</h2>
          <StaffTable caption={t('calls.summary.byStatus')} columns={['calls.app.statusLabel', 'calls.summary.count']}>
            <For each={Object.entries(s().byStatus)}>
              {([status, n]) => (
                <tr>
                  <td>{t(`calls.app.status.${status}` as TKey)}</td>
                  <td>{n}</td>
                </tr>
              )}
            </For>
          </StaffTable>
          <h2 class="h5 mt-4">{t('calls.summary.byArea')}</h2>
          <Show when={s().byArea.length > 0} fallback={<Empty>{t('calls.summary.noAreas')}</Empty>}>
            <StaffTable
              caption={t('calls.summary.byArea')}
              columns={[
                'calls.summary.area',
                'calls.summary.applications',
                'calls.summary.committed',
                'calls.summary.paid',
                'calls.summary.hoursGranted',
                'calls.summary.hoursUsed',
              ]}
            >
              <For each={s().byArea}>
                {(r) => (
                  <tr>
                    <td>{areaName(r.areaId)}</td>
                    <td>{r.applications}</td>
                    <td>{formatEuroCents(r.committedCents)}</td>
                    <td>{formatEuroCents(r.paidCents)}</td>
                    <td>{formatNumber(r.hoursGranted, 1)}</td>
                    <td>{formatNumber(r.hoursUsed, 1)}</td>
                  </tr>
                )}
              </For>
            </StaffTable>
          </Show>
        </>
      )}
    </Show>
  )
}
