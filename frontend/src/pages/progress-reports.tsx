import { createAsync, createAsyncStore, revalidate, useSearchParams } from '@solidjs/router'
import { createMemo, createSignal, For, Match, Show, Switch } from 'solid-js'
import { api } from '../api/client.ts'
import {
  EVIDENCE_MAX_BYTES,
  evidenceUrl,
  getCategories,
  getReviewQueue,
  getTeamIndicators,
  getTeamReports,
  type ProgressReport,
  uploadEvidence,
} from '../api/outcomes.ts'
import { DateField } from '../components/DateTimeInput.tsx'
import { FileInput } from '../components/FileInput.tsx'
import { Field, OperationStatus, SelectField, StaffGate, TableBox, TextArea } from '../components/kit.tsx'
import { createOperation } from '../components/operation.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary, Empty } from '../components/States.tsx'
import { locale, t } from '../i18n/index.ts'
import { cardTable } from '../lib/card-table.ts'
import { addDays, addMonths, formatDate, formatNumber, today } from '../lib/format.ts'
import { isStaff, useSession } from '../session/session.tsx'

/** The quarter before the one containing `day`: the period a team reports on now, half-open. */
export function lastQuarter(day: string): { from: string; to: string } {
  const month = Number(day.slice(5, 7))
  const startOfQuarter = `${day.slice(0, 4)}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`
  return { from: addMonths(startOfQuarter, -3), to: startOfQuarter }
}

const period = (r: { from: string; to: string }) => `${formatDate(r.from)} – ${formatDate(addDays(r.to, -1))}`

/** /progress-reports: a team's quarterly report form and history; the reviewer's queue for staff. */
export default function ProgressReportsPage() {
  const session = useSession()
  return (
    <>
      <PageTitle lead={t('outcomes.reports.lead')}>{t('outcomes.reports.title')}</PageTitle>
      <StaffGate roles={['member', 'admin', 'operator']}>
        <AsyncBoundary>
          <Switch>
            <Match when={isStaff(session.user())}>
              <ReviewQueue />
            </Match>
            <Match when={true}>
              <TeamReports />
            </Match>
          </Switch>
        </AsyncBoundary>
      </StaffGate>
    </>
  )
}

function TeamReports() {
  const session = useSession()
  const [params, setParams] = useSearchParams<{ team?: string }>()
  const teams = () => session.user()?.teams ?? []
  const teamId = createMemo(() => (teams().some((x) => x.id === params.team) ? params.team! : teams()[0]?.id))
  return (
    <Show when={teamId()} fallback={<Empty>{t('outcomes.reports.noTeam')}</Empty>}>
      {(id) => (
        <>
          <Show when={teams().length > 1}>
            <SelectField
              id="report-team"
              label={t('outcomes.reports.team')}
              value={id()}
              onChange={(v) => setParams({ team: v })}
              options={teams().map((x) => ({ value: x.id, label: x.name }))}
            />
          </Show>
          <TeamIndicators teamId={id()} />
          <ReportForm teamId={id()} />
          <History teamId={id()} />
        </>
      )}
    </Show>
  )
}

function TeamIndicators(props: { teamId: string }) {
  const indicators = createAsync(() => getTeamIndicators(props.teamId))
  return (
    <section aria-labelledby="indicators-heading" class="mb-4">
      <h2 id="indicators-heading" class="h4">
        {t('outcomes.reports.indicators')}
      </h2>
      <Show when={(indicators() ?? []).length > 0} fallback={<p>{t('outcomes.reports.noIndicators')}</p>}>
        <TableBox label={t('outcomes.reports.indicators')}>
          <table ref={cardTable} class="table table-sm">
            <thead>
              <tr>
                <th scope="col">{t('outcomes.reports.indicator')}</th>
                <th scope="col" class="text-end">
                  {t('outcomes.reports.baseline')}
                </th>
                <th scope="col" class="text-end">
                  {t('outcomes.reports.target')}
                </th>
                <th scope="col" class="text-end">
                  {t('outcomes.reports.value')}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={indicators()}>
                {(i) => (
                  <tr>
                    <th scope="row">
                      {i.name}{' '}
                      <span class="text-muted small">
                        ({i.unit}, {i.source === 'computed' ? t('outcomes.reports.computed') : t('outcomes.reports.reported')})
                      </span>
                    </th>
                    <td class="text-end">{i.baseline === null ? '—' : formatNumber(i.baseline, 2)}</td>
                    <td class="text-end">{i.target === null ? '—' : formatNumber(i.target, 2)}</td>
                    <td class="text-end">{formatNumber(i.value, 2)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableBox>
      </Show>
    </section>
  )
}

/** The new report's fields: the period (the last quarter), the indicators' values, the people by category, the files. */
function createReportDraft() {
  const quarter = lastQuarter(today())
  const [from, setFrom] = createSignal(quarter.from)
  const [to, setTo] = createSignal(quarter.to)
  const [narrative, setNarrative] = createSignal('')
  const [values, setValues] = createSignal<Record<string, string>>({})
  const [people, setPeople] = createSignal<Record<string, string>>({})
  const [files, setFiles] = createSignal<File[]>([])
  const numbers = (r: Record<string, string>) => Object.entries(r).filter(([, v]) => v.trim() !== '')
  return {
    from,
    setFrom,
    to,
    setTo,
    narrative,
    setNarrative,
    values,
    setValue: (id: string, v: string) => setValues({ ...values(), [id]: v }),
    people,
    setPeople: (key: string, v: string) => setPeople({ ...people(), [key]: v }),
    files,
    setFiles,
    body: () => ({
      from: from(),
      to: to(),
      narrative: narrative(),
      values: numbers(values()).map(([indicatorId, v]) => ({ indicatorId, value: Number(v.replace(',', '.')) })),
      participantsByCategory: Object.fromEntries(numbers(people()).map(([k, v]) => [k, Number(v)])),
    }),
    /** After sending: the period stays, the rest empties. */
    clear() {
      setNarrative('')
      setValues({})
      setPeople({})
      setFiles([])
    },
  }
}
type ReportDraft = ReturnType<typeof createReportDraft>

function ReportForm(props: { teamId: string }) {
  const indicators = createAsync(() => getTeamIndicators(props.teamId))
  const draft = createReportDraft()
  let clearFiles: (() => void) | undefined
  const op = createOperation()
  const reported = () => (indicators() ?? []).filter((i) => i.source === 'reported')
  const submit = async (e: SubmitEvent) => {
    e.preventDefault()
    const ok = await op.run(async () => {
      // a file the server would refuse for its size is named before the report is sent
      const tooLarge = draft.files().find((f) => f.size > EVIDENCE_MAX_BYTES)
      if (tooLarge) throw new Error(t('outcomes.reports.evidenceTooLarge', { name: tooLarge.name }))
      const report = await api.post<{ id: string }>(`/teams/${props.teamId}/progress-reports`, draft.body())
      // the report is in; a refused file is named, and can be added again from the list below
      try {
        for (const file of draft.files()) await uploadEvidence(report.id, file)
      } finally {
        await revalidate([getTeamReports.key])
      }
    }, t('outcomes.reports.submitted'))
    if (ok) {
      draft.clear()
      clearFiles?.()
      await revalidate([getTeamReports.key, getTeamIndicators.key])
    }
  }
  return (
    <section aria-labelledby="new-report-heading" class="mb-4">
      <h2 id="new-report-heading" class="h4">
        {t('outcomes.reports.newReport')}
      </h2>
      <form onSubmit={submit} class="sc-form">
        <div class="row">
          <DateField
            id="report-from"
            class="col-sm-6"
            label={t('outcomes.reports.from')}
            value={draft.from()}
            onValue={draft.setFrom}
            required
          />
          <DateField id="report-to" class="col-sm-6" label={t('outcomes.reports.to')} value={draft.to()} onValue={draft.setTo} required />
        </div>
        <For each={reported()}>
          {(i) => (
            <Field
              id={`value-${i.id}`}
              type="number"
              min={0}
              step="any"
              inputmode="decimal"
              label={`${i.name} (${i.unit})`}
              value={draft.values()[i.id] ?? ''}
              onInput={(v) => draft.setValue(i.id, v)}
            />
          )}
        </For>
        <ParticipantsFields draft={draft} />
        <TextArea
          id="report-narrative"
          label={t('outcomes.reports.narrative')}
          value={draft.narrative()}
          onInput={draft.setNarrative}
          required
          maxLength={5000}
        />
        <EvidenceInput reset={(clear) => (clearFiles = clear)} onFiles={draft.setFiles} />
        <button type="submit" class="btn btn-primary mt-2" disabled={op.pending()}>
          {t('outcomes.reports.submit')}
        </button>
        <OperationStatus
          op={op}
          fields={{ from: t('outcomes.reports.from'), to: t('outcomes.reports.to'), narrative: t('outcomes.reports.narrative') }}
        />
      </form>
    </section>
  )
}

/** How many people took part, by category (the Comune's dictionary). */
function ParticipantsFields(props: { draft: ReportDraft }) {
  const categories = createAsync(() => getCategories())
  return (
    <fieldset class="mb-3">
      <legend class="h6">{t('outcomes.reports.participants')}</legend>
      <div class="row">
        <For each={categories()}>
          {(c) => (
            <Field
              id={`people-${c.key}`}
              class="col-sm-6 col-lg-4"
              type="number"
              min={0}
              step={1}
              inputmode="numeric"
              label={locale() === 'en' ? c.labelEn : c.labelIt}
              value={props.draft.people()[c.key] ?? ''}
              onInput={(v) => props.draft.setPeople(c.key, v)}
            />
          )}
        </For>
      </div>
    </fieldset>
  )
}

/** The evidence: PDFs and pictures, sent after the report. */
function EvidenceInput(props: { reset: (clear: () => void) => void; onFiles: (files: File[]) => void }) {
  return (
    <div class="sc-field mt-3">
      <FileInput
        id="report-evidence"
        label={t('outcomes.reports.evidence')}
        multiple
        accept="application/pdf,image/jpeg,image/png"
        describedBy="report-evidence-hint"
        reset={props.reset}
        onFiles={(files) => {
          props.onFiles(files)
          return false
        }}
      />
      <p id="report-evidence-hint" class="form-text">
        {t('outcomes.reports.evidenceHint')}
      </p>
    </div>
  )
}

function statusBadge(r: ProgressReport) {
  const cls = { submitted: 'bg-warning text-dark', accepted: 'bg-success', returned: 'bg-danger' }[r.status]
  return <span class={`badge ${cls}`}>{t(`outcomes.reports.status_${r.status}`)}</span>
}

function History(props: { teamId: string }) {
  // a store reconciled by id: read again after a change, each report keeps its card (its evidence field, its
  // messages, the focus) instead of a new one in its place
  const reports = createAsyncStore(() => getTeamReports(props.teamId))
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading" class="h4">
        {t('outcomes.reports.history')}
      </h2>
      <Show when={(reports() ?? []).length > 0} fallback={<p>{t('outcomes.reports.noReports')}</p>}>
        <ul class="list-unstyled">
          <For each={reports()}>
            {(r) => (
              <li class="card card-body mb-2 shadow-sm">
                <p class="mb-1">
                  <strong>{period(r)}</strong> {statusBadge(r)}
                </p>
                <p class="mb-1">{r.narrative}</p>
                <EvidenceList report={r} editable={r.status === 'submitted'} />
                <Show when={r.reviewComment}>
                  <p class="mb-0">
                    <strong>{t('outcomes.reports.comment')}:</strong> {r.reviewComment}
                  </p>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}

function ReviewQueue() {
  // reconciled by id: when one report is decided and leaves, the others keep their cards (a comment being written)
  const queue = createAsyncStore(() => getReviewQueue())
  // the decision's message is the queue's: the decided report leaves the list, and its own status with it
  const decided = createOperation()
  return (
    <section aria-labelledby="queue-heading">
      <h2 id="queue-heading" class="h4">
        {t('outcomes.reports.queue')}
      </h2>
      <OperationStatus op={decided} />
      <Show when={(queue() ?? []).length > 0} fallback={<Empty>{t('outcomes.reports.queueEmpty')}</Empty>}>
        <ul class="list-unstyled">
          <For each={queue()}>{(r) => <QueueItem report={r} onDecided={(message) => decided.setDone(message)} />}</For>
        </ul>
      </Show>
    </section>
  )
}

function QueueItem(props: { report: ProgressReport; onDecided: (message: string) => void }) {
  const op = createOperation()
  const [comment, setComment] = createSignal('')
  const [sendingBack, setSendingBack] = createSignal(false)
  const r = () => props.report
  const categories = createAsync(() => getCategories())
  const categoryLabel = (key: string) => {
    const c = (categories() ?? []).find((x) => x.key === key)
    return c ? (locale() === 'en' ? c.labelEn : c.labelIt) : key
  }
  const decide = async (path: 'accept' | 'return') => {
    const ok = await op.run(() => api.post(`/progress-reports/${r().id}/${path}`, path === 'return' ? { comment: comment() } : {}))
    if (ok) {
      props.onDecided(t(path === 'accept' ? 'outcomes.reports.accepted' : 'outcomes.reports.returned'))
      await revalidate([getReviewQueue.key])
    }
  }
  return (
    <li class="card card-body mb-3 shadow-sm">
      <h3 class="h5 mb-1">{r().teamName}</h3>
      <p class="mb-1">
        {period(r())} {statusBadge(r())}
      </p>
      <p>{r().narrative}</p>
      <Show when={Object.keys(r().participantsByCategory ?? {}).length > 0}>
        <p class="small">
          {Object.entries(r().participantsByCategory ?? {})
            .map(([k, v]) => `${categoryLabel(k)}: ${v}`)
            .join(' · ')}
        </p>
      </Show>
      <EvidenceList report={r()} />
      <div class="d-flex flex-wrap gap-2">
        <button type="button" class="btn btn-success btn-sm" disabled={op.pending()} onClick={() => decide('accept')}>
          {t('outcomes.reports.accept')}
        </button>
        <button type="button" class="btn btn-outline-danger btn-sm" disabled={op.pending()} onClick={() => setSendingBack(!sendingBack())}>
          {t('outcomes.reports.sendBack')}
        </button>
      </div>
      <Show when={sendingBack()}>
        <form
          class="mt-2"
          onSubmit={(e) => {
            e.preventDefault()
            void decide('return')
          }}
        >
          <TextArea
            id={`comment-${r().id}`}
            label={t('outcomes.reports.returnComment')}
            value={comment()}
            onInput={setComment}
            required
            maxLength={2000}
          />
          <button type="submit" class="btn btn-danger btn-sm mt-1" disabled={op.pending()}>
            {t('outcomes.reports.sendBack')}
          </button>
        </form>
      </Show>
      <OperationStatus op={op} fields={{ comment: t('outcomes.reports.returnComment') }} />
    </li>
  )
}

const fileSize = (bytes: number) =>
  bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${formatNumber(bytes / 1024, 0)} KiB` : `${formatNumber(bytes / 1024 / 1024, 1)} MiB`

/** A report's evidence as download links; its team adds and removes files while the report awaits review. */
function EvidenceList(props: { report: ProgressReport; editable?: boolean }) {
  const op = createOperation()
  const refresh = () => revalidate([getTeamReports.key, getReviewQueue.key])
  const add = (chosen: File[]) =>
    op.run(async () => {
      const tooLarge = chosen.find((f) => f.size > EVIDENCE_MAX_BYTES)
      if (tooLarge) throw new Error(t('outcomes.reports.evidenceTooLarge', { name: tooLarge.name }))
      try {
        for (const file of chosen) await uploadEvidence(props.report.id, file)
      } finally {
        await refresh()
      }
    }, t('outcomes.reports.evidenceAdded'))
  const remove = async (id: string) => {
    if (await op.run(() => api.delete(`/progress-reports/${props.report.id}/evidence/${id}`), t('outcomes.reports.evidenceRemoved')))
      await refresh()
  }
  return (
    <div class="mb-2">
      <h4 class="h6 mb-1">{t('outcomes.reports.evidence')}</h4>
      <Show when={props.report.evidence.length > 0} fallback={<p class="small text-muted mb-1">{t('outcomes.reports.evidenceNone')}</p>}>
        <ul class="mb-1">
          <For each={props.report.evidence}>
            {(f) => (
              <li>
                <a href={evidenceUrl(props.report.id, f.id)} download={f.filename}>
                  {f.filename}
                </a>{' '}
                <span class="small text-muted">
                  ({f.contentType === 'application/pdf' ? 'PDF' : f.contentType === 'image/png' ? 'PNG' : 'JPEG'}, {fileSize(f.sizeBytes)})
                </span>
                <Show when={props.editable}>
                  {' '}
                  <button
                    type="button"
                    class="btn btn-link btn-sm p-0 align-baseline"
                    disabled={op.pending()}
                    onClick={() => remove(f.id)}
                    aria-label={t('outcomes.reports.evidenceRemove', { name: f.filename })}
                  >
                    {t('outcomes.reports.evidenceRemoveShort')}
                  </button>
                </Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.editable && props.report.evidence.length < 10}>
        <FileInput
          id={`evidence-${props.report.id}`}
          label={t('outcomes.reports.evidenceAdd')}
          multiple
          accept="application/pdf,image/jpeg,image/png"
          disabled={op.pending()}
          onFiles={add}
        />
      </Show>
      <OperationStatus op={op} />
    </div>
  )
}
