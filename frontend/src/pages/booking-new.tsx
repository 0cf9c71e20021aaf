import { A } from '@solidjs/router'
import { For, Show } from 'solid-js'
import type { BookingResult } from '../api/types.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { AsyncBoundary, Empty, Loading } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { useSession } from '../session/session.tsx'
import { EquipmentPicker } from './booking-new/equipment-picker.tsx'
import { LabField, ParticipantsField, TeamField, TitleField, WhenFields } from './booking-new/fields.tsx'
import { type BookingFormStore, createBookingFormStore } from './booking-new/form-store.ts'
import { createPreview, PreviewPanel } from './booking-new/preview.tsx'
import { RecurrenceFields } from './booking-new/recurrence-fields.tsx'
import { createSubmit, type Submission } from './booking-new/submit.ts'
import { BookingSuccess } from './booking-new/success.tsx'

export default function BookingNewPage() {
  const session = useSession()
  return (
    <>
      <PageTitle lead={t('form.intro')}>{t('form.title')}</PageTitle>
      <Show when={!session.user.loading} fallback={<Loading />}>
        <Show
          when={session.user()}
          fallback={
            <Empty action={<A href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('nav.login')}</A>}>
              {t('form.signInFirst')}
            </Empty>
          }
        >
          <AsyncBoundary>
            <BookingForm />
          </AsyncBoundary>
        </Show>
      </Show>
    </>
  )
}

/** The booking form: one store for its fields (form-store.ts), the live preview beside it, the submission. */
function BookingForm() {
  const store = createBookingFormStore()
  const { form, setForm } = store
  const preview = createPreview(store.request)
  const sub = createSubmit(store, preview.refresh)

  const fieldLabels = () => ({
    labId: t('form.lab'),
    teamId: t('form.team'),
    title: t('form.activity'),
    start: t('form.startTime'),
    end: t('form.endTime'),
    'recurrence.rrule': t('form.recurrence'),
    expectedParticipants: t('form.participants'),
    equipment: t('form.equipment'),
  })

  return (
    <Show when={!sub.result()} fallback={<BookingSuccess result={sub.result() as BookingResult} onAnother={sub.reset} />}>
      <form class="sc-form" onSubmit={sub.submit} novalidate>
        <div class="row g-4">
          <div class="col-12 col-lg-7">
            <LabField store={store} />
            <TeamField store={store} />
            <TitleField store={store} />
            <WhenFields store={store} />
            <ParticipantsField store={store} />
            <RecurrenceFields store={store} />
            <Show when={form.labId}>
              <EquipmentPicker labId={form.labId} value={form.equipment} onChange={(v) => setForm('equipment', v)} />
            </Show>
            <div class="form-check mb-3">
              <input
                id="b-skip"
                type="checkbox"
                class="form-check-input"
                checked={form.skipConflicts}
                onChange={(e) => setForm('skipConflicts', e.currentTarget.checked)}
              />
              <label for="b-skip" class="form-check-label">
                {t('form.skipConflicts')}
              </label>
            </div>
            <SubmitArea store={store} sub={sub} fields={fieldLabels()} />
          </div>
          <div class="col-12 col-lg-5">
            <PreviewPanel preview={preview} request={store.request()} fields={fieldLabels()} />
          </div>
        </div>
      </form>
    </Show>
  )
}

function SubmitArea(props: { store: BookingFormStore; sub: Submission; fields: Record<string, string> }) {
  return (
    <>
      <div id="form-problems" tabindex="-1" aria-live="polite">
        <Show when={props.sub.showLocal() && props.store.localProblems().length > 0}>
          <div class="alert alert-warning" role="alert">
            <ul class="mb-0">
              <For each={props.store.localProblems()}>{(p) => <li>{p}</li>}</For>
            </ul>
          </div>
        </Show>
      </div>
      <div id="submit-problem" tabindex="-1">
        <Show when={props.sub.problem()}>
          <ProblemAlert problem={props.sub.problem()} fields={props.fields} />
        </Show>
      </div>
      <button type="submit" class="btn btn-primary btn-lg" disabled={props.sub.submitting()} aria-busy={props.sub.submitting()}>
        {props.sub.submitting() ? t('form.submitting') : t('form.submit')}
      </button>
      <Show when={props.sub.submitting()}>
        <span class="visually-hidden" role="status">
          {t('form.submitting')}
        </span>
      </Show>
    </>
  )
}
