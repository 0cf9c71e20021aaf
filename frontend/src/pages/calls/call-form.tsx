/** The call's form: drafts a call or edits one, every field of the call, the criteria as rows. */
import { createAsync, useNavigate } from '@solidjs/router'
import { createSignal, For, Index, Show } from 'solid-js'
import { type CallInput, type CallWithEvaluators, createCall, type LegalStatus, patchCall } from '../../api/calls.ts'
import { getAreas } from '../../api/catalogue.ts'
import { DateTimeField } from '../../components/DateTimeInput.tsx'
import { CheckField, Field, OperationStatus, TextArea } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { t } from '../../i18n/index.ts'
import { floating } from '../../lib/format.ts'

export const LEGAL: LegalStatus[] = ['informal', 'association', 'cooperative', 'social_enterprise', 'other']
export const euros = (cents: number) => String(cents / 100)
export const cents = (value: string) => Math.round(Number(value.replace(/\./g, '').replace(',', '.')) * 100) || 0

type CriterionRow = NonNullable<CallInput['criteria']>[number]

const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((x) => x !== value))

/** The form's values, from the call being edited (or a new call's defaults), and the body they make. */
function createCallDraft(c?: CallWithEvaluators) {
  const [title, setTitle] = createSignal(c?.title ?? '')
  const [description, setDescription] = createSignal(c?.description ?? '')
  const [opensAt, setOpensAt] = createSignal(c ? floating(c.opensAt).slice(0, 16) : '')
  const [closesAt, setClosesAt] = createSignal(c ? floating(c.closesAt).slice(0, 16) : '')
  const [budget, setBudget] = createSignal(c ? euros(c.budgetCents) : '')
  const [maxFunding, setMaxFunding] = createSignal(c ? euros(c.maxFundingCents) : '')
  const [types, setTypes] = createSignal<LegalStatus[]>(c?.applicantTypes ?? ['informal', 'association'])
  const [areaIds, setAreaIds] = createSignal<string[]>(c?.areaIds ?? [])
  const [criteria, setCriteria] = createSignal<CriterionRow[]>(c?.criteria ?? [{ name: '', weight: 1, maxScore: 10 }])
  const [documents, setDocuments] = createSignal((c?.requiredDocuments ?? []).join(', '))
  const [days, setDays] = createSignal(String(c?.incorporationDays ?? 90))
  return {
    title,
    setTitle,
    description,
    setDescription,
    opensAt,
    setOpensAt,
    closesAt,
    setClosesAt,
    budget,
    setBudget,
    maxFunding,
    setMaxFunding,
    types,
    toggleType: (l: LegalStatus, on: boolean) => setTypes(toggle(types(), l, on)),
    areaIds,
    toggleArea: (id: string, on: boolean) => setAreaIds(toggle(areaIds(), id, on)),
    criteria,
    changeCriterion: (i: number, patch: Partial<CriterionRow>) => setCriteria(criteria().map((r, j) => (j === i ? { ...r, ...patch } : r))),
    removeCriterion: (i: number) => setCriteria(criteria().filter((_, j) => j !== i)),
    addCriterion: () => setCriteria([...criteria(), { name: '', weight: 1, maxScore: 10 }]),
    documents,
    setDocuments,
    days,
    setDays,
    body: (): CallInput => ({
      title: title(),
      description: description(),
      opensAt: opensAt(),
      closesAt: closesAt(),
      budgetCents: cents(budget()),
      maxFundingCents: cents(maxFunding()),
      applicantTypes: types(),
      areaIds: areaIds(),
      criteria: criteria().filter((r) => r.name.trim()),
      requiredDocuments: documents()
        .split(/[,\n]/)
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
      incorporationDays: Number(days()) || 90,
    }),
  }
}
type CallDraft = ReturnType<typeof createCallDraft>

const callFields = () => ({
  title: t('calls.manage.fields.title'),
  description: t('calls.manage.fields.description'),
  opensAt: t('calls.manage.fields.opensAt'),
  closesAt: t('calls.manage.fields.closesAt'),
  budgetCents: t('calls.manage.fields.budget'),
  maxFundingCents: t('calls.manage.fields.maxFunding'),
  applicantTypes: t('calls.manage.fields.applicantTypes'),
  criteria: t('calls.manage.fields.criteria'),
  requiredDocuments: t('calls.manage.fields.documents'),
  incorporationDays: t('calls.manage.fields.incorporationDays'),
})

/** Drafts a call, or edits one: every field of the call, the criteria as rows. */
export function CallForm(props: { call?: CallWithEvaluators; onSaved?: () => void | Promise<void> }) {
  const navigate = useNavigate()
  const c = props.call
  const draft = createCallDraft(c)
  const op = createOperation()
  async function save(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      if (c) {
        await patchCall(c.id, draft.body())
        await props.onSaved?.()
      } else {
        const created = await createCall(draft.body())
        navigate(`/calls/${created.id}/manage`)
      }
    }, t('calls.manage.saved'))
  }
  return (
    <>
      <Show when={c?.status === 'draft' ? c : undefined}>{(draftCall) => <OpenCall call={draftCall()} onSaved={props.onSaved} />}</Show>
      <form onSubmit={save} class="mb-4">
        <CallBasics draft={draft} />
        <ApplicantsFields draft={draft} />
        <CriteriaFields draft={draft} />
        <div class="row g-3 mt-2">
          <Field
            class="col-12 col-md-8"
            id="c-documents"
            label={t('calls.manage.fields.documents')}
            help={t('calls.manage.documentsHelp')}
            value={draft.documents()}
            onInput={draft.setDocuments}
          />
          <Field
            class="col-12 col-md-4"
            id="c-days"
            type="number"
            min="1"
            max="730"
            label={t('calls.manage.fields.incorporationDays')}
            value={draft.days()}
            onInput={draft.setDays}
          />
        </div>
        <div class="mt-4">
          <OperationStatus op={op} fields={callFields()} />
          <SubmitButton pending={op.pending()} label={c ? t('calls.manage.save') : t('calls.manage.create')} />
        </div>
      </form>
    </>
  )
}

/** A draft call's note, with the button that opens it to applications. */
function OpenCall(props: { call: CallWithEvaluators; onSaved?: () => void | Promise<void> }) {
  const opener = createOperation()
  return (
    <>
      <div class="alert alert-info d-flex flex-wrap gap-2 align-items-center" role="note">
        <span>{t('calls.manage.draftNote')}</span>
        <button
          type="button"
          class="btn btn-success btn-sm"
          onClick={() =>
            opener.run(async () => {
              await patchCall(props.call.id, { status: 'open' })
              await props.onSaved?.()
            }, t('calls.manage.opened'))
          }
        >
          {t('calls.manage.open')}
        </button>
      </div>
      <OperationStatus op={opener} />
    </>
  )
}

/** Title, text, when applications open and close (Rome time), the budget and the most one project may get. */
function CallBasics(props: { draft: CallDraft }) {
  const d = props.draft
  return (
    <div class="row g-3">
      <Field
        class="col-12"
        id="c-title"
        label={t('calls.manage.fields.title')}
        required
        maxLength={200}
        value={d.title()}
        onInput={d.setTitle}
      />
      <TextArea
        class="col-12"
        id="c-description"
        rows={6}
        label={t('calls.manage.fields.description')}
        value={d.description()}
        onInput={d.setDescription}
      />
      <DateTimeField
        class="col-12 col-md-6"
        id="c-opens"
        required
        label={t('calls.manage.fields.opensAt')}
        timeLabel={t('calls.manage.opensAtTime')}
        help={t('calls.manage.romeTime')}
        value={d.opensAt()}
        onValue={d.setOpensAt}
      />
      <DateTimeField
        class="col-12 col-md-6"
        id="c-closes"
        required
        label={t('calls.manage.fields.closesAt')}
        timeLabel={t('calls.manage.closesAtTime')}
        help={t('calls.manage.romeTime')}
        value={d.closesAt()}
        onValue={d.setClosesAt}
      />
      <Field
        class="col-12 col-md-6"
        id="c-budget"
        inputmode="decimal"
        required
        label={t('calls.manage.fields.budget')}
        value={d.budget()}
        onInput={d.setBudget}
      />
      <Field
        class="col-12 col-md-6"
        id="c-max"
        inputmode="decimal"
        required
        label={t('calls.manage.fields.maxFunding')}
        value={d.maxFunding()}
        onInput={d.setMaxFunding}
      />
    </div>
  )
}

/** Who may apply (legal statuses) and the target neighbourhoods the call is for. */
function ApplicantsFields(props: { draft: CallDraft }) {
  const d = props.draft
  const areas = createAsync(() => getAreas())
  return (
    <>
      <fieldset class="mt-4">
        <legend class="h5">{t('calls.manage.fields.applicantTypes')}</legend>
        <div class="sc-choices">
          <For each={LEGAL}>
            {(l) => (
              <CheckField
                id={`c-type-${l}`}
                label={t(`calls.legal.${l}`)}
                checked={d.types().includes(l)}
                onChange={(on) => d.toggleType(l, on)}
              />
            )}
          </For>
        </div>
      </fieldset>
      <fieldset class="mt-4">
        <legend class="h5">{t('calls.manage.fields.areas')}</legend>
        <p class="small">{t('calls.manage.areasHelp')}</p>
        <div class="sc-choices">
          <For each={(areas() ?? []).filter((a) => a.isTarget || d.areaIds().includes(a.id))}>
            {(a) => (
              <CheckField
                id={`c-area-${a.id}`}
                label={a.nilId ? `${a.name} (NIL ${a.nilId})` : a.name}
                checked={d.areaIds().includes(a.id)}
                onChange={(on) => d.toggleArea(a.id, on)}
              />
            )}
          </For>
        </div>
      </fieldset>
    </>
  )
}

/** The evaluation criteria, one row each: name, weight, highest score, remove; and "add". */
function CriteriaFields(props: { draft: CallDraft }) {
  const d = props.draft
  return (
    <fieldset class="mt-4">
      <legend class="h5">{t('calls.manage.fields.criteria')}</legend>
      <p class="small">{t('calls.manage.criteriaHelp')}</p>
      <Index each={d.criteria()}>
        {(row, i) => (
          <div class="row g-2 align-items-end mb-2">
            <Field
              class="col-12 col-md-6"
              id={`c-crit-name-${i}`}
              label={t('calls.manage.criterion.name')}
              value={row().name}
              maxLength={200}
              onInput={(v) => d.changeCriterion(i, { name: v })}
            />
            <Field
              class="col-6 col-md-2"
              id={`c-crit-weight-${i}`}
              type="number"
              min="0.01"
              step="0.01"
              label={t('calls.manage.criterion.weight')}
              value={row().weight}
              onInput={(v) => d.changeCriterion(i, { weight: Number(v) })}
            />
            <Field
              class="col-6 col-md-2"
              id={`c-crit-max-${i}`}
              type="number"
              min="1"
              step="1"
              label={t('calls.manage.criterion.maxScore')}
              value={row().maxScore}
              onInput={(v) => d.changeCriterion(i, { maxScore: Number(v) })}
            />
            <div class="col-12 col-md-2">
              <button
                type="button"
                class="btn btn-outline-danger btn-sm"
                aria-label={t('calls.manage.criterion.removeNamed', { name: row().name || String(i + 1) })}
                onClick={() => d.removeCriterion(i)}
              >
                {t('calls.manage.criterion.remove')}
              </button>
            </div>
          </div>
        )}
      </Index>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => d.addCriterion()}>
        {t('calls.manage.criterion.add')}
      </button>
    </fieldset>
  )
}
