import { A, createAsync, useParams } from '@solidjs/router'
import { createMemo, createSignal, For, Index, Show } from 'solid-js'
import {
  type Application,
  type Call,
  getAdmissibility,
  getApplication,
  getCall,
  getOwnEvaluation,
  type LegalStatus,
  patchApplication,
  putAdmissibility,
  putScores,
  submitApplication,
  uploadAttachment,
} from '../../api/calls.ts'
import { getAreas } from '../../api/catalogue.ts'
import { settle } from '../../api/client.ts'
import { LAB_TYPES, type LabType } from '../../api/types.ts'
import { FileInput } from '../../components/FileInput.tsx'
import { CheckField, Field, SelectField, TextArea } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { PageTitle } from '../../components/PageTitle.tsx'
import { ProblemAlert } from '../../components/ProblemAlert.tsx'
import { createReloadable } from '../../components/reloadable.ts'
import { AsyncBoundary, Success } from '../../components/States.tsx'
import { ActionButton, SubmitButton } from '../../components/SubmitButton.tsx'
import { locale, type TKey, t } from '../../i18n/index.ts'
import { formatDate, formatDateTime, formatEuroCents, formatNumber } from '../../lib/format.ts'
import { useSession } from '../../session/session.tsx'

/**
 * One application: the applicant edits the draft (saved field by field) and submits it, then follows its
 * status; the Comune decides admissibility; an assigned evaluator scores it.
 */
export default function ApplicationPage() {
  const params = useParams<{ id: string }>()
  const session = useSession()
  // read again after a change without leaving the page (components/reloadable.ts): the form stays mounted
  const app = createReloadable(() => params.id, getApplication)
  // the call is read once per call, not again with each new answer about the application
  const callId = createMemo(() => app()?.callId)
  const call = createAsync(async () => {
    const id = callId()
    return id ? getCall(id) : undefined
  })
  const reload = () => app.reload()
  const role = () => session.user()?.role
  const [protocol, setProtocol] = createSignal<number>()
  return (
    <AsyncBoundary>
      <Show when={app() && call() ? { a: app()!, c: call()! } : undefined}>
        {(x) => (
          <>
            <PageTitle lead={x().c.title}>{x().a.title}</PageTitle>
            <Show when={protocol()}>{(n) => <Success>{t('calls.app.submitted', { n: n() })}</Success>}</Show>
            <StatusPanel app={x().a} />
            <Show when={x().a.status === 'draft'} fallback={<ReadOnly app={x().a} />}>
              <DraftForm
                app={x().a}
                call={x().c}
                onSaved={app.set}
                onChange={reload}
                onSubmitted={(n) => {
                  setProtocol(n)
                  return reload()
                }}
              />
            </Show>
            <Show when={role() === 'admin' && x().a.status !== 'draft'}>
              <AdmissibilityPanel app={x().a} onChange={reload} />
            </Show>
            <Show when={(role() === 'evaluator' || role() === 'admin') && ['admissible', 'scored'].includes(x().a.status)}>
              <ScoringPanel app={x().a} call={x().c} />
            </Show>
          </>
        )}
      </Show>
    </AsyncBoundary>
  )
}

function StatusPanel(props: { app: Application }) {
  return (
    <div class="card mb-4 shadow-sm">
      <div class="card-body">
        <dl class="row mb-0">
          <dt class="col-sm-3">{t('calls.app.statusLabel')}</dt>
          <dd class="col-sm-9">
            <span class="badge bg-primary">{t(`calls.app.status.${props.app.status}`)}</span>
          </dd>
          <Show when={props.app.protocolNumber}>
            <dt class="col-sm-3">{t('calls.app.protocol')}</dt>
            <dd class="col-sm-9">
              {props.app.protocolNumber} — {props.app.submittedAt ? formatDateTime(props.app.submittedAt) : ''}
            </dd>
          </Show>
          <Show when={props.app.exclusionReason}>
            <dt class="col-sm-3">{t('calls.app.reason')}</dt>
            <dd class="col-sm-9">{props.app.exclusionReason}</dd>
          </Show>
          <Show when={props.app.award}>
            {(award) => (
              <>
                <dt class="col-sm-3">{t('calls.app.award')}</dt>
                <dd class="col-sm-9">
                  {t('calls.app.awardLine', { money: formatEuroCents(award().fundingCents), hours: award().hours })}
                  <Show when={award().status === 'conditional' && award().taxCodeDueOn}>
                    <p class="mb-0">{t('calls.app.taxCodeDue', { date: formatDate(award().taxCodeDueOn!) })}</p>
                  </Show>
                  <p class="mb-0">
                    <A href={`/teams/${award().teamId}/award`}>{t('calls.app.team')}</A>
                  </p>
                </dd>
              </>
            )}
          </Show>
        </dl>
      </div>
    </div>
  )
}

function ReadOnly(props: { app: Application }) {
  return (
    <section class="mb-4">
      <h2 class="h4">{t('calls.app.fields.summary')}</h2>
      <p style={{ 'white-space': 'pre-line' }}>{props.app.summary}</p>
      <p>
        <strong>{t('calls.app.fields.organisationName')}:</strong> {props.app.organisationName} (
        {t(`calls.legal.${props.app.applicantType}`)})
      </p>
      <p>
        <strong>{t('calls.app.fields.funding')}:</strong> {formatEuroCents(props.app.requestedFundingCents)}
      </p>
      <Show when={props.app.attachments.length > 0}>
        <h2 class="h4">{t('calls.app.attachments')}</h2>
        <ul>
          <For each={props.app.attachments}>
            {(f) => (
              <li>
                <a href={`/api/v1/applications/${props.app.id}/attachments/${f.id}`}>{f.filename}</a> ({f.kind})
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}

/** The draft's saves, one after the other (so the server keeps the last value a person committed), and their state. */
function createDraftSaver(app: () => Application, onSaved: (app: Application) => void) {
  const [state, setState] = createSignal<'idle' | 'saving' | 'saved'>('idle')
  const [problem, setProblem] = createSignal<unknown>()
  let queue: Promise<void> = Promise.resolve()
  function save(body: Partial<Application>): Promise<void> {
    queue = queue.then(async () => {
      setState('saving')
      setProblem(undefined)
      try {
        // the page holds what the server holds
        onSaved(await patchApplication(app().id, body))
        setState('saved')
      } catch (err) {
        setProblem(err)
        setState('idle')
      }
    })
    return queue
  }
  return { state, problem, setProblem, save }
}
type Save = (body: Partial<Application>) => Promise<void>

/** The draft: every field saves when committed (the kit's `onCommit`); the submit answers with the protocol number. */
function DraftForm(props: {
  app: Application
  call: Call
  onSaved: (app: Application) => void
  onChange: () => Promise<void>
  onSubmitted: (protocolNumber: number) => Promise<void>
}) {
  const saver = createDraftSaver(
    () => props.app,
    (app) => props.onSaved(app),
  )
  const op = createOperation()
  // a problem of the submit or of a field's save, shown in one place
  const problem = () => op.problem() ?? saver.problem()
  async function submit(e: SubmitEvent) {
    e.preventDefault()
    saver.setProblem(undefined)
    const ok = await op.run(async () => props.onSubmitted((await submitApplication(props.app.id)).protocolNumber), false)
    // the problem is said above the form, far from the button at its foot: bring it into view
    if (!ok) queueMicrotask(() => document.getElementById('draft-problem')?.focus())
  }
  return (
    <form onSubmit={submit} class="mb-4" aria-describedby="draft-lead">
      <p id="draft-lead">{t('calls.app.draftLead')}</p>
      <p class="small text-muted" role="status" aria-live="polite">
        {saver.state() === 'saving' ? t('calls.app.saving') : saver.state() === 'saved' ? t('calls.app.saved') : ''}
      </p>
      <div id="draft-problem" tabindex="-1">
        <Show when={problem()}>
          <ProblemAlert problem={problem()} fields={FIELD_LABELS()} />
        </Show>
      </div>
      <div class="row g-3">
        <ApplicantFields app={props.app} call={props.call} save={saver.save} />
        <ProjectFields app={props.app} save={saver.save} />
      </div>
      <TargetAreas call={props.call} chosen={props.app.areaIds} onChange={(areaIds) => saver.save({ areaIds })} />
      <IndicatorsEditor initial={props.app.indicators ?? []} onChange={(indicators) => saver.save({ indicators })} />
      <AttachmentsFields app={props.app} call={props.call} onChange={props.onChange} onProblem={saver.setProblem} />
      <div class="mt-4">
        <SubmitButton pending={op.pending()} label={t('calls.app.submit')} />
      </div>
    </form>
  )
}

/** Who applies: the project's title, the body or group, its legal status and tax code, the promoters, the commitment. */
function ApplicantFields(props: { app: Application; call: Call; save: Save }) {
  const save = (body: Partial<Application>) => props.save(body)
  return (
    <>
      <Field
        class="col-12"
        id="f-title"
        label={t('calls.app.fields.title')}
        value={props.app.title}
        maxLength={200}
        onCommit={(v) => save({ title: v })}
      />
      <Field
        class="col-12 col-md-6"
        id="f-org"
        label={t('calls.app.fields.organisationName')}
        value={props.app.organisationName}
        maxLength={200}
        onCommit={(v) => save({ organisationName: v })}
      />
      <SelectField
        class="col-12 col-md-6"
        id="f-type"
        label={t('calls.app.fields.applicantType')}
        value={props.app.applicantType}
        options={props.call.applicantTypes.map((a) => ({ value: a, label: t(`calls.legal.${a}`) }))}
        onChange={(v) => save({ applicantType: v as LegalStatus })}
      />
      <Field
        class="col-12 col-md-6"
        id="f-tax"
        label={t('calls.app.fields.taxCode')}
        value={props.app.taxCode ?? ''}
        onCommit={(v) => save({ taxCode: v.trim() || null })}
      />
      <TextArea
        class="col-12 col-md-6"
        id="f-promoters"
        label={t('calls.app.fields.promoters')}
        value={props.app.promoters.map((p) => p.name).join('\n')}
        onCommit={(v) =>
          save({
            promoters: v
              .split('\n')
              .map((n) => n.trim())
              .filter(Boolean)
              .map((name) => ({ name })),
          })
        }
      />
      <div class="col-12">
        <CheckField
          id="f-commit"
          label={t('calls.app.fields.commit')}
          checked={props.app.commitToIncorporate}
          onChange={(v) => save({ commitToIncorporate: v })}
        />
      </div>
    </>
  )
}

// the amount as a person writes it (a comma in Italian, two decimals when there are cents): a save's answer
// puts it back in the field, so it reads as typed
const euros = (cents: number) => {
  const text = cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2)
  return locale() === 'it' ? text.replace('.', ',') : text
}
const cents = (value: string) => Math.round(Number(value.replace(',', '.')) * 100) || 0

/** What the project does: summary, activities, the lab it needs (type, hours a week, weeks) and the money it asks. */
function ProjectFields(props: { app: Application; save: Save }) {
  const save = (body: Partial<Application>) => props.save(body)
  // the lab's need is sent whole: kept here, so a change made before the previous save's answer builds on it
  const [need, setNeed] = createSignal<Application['labNeeds'][number]>({
    ...(props.app.labNeeds[0] ?? { labType: 'multipurpose', hoursPerWeek: 2, weeks: 10 }),
  })
  const saveNeed = (change: Partial<Application['labNeeds'][number]>) => {
    const next = { ...need(), ...change }
    setNeed(next)
    return save({ labNeeds: [next] })
  }
  return (
    <>
      <TextArea
        class="col-12"
        id="f-summary"
        label={t('calls.app.fields.summary')}
        rows={4}
        maxLength={5000}
        value={props.app.summary}
        onCommit={(v) => save({ summary: v })}
      />
      <TextArea
        class="col-12"
        id="f-activities"
        label={t('calls.app.fields.activities')}
        rows={4}
        value={props.app.activities}
        onCommit={(v) => save({ activities: v })}
      />
      <SelectField
        class="col-12 col-md-4"
        id="f-lab"
        label={t('calls.app.fields.labType')}
        value={need().labType}
        options={LAB_TYPES.map((l) => ({ value: l, label: t(`labType.${l}` as TKey) }))}
        onChange={(v) => saveNeed({ labType: v as LabType })}
      />
      <Field
        class="col-6 col-md-4"
        id="f-hours"
        type="number"
        min="0.5"
        step="0.5"
        label={t('calls.app.fields.hoursPerWeek')}
        value={need().hoursPerWeek}
        onCommit={(v) => saveNeed({ hoursPerWeek: Number(v) })}
      />
      <Field
        class="col-6 col-md-4"
        id="f-weeks"
        type="number"
        min="1"
        label={t('calls.app.fields.weeks')}
        value={need().weeks}
        onCommit={(v) => saveNeed({ weeks: Number(v) })}
      />
      <Field
        class="col-12 col-md-6"
        id="f-funding"
        inputmode="decimal"
        label={t('calls.app.fields.funding')}
        value={euros(props.app.requestedFundingCents)}
        onCommit={(v) => save({ requestedFundingCents: cents(v) })}
      />
      <Field
        class="col-12 col-md-6"
        id="f-crowd"
        inputmode="decimal"
        label={t('calls.app.fields.crowdfunding')}
        value={euros(props.app.crowdfundingGoalCents)}
        onCommit={(v) => save({ crowdfundingGoalCents: cents(v) })}
      />
    </>
  )
}

/**
 * The files sent: the list, and a PDF to add under a kind (the call's required documents, or free text). After
 * an upload the list is read again in place: the form stays as it is (what is being typed, the focus, the
 * scroll), and a polite line says the file is on its way, then that it is attached.
 */
function AttachmentsFields(props: { app: Application; call: Call; onChange: () => Promise<void>; onProblem: (problem: unknown) => void }) {
  const [kind, setKind] = createSignal(props.call.requiredDocuments[0] ?? 'progetto')
  const [status, setStatus] = createSignal('')
  async function upload(file: File): Promise<boolean> {
    props.onProblem(undefined)
    setStatus(t('calls.app.uploading', { name: file.name }))
    try {
      await uploadAttachment(props.app.id, kind(), file)
      await props.onChange()
      setStatus(t('calls.app.uploaded', { name: file.name }))
      return true
    } catch (err) {
      setStatus('')
      props.onProblem(err)
      return false
    }
  }
  return (
    <fieldset class="mt-4">
      <legend class="h5">{t('calls.app.attachments')}</legend>
      <ul>
        <For each={props.app.attachments}>
          {(f) => (
            <li>
              <a href={`/api/v1/applications/${props.app.id}/attachments/${f.id}`}>{f.filename}</a> ({f.kind})
            </li>
          )}
        </For>
      </ul>
      <div class="row g-2 align-items-end">
        <Show
          when={props.call.requiredDocuments.length > 0}
          fallback={<Field class="col-12 col-md-4" id="f-kind" label={t('calls.app.kind')} value={kind()} onInput={setKind} />}
        >
          <SelectField
            class="col-12 col-md-4"
            id="f-kind"
            label={t('calls.app.kind')}
            value={kind()}
            options={props.call.requiredDocuments.map((d) => ({ value: d, label: d }))}
            onChange={setKind}
          />
        </Show>
        <FileInput
          class="col-12 col-md-8"
          id="f-file"
          label={t('calls.app.upload')}
          accept="application/pdf"
          onFiles={([file]) => upload(file)}
        />
      </div>
      <p class="small text-muted mt-1 mb-0" role="status" aria-live="polite">
        {status()}
      </p>
    </fieldset>
  )
}

const FIELD_LABELS = () => ({
  title: t('calls.app.fields.title'),
  summary: t('calls.app.fields.summary'),
  organisationName: t('calls.app.fields.organisationName'),
  taxCode: t('calls.app.fields.taxCode'),
  promoters: t('calls.app.fields.promoters'),
  requestedFundingCents: t('calls.app.fields.funding'),
  crowdfundingGoalCents: t('calls.app.fields.crowdfunding'),
  indicators: t('calls.app.indicators.title'),
  areaIds: t('calls.app.areas.title'),
})

/** The neighbourhoods the project works in: the call's priority areas (or every priority area when it names none). */
function TargetAreas(props: { call: Call; chosen: string[]; onChange: (areaIds: string[]) => void }) {
  const areas = createAsync(() => getAreas())
  const [chosen, setChosen] = createSignal(props.chosen)
  const offered = () => {
    const all = areas() ?? []
    const inCall = all.filter((a) => props.call.areaIds.includes(a.id))
    const list = inCall.length > 0 ? inCall : all.filter((a) => a.isTarget)
    // an area chosen earlier stays visible even if the call no longer names it
    return [...list, ...all.filter((a) => chosen().includes(a.id) && !list.includes(a))]
  }
  function toggle(id: string, on: boolean) {
    const next = on ? [...chosen(), id] : chosen().filter((x) => x !== id)
    setChosen(next)
    props.onChange(next)
  }
  return (
    <fieldset class="mt-4">
      <legend class="h5">{t('calls.app.areas.title')}</legend>
      <p class="small">{t('calls.app.areas.help')}</p>
      <div class="sc-choices">
        <For each={offered()}>
          {(a) => (
            <CheckField
              id={`f-area-${a.id}`}
              label={a.nilId ? `${a.name} (NIL ${a.nilId})` : a.name}
              checked={chosen().includes(a.id)}
              onChange={(on) => toggle(a.id, on)}
            />
          )}
        </For>
      </div>
    </fieldset>
  )
}

type IndicatorRow = Application['indicators'][number]

/**
 * The indicators the project commits to (name, unit, baseline, target), one row each. A row is sent once it
 * has a name and a unit: the others stay on the page until completed.
 */
function IndicatorsEditor(props: { initial: IndicatorRow[]; onChange: (rows: IndicatorRow[]) => void }) {
  const blank = (): IndicatorRow => ({ name: '', unit: '', baseline: 0, target: 0 })
  const [rows, setRows] = createSignal<IndicatorRow[]>(props.initial.length > 0 ? props.initial : [blank()])
  const complete = (list: IndicatorRow[]) => list.filter((r) => r.name.trim() && r.unit.trim())
  function change(i: number, patch: Partial<IndicatorRow>) {
    const next = rows().map((r, j) => (j === i ? { ...r, ...patch } : r))
    setRows(next)
    props.onChange(complete(next))
  }
  function remove(i: number) {
    const next = rows().filter((_, j) => j !== i)
    setRows(next.length > 0 ? next : [blank()])
    props.onChange(complete(next))
  }
  const num = (v: string) => Number(v.replace(',', '.')) || 0
  return (
    <fieldset class="mt-4">
      <legend class="h5">{t('calls.app.indicators.title')}</legend>
      <p class="small">{t('calls.app.indicators.help')}</p>
      {/* Index, not For: a row keeps its inputs (and the focus) when one of its fields is committed */}
      <Index each={rows()}>
        {(row, i) => (
          <div class="row g-2 align-items-end mb-2">
            <Field
              class="col-12 col-md-4"
              id={`f-ind-name-${i}`}
              label={t('calls.app.indicators.name')}
              value={row().name}
              maxLength={200}
              onCommit={(v) => change(i, { name: v })}
            />
            <Field
              class="col-12 col-md-2"
              id={`f-ind-unit-${i}`}
              label={t('calls.app.indicators.unit')}
              value={row().unit}
              maxLength={50}
              onCommit={(v) => change(i, { unit: v })}
            />
            <Field
              class="col-6 col-md-2"
              id={`f-ind-baseline-${i}`}
              type="number"
              label={t('calls.app.indicators.baseline')}
              value={row().baseline}
              onCommit={(v) => change(i, { baseline: num(v) })}
            />
            <Field
              class="col-6 col-md-2"
              id={`f-ind-target-${i}`}
              type="number"
              label={t('calls.app.indicators.target')}
              value={row().target}
              onCommit={(v) => change(i, { target: num(v) })}
            />
            <div class="col-12 col-md-2">
              <button
                type="button"
                class="btn btn-outline-danger btn-sm"
                aria-label={t('calls.app.indicators.removeNamed', { name: row().name || String(i + 1) })}
                onClick={() => remove(i)}
              >
                {t('calls.app.indicators.remove')}
              </button>
            </div>
          </div>
        )}
      </Index>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setRows([...rows(), blank()])}>
        {t('calls.app.indicators.add')}
      </button>
    </fieldset>
  )
}

function AdmissibilityPanel(props: { app: Application; onChange: () => Promise<void> }) {
  const checks = createAsync(() => settle(getAdmissibility(props.app.id)))
  const [reason, setReason] = createSignal('')
  const op = createOperation()
  // the decision on its way (its button says so; the other one waits)
  const [deciding, setDeciding] = createSignal<boolean>()
  const decide = (admissible: boolean) => {
    setDeciding(admissible)
    return op
      .run(async () => {
        await putAdmissibility(props.app.id, admissible ? { admissible } : { admissible, reason: reason() })
        await props.onChange()
      }, false)
      .finally(() => setDeciding(undefined))
  }
  return (
    <section class="card mb-4">
      <div class="card-body">
        <h2 class="h4">{t('calls.evaluation.admissibility')}</h2>
        <Show when={checks()?.ok && checks()}>
          {(c) => (
            <ul aria-label={t('calls.evaluation.checks')}>
              <For each={(c() as { ok: true; value: { checks: Array<{ rule: string; ok: boolean }> } }).value.checks}>
                {(check) => (
                  <li>
                    <span aria-hidden="true">{check.ok ? '✓' : '✗'}</span> {t(`calls.evaluation.rules.${check.rule}` as TKey)}
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
        <Show when={op.problem()}>
          <ProblemAlert problem={op.problem()} />
        </Show>
        <Field id="exclude-reason" class="mb-2" label={t('calls.evaluation.excludeReason')} value={reason()} onInput={setReason} />
        <div class="d-flex flex-wrap gap-2">
          <ActionButton
            class="btn btn-success"
            pending={deciding() === true}
            disabled={op.pending()}
            label={t('calls.evaluation.admit')}
            onClick={() => decide(true)}
          />
          <ActionButton
            class="btn btn-outline-danger"
            pending={deciding() === false}
            disabled={op.pending()}
            label={t('calls.evaluation.exclude')}
            onClick={() => decide(false)}
          />
        </div>
      </div>
    </section>
  )
}

/** The evaluator's own work on the application: the declaration first, then a score per criterion. */
function ScoringPanel(props: { app: Application; call: Call }) {
  const mine = createAsync(() => getOwnEvaluation(props.app.id))
  const [conflict, setConflict] = createSignal<boolean | null>(null)
  const [scores, setScores] = createSignal<Record<string, number>>({})
  const [comment, setComment] = createSignal<string>()
  const op = createOperation()
  const current = () => conflict() ?? mine()?.conflictOfInterest ?? false
  const scoreOf = (id: string): number | undefined => scores()[id] ?? mine()?.scores.find((s) => s.criterionId === id)?.score
  async function save(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      const list = current()
        ? []
        : props.call.criteria.filter((c) => scoreOf(c.id) !== undefined).map((c) => ({ criterionId: c.id, score: Number(scoreOf(c.id)) }))
      await putScores(props.app.id, { conflictOfInterest: current(), comment: comment() ?? mine()?.comment ?? undefined, scores: list })
    }, t('calls.evaluation.saved'))
  }
  return (
    <form class="card mb-4" onSubmit={save}>
      <div class="card-body">
        <h2 class="h4">{t('calls.evaluation.title')}</h2>
        <fieldset class="mb-3">
          <legend class="h6">{t('calls.evaluation.conflictLegend')}</legend>
          <div class="form-check">
            <input id="coi-no" type="radio" name="coi" class="form-check-input" checked={!current()} onChange={() => setConflict(false)} />
            <label class="form-check-label" for="coi-no">
              {t('calls.evaluation.noConflict')}
            </label>
          </div>
          <div class="form-check">
            <input id="coi-yes" type="radio" name="coi" class="form-check-input" checked={current()} onChange={() => setConflict(true)} />
            <label class="form-check-label" for="coi-yes">
              {t('calls.evaluation.conflict')}
            </label>
          </div>
        </fieldset>
        <Show when={!current()}>
          <For each={props.call.criteria}>
            {(c) => (
              <Field
                id={`score-${c.id}`}
                class="mb-2"
                type="number"
                min="0"
                max={c.maxScore}
                step="0.5"
                label={`${c.name} (${t('calls.evaluation.outOf', { max: c.maxScore })})`}
                help={t('calls.evaluation.weightHelp', { weight: formatNumber(c.weight, 2) })}
                value={scoreOf(c.id) ?? ''}
                onInput={(v) => setScores({ ...scores(), [c.id]: Number(v) })}
              />
            )}
          </For>
        </Show>
        <TextArea
          id="eval-comment"
          class="mb-3"
          label={t('calls.evaluation.comment')}
          value={comment() ?? mine()?.comment ?? ''}
          onInput={setComment}
        />
        <Show when={op.problem()}>
          <ProblemAlert problem={op.problem()} />
        </Show>
        <Show when={op.done()}>
          <Success>{op.done()}</Success>
        </Show>
        <SubmitButton pending={op.pending()} label={t('calls.evaluation.save')} />
      </div>
    </form>
  )
}
