import { A, createAsync, useParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import {
  type Application,
  type Call,
  getAdmissibility,
  getApplication,
  getCall,
  getOwnEvaluation,
  patchApplication,
  putAdmissibility,
  putScores,
  submitApplication,
  uploadAttachment,
} from '../../api/calls.ts'
import { settle } from '../../api/client.ts'
import { PageTitle } from '../../components/PageTitle.tsx'
import { ProblemAlert } from '../../components/ProblemAlert.tsx'
import { AsyncBoundary, Success } from '../../components/States.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { type TKey, t } from '../../i18n/index.ts'
import { formatDate, formatDateTime, formatEuroCents } from '../../lib/format.ts'
import { useSession } from '../../session/session.tsx'

const LAB_TYPES = ['kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose']

/**
 * One application: the applicant edits the draft (saved field by field) and submits it, then follows its
 * status; the Comune decides admissibility; an assigned evaluator scores it.
 */
export default function ApplicationPage() {
  const params = useParams<{ id: string }>()
  const session = useSession()
  const [version, setVersion] = createSignal(0)
  const app = createAsync(() => {
    version()
    return getApplication(params.id)
  })
  const call = createAsync(async () => {
    const a = app()
    return a ? getCall(a.callId) : undefined
  })
  const reload = () => setVersion((v) => v + 1)
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
                onChange={reload}
                onSubmitted={(n) => {
                  setProtocol(n)
                  reload()
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
                    <A href={`/bookings?team=${award().teamId}`}>{t('calls.app.team')}</A>
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

/** The draft: every field saves on change; the submit answers with the protocol number. */
function DraftForm(props: { app: Application; call: Call; onChange: () => void; onSubmitted: (protocolNumber: number) => void }) {
  const [state, setState] = createSignal<'idle' | 'saving' | 'saved'>('idle')
  const [problem, setProblem] = createSignal<unknown>()
  const [pending, setPending] = createSignal(false)
  const [kind, setKind] = createSignal(props.call.requiredDocuments[0] ?? 'project')

  async function save(body: Partial<Application>) {
    setState('saving')
    setProblem(undefined)
    try {
      await patchApplication(props.app.id, body)
      setState('saved')
    } catch (err) {
      setProblem(err)
      setState('idle')
    }
  }
  async function upload(e: Event) {
    const input = e.currentTarget as HTMLInputElement
    const file = input.files?.[0]
    if (!file) return
    setProblem(undefined)
    try {
      await uploadAttachment(props.app.id, kind(), file)
      input.value = ''
      props.onChange()
    } catch (err) {
      setProblem(err)
    }
  }
  async function submit(e: SubmitEvent) {
    e.preventDefault()
    setPending(true)
    setProblem(undefined)
    try {
      const r = await submitApplication(props.app.id)
      props.onSubmitted(r.protocolNumber)
    } catch (err) {
      setProblem(err)
    } finally {
      setPending(false)
    }
  }
  const euros = (cents: number) => String(cents / 100)
  const cents = (value: string) => Math.round(Number(value.replace(',', '.')) * 100) || 0
  const need = () => props.app.labNeeds[0] ?? { labType: 'multipurpose', hoursPerWeek: 2, weeks: 10 }
  return (
    <form onSubmit={submit} class="mb-4" aria-describedby="draft-lead">
      <p id="draft-lead">{t('calls.app.draftLead')}</p>
      <p class="small text-muted" role="status" aria-live="polite">
        {state() === 'saving' ? t('calls.app.saving') : state() === 'saved' ? t('calls.app.saved') : ''}
      </p>
      <Show when={problem()}>
        <ProblemAlert problem={problem()} />
      </Show>
      <div class="row g-3">
        <div class="col-12">
          <label class="form-label" for="f-title">
            {t('calls.app.fields.title')}
          </label>
          <input
            id="f-title"
            class="form-control"
            value={props.app.title}
            maxLength={200}
            onChange={(e) => save({ title: e.currentTarget.value })}
          />
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="f-org">
            {t('calls.app.fields.organisationName')}
          </label>
          <input
            id="f-org"
            class="form-control"
            value={props.app.organisationName}
            maxLength={200}
            onChange={(e) => save({ organisationName: e.currentTarget.value })}
          />
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="f-type">
            {t('calls.app.fields.applicantType')}
          </label>
          <select
            id="f-type"
            class="form-select"
            onChange={(e) => save({ applicantType: e.currentTarget.value as Application['applicantType'] })}
          >
            <For each={props.call.applicantTypes}>
              {(a) => (
                <option value={a} selected={a === props.app.applicantType}>
                  {t(`calls.legal.${a}`)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="f-tax">
            {t('calls.app.fields.taxCode')}
          </label>
          <input
            id="f-tax"
            class="form-control"
            value={props.app.taxCode ?? ''}
            onChange={(e) => save({ taxCode: e.currentTarget.value.trim() || null })}
          />
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="f-promoters">
            {t('calls.app.fields.promoters')}
          </label>
          <textarea
            id="f-promoters"
            class="form-control"
            rows={3}
            value={props.app.promoters.map((p) => p.name).join('\n')}
            onChange={(e) =>
              save({
                promoters: e.currentTarget.value
                  .split('\n')
                  .map((n) => n.trim())
                  .filter(Boolean)
                  .map((name) => ({ name })),
              })
            }
          />
        </div>
        <div class="col-12">
          <div class="form-check">
            <input
              id="f-commit"
              type="checkbox"
              class="form-check-input"
              checked={props.app.commitToIncorporate}
              onChange={(e) => save({ commitToIncorporate: e.currentTarget.checked })}
            />
            <label class="form-check-label" for="f-commit">
              {t('calls.app.fields.commit')}
            </label>
          </div>
        </div>
        <div class="col-12">
          <label class="form-label" for="f-summary">
            {t('calls.app.fields.summary')}
          </label>
          <textarea
            id="f-summary"
            class="form-control"
            rows={4}
            maxLength={5000}
            value={props.app.summary}
            onChange={(e) => save({ summary: e.currentTarget.value })}
          />
        </div>
        <div class="col-12">
          <label class="form-label" for="f-activities">
            {t('calls.app.fields.activities')}
          </label>
          <textarea
            id="f-activities"
            class="form-control"
            rows={4}
            value={props.app.activities}
            onChange={(e) => save({ activities: e.currentTarget.value })}
          />
        </div>
        <div class="col-12 col-md-4">
          <label class="form-label" for="f-lab">
            {t('calls.app.fields.labType')}
          </label>
          <select id="f-lab" class="form-select" onChange={(e) => save({ labNeeds: [{ ...need(), labType: e.currentTarget.value }] })}>
            <For each={LAB_TYPES}>
              {(l) => (
                <option value={l} selected={l === need().labType}>
                  {t(`labType.${l}` as TKey)}
                </option>
              )}
            </For>
          </select>
        </div>
        <div class="col-6 col-md-4">
          <label class="form-label" for="f-hours">
            {t('calls.app.fields.hoursPerWeek')}
          </label>
          <input
            id="f-hours"
            type="number"
            min="0.5"
            step="0.5"
            class="form-control"
            value={need().hoursPerWeek}
            onChange={(e) => save({ labNeeds: [{ ...need(), hoursPerWeek: Number(e.currentTarget.value) }] })}
          />
        </div>
        <div class="col-6 col-md-4">
          <label class="form-label" for="f-weeks">
            {t('calls.app.fields.weeks')}
          </label>
          <input
            id="f-weeks"
            type="number"
            min="1"
            class="form-control"
            value={need().weeks}
            onChange={(e) => save({ labNeeds: [{ ...need(), weeks: Number(e.currentTarget.value) }] })}
          />
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="f-funding">
            {t('calls.app.fields.funding')}
          </label>
          <input
            id="f-funding"
            inputMode="decimal"
            class="form-control"
            value={euros(props.app.requestedFundingCents)}
            onChange={(e) => save({ requestedFundingCents: cents(e.currentTarget.value) })}
          />
        </div>
        <div class="col-12 col-md-6">
          <label class="form-label" for="f-crowd">
            {t('calls.app.fields.crowdfunding')}
          </label>
          <input
            id="f-crowd"
            inputMode="decimal"
            class="form-control"
            value={euros(props.app.crowdfundingGoalCents)}
            onChange={(e) => save({ crowdfundingGoalCents: cents(e.currentTarget.value) })}
          />
        </div>
      </div>
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
          <div class="col-12 col-md-4">
            <label class="form-label" for="f-kind">
              {t('calls.app.kind')}
            </label>
            <input id="f-kind" class="form-control" value={kind()} onInput={(e) => setKind(e.currentTarget.value)} />
          </div>
          <div class="col-12 col-md-8">
            <label class="form-label" for="f-file">
              {t('calls.app.upload')}
            </label>
            <input id="f-file" type="file" accept="application/pdf" class="form-control" onChange={upload} />
          </div>
        </div>
      </fieldset>
      <div class="mt-4">
        <SubmitButton pending={pending()} label={t('calls.app.submit')} />
      </div>
    </form>
  )
}

function AdmissibilityPanel(props: { app: Application; onChange: () => void }) {
  const checks = createAsync(() => settle(getAdmissibility(props.app.id)))
  const [reason, setReason] = createSignal('')
  const [problem, setProblem] = createSignal<unknown>()
  async function decide(admissible: boolean) {
    setProblem(undefined)
    try {
      await putAdmissibility(props.app.id, admissible ? { admissible } : { admissible, reason: reason() })
      props.onChange()
    } catch (err) {
      setProblem(err)
    }
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
        <Show when={problem()}>
          <ProblemAlert problem={problem()} />
        </Show>
        <label class="form-label" for="exclude-reason">
          {t('calls.evaluation.excludeReason')}
        </label>
        <input id="exclude-reason" class="form-control mb-2" value={reason()} onInput={(e) => setReason(e.currentTarget.value)} />
        <div class="d-flex gap-2">
          <button type="button" class="btn btn-success" onClick={() => decide(true)}>
            {t('calls.evaluation.admit')}
          </button>
          <button type="button" class="btn btn-outline-danger" onClick={() => decide(false)}>
            {t('calls.evaluation.exclude')}
          </button>
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
  const [problem, setProblem] = createSignal<unknown>()
  const [saved, setSaved] = createSignal(false)
  const [pending, setPending] = createSignal(false)
  const current = () => conflict() ?? mine()?.conflictOfInterest ?? false
  const scoreOf = (id: string): number | undefined => scores()[id] ?? mine()?.scores.find((s) => s.criterionId === id)?.score
  async function save(e: SubmitEvent) {
    e.preventDefault()
    setPending(true)
    setProblem(undefined)
    setSaved(false)
    try {
      const list = current()
        ? []
        : props.call.criteria.filter((c) => scoreOf(c.id) !== undefined).map((c) => ({ criterionId: c.id, score: Number(scoreOf(c.id)) }))
      await putScores(props.app.id, { conflictOfInterest: current(), comment: comment() ?? mine()?.comment ?? undefined, scores: list })
      setSaved(true)
    } catch (err) {
      setProblem(err)
    } finally {
      setPending(false)
    }
  }
  return (
    <form class="card mb-4" onSubmit={save}>
      <div class="card-body">
        <h2 class="h4">{t('calls.evaluation.title')}</h2>
        <fieldset class="mb-3">
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
              <div class="mb-2">
                <label class="form-label" for={`score-${c.id}`}>
                  {c.name} ({t('calls.evaluation.outOf', { max: c.maxScore })})
                </label>
                <input
                  id={`score-${c.id}`}
                  type="number"
                  min="0"
                  max={c.maxScore}
                  step="0.5"
                  class="form-control"
                  value={scoreOf(c.id) ?? ''}
                  onInput={(e) => setScores({ ...scores(), [c.id]: Number(e.currentTarget.value) })}
                />
              </div>
            )}
          </For>
        </Show>
        <label class="form-label" for="eval-comment">
          {t('calls.evaluation.comment')}
        </label>
        <textarea
          id="eval-comment"
          class="form-control mb-3"
          rows={3}
          value={comment() ?? mine()?.comment ?? ''}
          onInput={(e) => setComment(e.currentTarget.value)}
        />
        <Show when={problem()}>
          <ProblemAlert problem={problem()} />
        </Show>
        <Show when={saved()}>
          <Success>{t('calls.evaluation.saved')}</Success>
        </Show>
        <SubmitButton pending={pending()} label={t('calls.evaluation.save')} />
      </div>
    </form>
  )
}
