import { A, createAsync, useSearchParams } from '@solidjs/router'
import { batch, createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { createBooking, previewBooking } from '../api/bookings.ts'
import { getLabEquipmentTypes, getLabs } from '../api/catalogue.ts'
import type { BookingRequest, BookingResult, Lab } from '../api/types.ts'
import { InputField } from '../components/InputField.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { conflictReason, ProblemAlert } from '../components/ProblemAlert.tsx'
import { AsyncBoundary, Empty, Loading } from '../components/States.tsx'
import { type TKey, t } from '../i18n/index.ts'
import { addDays, formatDate, formatLongDate, formatRange, isDate, today, wall, weekdayName } from '../lib/format.ts'
import { buildRRule, firstOccurrenceDate, type RecurrenceChoice, recurrenceProblems } from '../lib/rrule-builder.ts'
import { isStaff, useSession } from '../session/session.tsx'

type RepeatKind = 'once' | 'weekly' | 'everyNWeeks' | 'monthly'

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

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`
}

function BookingForm() {
  const session = useSession()
  const [params] = useSearchParams<{ labId?: string; date?: string; start?: string; end?: string; days?: string; until?: string }>()
  const labs = createAsync(() => getLabs())
  const me = () => session.user() ?? null
  const staff = () => isStaff(me())
  const teams = () => me()?.teams ?? []

  const tomorrow = addDays(today(), 1)
  const [labId, setLabId] = createSignal(params.labId ?? '')
  const [teamId, setTeamId] = createSignal(teams().length === 1 || (!isStaff(me()) && teams().length > 0) ? teams()[0].id : '')
  const [title, setTitle] = createSignal('')
  const [date, setDate] = createSignal(params.date && isDate(params.date) ? params.date : tomorrow)
  const [startTime, setStartTime] = createSignal(params.start ?? '14:00')
  const [endTime, setEndTime] = createSignal(params.end ?? '17:00')
  const [participants, setParticipants] = createSignal('')
  // "Trova un laboratorio" links here with its weekly pattern (days=2,4&until=…).
  const linkedDays = (params.days ?? '')
    .split(',')
    .map(Number)
    .filter((d) => d >= 1 && d <= 7)
  const [repeat, setRepeat] = createSignal<RepeatKind>(linkedDays.length ? 'weekly' : 'once')
  const [interval, setInterval] = createSignal(2)
  const [days, setDays] = createSignal<number[]>(linkedDays)
  const [endKind, setEndKind] = createSignal<'count' | 'until'>(params.until && isDate(params.until) ? 'until' : 'count')
  const [count, setCount] = createSignal(10)
  const [until, setUntil] = createSignal(params.until && isDate(params.until) ? params.until : addDays(tomorrow, 90))
  const [equipment, setEquipment] = createSignal<Record<string, number>>({})
  const [skipConflicts, setSkipConflicts] = createSignal(false)

  const lab = createMemo(() => (labs() ?? []).find((l) => l.id === labId()))
  const labsByHub = createMemo(() => {
    const groups = new Map<string, { hub: string; labs: Lab[] }>()
    for (const l of labs() ?? []) {
      const key = l.hubId
      if (!groups.has(key)) groups.set(key, { hub: l.hub?.name ?? '', labs: [] })
      groups.get(key)?.labs.push(l)
    }
    return [...groups.values()]
      .sort((a, b) => a.hub.localeCompare(b.hub))
      .map((g) => ({ ...g, labs: g.labs.sort((a, b) => a.name.localeCompare(b.name)) }))
  })

  // Choosing weekly repetition starts from the weekday of the chosen date.
  createEffect(
    on(repeat, (r) => {
      if ((r === 'weekly' || r === 'everyNWeeks') && days().length === 0 && isDate(date())) {
        setDays([new Date(`${date()}T00:00:00Z`).getUTCDay() || 7])
      }
    }),
  )
  // A new lab has other equipment.
  createEffect(on(labId, () => setEquipment({}), { defer: true }))

  const choice = createMemo((): RecurrenceChoice => {
    const end = endKind() === 'count' ? { kind: 'count' as const, count: count() } : { kind: 'until' as const, until: until() }
    switch (repeat()) {
      case 'weekly':
        return { kind: 'weekly', interval: 1, days: days(), end }
      case 'everyNWeeks':
        return { kind: 'weekly', interval: interval(), days: days(), end }
      case 'monthly':
        return { kind: 'monthly', end }
      default:
        return { kind: 'once' }
    }
  })
  const rrule = createMemo(() => buildRRule(choice()))
  const firstDate = createMemo(() => firstOccurrenceDate(choice(), date()))

  /** Problems the form can tell before asking the server. */
  const localProblems = createMemo(() => {
    const list: string[] = []
    const missing: string[] = []
    if (!labId()) missing.push(t('form.lab'))
    if (!title().trim()) missing.push(t('form.activity'))
    if (!isDate(date())) missing.push(t('form.date'))
    if (!startTime()) missing.push(t('form.startTime'))
    if (!endTime()) missing.push(t('form.endTime'))
    if (!staff() && !teamId()) missing.push(t('form.team'))
    if (missing.length) list.push(t('form.missing', { fields: missing.join(', ') }))
    if (startTime() && endTime() && endTime() <= startTime()) list.push(t('form.endBeforeStart'))
    for (const p of recurrenceProblems(choice(), date())) list.push(t(`form.problem_${p}` as TKey))
    return list
  })

  const request = createMemo((): BookingRequest | null => {
    if (!labId() || !isDate(date()) || !startTime() || !endTime() || endTime() <= startTime()) return null
    if (recurrenceProblems(choice(), date()).length) return null
    const d = firstDate()
    const body: BookingRequest = {
      labId: labId(),
      title: title().trim() || t('form.title'),
      start: `${d}T${startTime()}`,
      end: `${d}T${endTime()}`,
    }
    if (teamId()) body.teamId = teamId()
    const r = rrule()
    if (r) body.recurrence = { rrule: r }
    const eq = Object.entries(equipment())
      .filter(([, q]) => q > 0)
      .map(([typeId, quantity]) => ({ typeId, quantity }))
    if (eq.length) body.equipment = eq
    if (participants()) body.expectedParticipants = Number(participants())
    if (skipConflicts()) body.skipConflicts = true
    return body
  })

  // Live preview: a dry run, debounced, the latest answer wins.
  const [preview, setPreview] = createSignal<BookingResult>()
  const [previewProblem, setPreviewProblem] = createSignal<unknown>()
  const [previewing, setPreviewing] = createSignal(false)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  createEffect(
    on(
      () => JSON.stringify({ ...request(), title: undefined, skipConflicts: undefined }),
      () => {
        const body = request()
        clearTimeout(timer)
        const mine = ++seq
        if (!body) {
          batch(() => {
            setPreview(undefined)
            setPreviewProblem(undefined)
            setPreviewing(false)
          })
          return
        }
        setPreviewing(true)
        timer = setTimeout(async () => {
          try {
            const result = await previewBooking({ ...body, skipConflicts: undefined })
            if (mine !== seq) return
            batch(() => {
              setPreview(result)
              setPreviewProblem(undefined)
            })
          } catch (err) {
            if (mine !== seq) return
            batch(() => {
              setPreview(undefined)
              setPreviewProblem(err)
            })
          } finally {
            if (mine === seq) setPreviewing(false)
          }
        }, 450)
      },
    ),
  )
  onCleanup(() => clearTimeout(timer))

  const occurrences = createMemo(() => {
    const p = preview()
    if (!p) return []
    return [
      ...p.bookings.map((b) => ({ start: b.start, end: b.end, conflicts: [] as string[], details: [] as string[] })),
      ...p.skipped.map((s) => ({
        start: s.start,
        end: s.end,
        conflicts: [...new Set(s.conflicts.map((c) => conflictReason(c.reason)))],
        // The server explains in the interface's language (Accept-Language), e.g. how many grant hours are left.
        details: [...new Set(s.conflicts.map((c) => c.detail).filter((d): d is string => Boolean(d)))],
      })),
    ].sort((a, b) => a.start.localeCompare(b.start))
  })

  // Submission: one idempotency key per distinct request, so a double click books once.
  const [submitting, setSubmitting] = createSignal(false)
  const [submitProblem, setSubmitProblem] = createSignal<unknown>()
  const [result, setResult] = createSignal<BookingResult>()
  const [showLocal, setShowLocal] = createSignal(false)
  const key = createMemo(on(request, () => newKey()))

  const submit = async (e: Event) => {
    e.preventDefault()
    setShowLocal(true)
    const body = request()
    if (localProblems().length || !body) {
      document.getElementById('form-problems')?.focus()
      return
    }
    setSubmitting(true)
    setSubmitProblem(undefined)
    try {
      setResult(await createBooking(body, key()))
      queueMicrotask(() => document.getElementById('booking-success')?.focus())
    } catch (err) {
      setSubmitProblem(err)
      queueMicrotask(() => document.getElementById('submit-problem')?.focus())
    } finally {
      setSubmitting(false)
    }
  }

  const reset = () => {
    batch(() => {
      setResult(undefined)
      setTitle('')
      setSubmitProblem(undefined)
      setShowLocal(false)
    })
  }

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
    <Show when={!result()} fallback={<BookingSuccess result={result() as BookingResult} onAnother={reset} />}>
      <form class="sc-form" onSubmit={submit} novalidate>
        <div class="row g-4">
          <div class="col-12 col-lg-7">
            <div class="sc-field">
              <label for="b-lab">
                {t('form.lab')} <span class="visually-hidden">({t('common.required')})</span>
              </label>
              <select id="b-lab" class="form-select" required value={labId()} onChange={(e) => setLabId(e.currentTarget.value)}>
                <option value="">{t('form.chooseLab')}</option>
                <For each={labsByHub()}>
                  {(g) => (
                    <optgroup label={g.hub}>
                      <For each={g.labs}>
                        {(l) => (
                          <option value={l.id} selected={l.id === labId()}>
                            {l.name} ({t(`labType.${l.type}`)}, {t('catalogue.capacity', { n: l.capacity })})
                          </option>
                        )}
                      </For>
                    </optgroup>
                  )}
                </For>
              </select>
              <Show when={lab()}>
                {(l) => (
                  <p class="form-text small mb-0">
                    {l().approvalRequired ? t('lab.approvalRequired') : t('lab.noApproval')}{' '}
                    <A href={`/labs/${l().id}`}>{t('common.details')}</A>
                  </p>
                )}
              </Show>
            </div>

            <div class="sc-field">
              <label for="b-team">{t('form.team')}</label>
              <Show when={teams().length > 0 || staff()} fallback={<p class="text-danger mb-0">{t('bookings.noTeam')}</p>}>
                <select id="b-team" class="form-select" value={teamId()} onChange={(e) => setTeamId(e.currentTarget.value)}>
                  <Show when={staff()}>
                    <option value="">{t('form.staffNoTeam')}</option>
                  </Show>
                  <For each={teams()}>
                    {(team) => (
                      <option value={team.id} selected={team.id === teamId()}>
                        {team.name}
                      </option>
                    )}
                  </For>
                </select>
              </Show>
            </div>

            <div class="sc-field">
              <label for="b-title">
                {t('form.activity')} <span class="visually-hidden">({t('common.required')})</span>
              </label>
              <input
                id="b-title"
                class="form-control"
                required
                maxLength={200}
                aria-describedby="b-title-help"
                value={title()}
                onInput={(e) => setTitle(e.currentTarget.value)}
              />
              <small id="b-title-help" class="form-text">
                {t('form.activityHelp')}
              </small>
            </div>

            <div class="row g-3">
              <InputField
                id="b-date"
                class="col-12 col-sm-5"
                label={t('form.date')}
                type="date"
                required
                min={today()}
                value={date()}
                onValue={(v) => setDate(v)}
              />
              <InputField
                id="b-start"
                class="col-6 col-sm-3"
                label={t('form.startTime')}
                type="time"
                step="900"
                required
                value={startTime()}
                onValue={(v) => setStartTime(v)}
              />
              <InputField
                id="b-end"
                class="col-6 col-sm-3"
                label={t('form.endTime')}
                type="time"
                step="900"
                required
                value={endTime()}
                onValue={(v) => setEndTime(v)}
              />
            </div>

            <InputField
              id="b-participants"
              label={t('form.participants')}
              type="number"
              inputmode="numeric"
              min="1"
              max={lab()?.capacity}
              style={{ 'max-width': '10rem' }}
              value={participants()}
              onValue={(v) => setParticipants(v)}
            />

            <fieldset class="sc-field">
              <legend>{t('form.recurrence')}</legend>
              <div class="sc-checks">
                <For each={['once', 'weekly', 'everyNWeeks', 'monthly'] as RepeatKind[]}>
                  {(kind) => (
                    <label>
                      <input type="radio" name="repeat" value={kind} checked={repeat() === kind} onChange={() => setRepeat(kind)} />
                      {t(`form.${kind}`)}
                    </label>
                  )}
                </For>
              </div>
            </fieldset>

            <Show when={repeat() !== 'once'}>
              <div class="border rounded p-3 mb-3">
                <Show when={repeat() === 'everyNWeeks'}>
                  <InputField
                    id="b-interval"
                    label={t('form.interval')}
                    type="number"
                    min="1"
                    max="52"
                    style={{ 'max-width': '8rem' }}
                    value={interval()}
                    onValue={(v) => setInterval(Number(v))}
                  />
                </Show>
                <Show when={repeat() === 'weekly' || repeat() === 'everyNWeeks'}>
                  <fieldset class="sc-field">
                    <legend>{t('form.days')}</legend>
                    <div class="sc-checks">
                      <For each={[1, 2, 3, 4, 5, 6, 7]}>
                        {(d) => (
                          <label>
                            <input
                              type="checkbox"
                              name="days"
                              value={d}
                              checked={days().includes(d)}
                              onChange={(e) => setDays(e.currentTarget.checked ? [...days(), d] : days().filter((x) => x !== d))}
                            />
                            {weekdayName(d)}
                          </label>
                        )}
                      </For>
                    </div>
                  </fieldset>
                </Show>
                <Show when={repeat() === 'monthly'}>
                  <p class="form-text">{t('form.monthlyHelp')}</p>
                </Show>
                <fieldset class="sc-field">
                  <legend>{t('form.ends')}</legend>
                  <div class="sc-checks">
                    <label>
                      <input type="radio" name="ends" checked={endKind() === 'count'} onChange={() => setEndKind('count')} />
                      {t('form.count')}
                    </label>
                    <label>
                      <input type="radio" name="ends" checked={endKind() === 'until'} onChange={() => setEndKind('until')} />
                      {t('form.untilDate')}
                    </label>
                  </div>
                </fieldset>
                <Show
                  when={endKind() === 'count'}
                  fallback={
                    <InputField
                      id="b-until"
                      label={t('form.until')}
                      type="date"
                      style={{ 'max-width': '14rem' }}
                      min={date()}
                      value={until()}
                      onValue={(v) => setUntil(v)}
                    />
                  }
                >
                  <InputField
                    id="b-count"
                    label={t('form.times')}
                    type="number"
                    min="1"
                    max="366"
                    style={{ 'max-width': '8rem' }}
                    value={count()}
                    onValue={(v) => setCount(Number(v))}
                  />
                </Show>
                <Show when={rrule()}>
                  <p class="small mb-0">
                    {t('form.rrule')}: <code>{rrule()}</code>
                    <Show when={firstDate() !== date()}>
                      <br />
                      {t('form.firstOn', { date: formatLongDate(firstDate()) })}
                    </Show>
                  </p>
                </Show>
              </div>
            </Show>

            <Show when={labId()}>
              <EquipmentPicker labId={labId()} value={equipment()} onChange={setEquipment} />
            </Show>

            <div class="form-check mb-3">
              <input
                id="b-skip"
                type="checkbox"
                class="form-check-input"
                checked={skipConflicts()}
                onChange={(e) => setSkipConflicts(e.currentTarget.checked)}
              />
              <label for="b-skip" class="form-check-label">
                {t('form.skipConflicts')}
              </label>
            </div>

            <div id="form-problems" tabindex="-1" aria-live="polite">
              <Show when={showLocal() && localProblems().length > 0}>
                <div class="alert alert-warning" role="alert">
                  <ul class="mb-0">
                    <For each={localProblems()}>{(p) => <li>{p}</li>}</For>
                  </ul>
                </div>
              </Show>
            </div>
            <div id="submit-problem" tabindex="-1">
              <Show when={submitProblem()}>
                <ProblemAlert problem={submitProblem()} fields={fieldLabels()} />
              </Show>
            </div>
            <button type="submit" class="btn btn-primary btn-lg" disabled={submitting()} aria-busy={submitting()}>
              {submitting() ? t('form.submitting') : t('form.submit')}
            </button>
            <Show when={submitting()}>
              <span class="visually-hidden" role="status">
                {t('form.submitting')}
              </span>
            </Show>
          </div>

          <div class="col-12 col-lg-5">
            <section aria-labelledby="preview-title" class="sc-preview">
              <h2 id="preview-title" class="h4">
                {t('form.preview')}
              </h2>
              <p class="small">{t('form.previewHelp')}</p>
              <div aria-live="polite" aria-busy={previewing()}>
                <Show when={request()} fallback={<p>{t('form.previewEmpty')}</p>}>
                  <Show when={previewing()}>
                    <Loading label={t('form.previewLoading')} />
                  </Show>
                  <Show when={previewProblem()}>
                    <ProblemAlert problem={previewProblem()} fields={fieldLabels()} />
                  </Show>
                  <Show when={preview() && !previewing()}>
                    <p class="fw-semibold">
                      {occurrences().every((o) => o.conflicts.length === 0)
                        ? t('form.previewAllFree', { total: occurrences().length })
                        : t('form.previewSummary', { free: preview()?.bookings.length ?? 0, total: occurrences().length })}
                    </p>
                  </Show>
                </Show>
              </div>
              <Show when={preview() && request()}>
                <ul class="sc-occurrences" aria-label={t('form.preview')}>
                  <For each={occurrences()}>
                    {(o) => (
                      <li classList={{ free: o.conflicts.length === 0, conflict: o.conflicts.length > 0 }}>
                        <span>{formatRange(o.start, o.end)}</span>
                        <span class="state">
                          {o.conflicts.length === 0
                            ? t('form.occurrenceFree')
                            : t('form.occurrenceConflict', { reasons: o.conflicts.join(', ') })}
                        </span>
                        <Show when={o.details.length > 0}>
                          <span class="small w-100">{o.details.join(' ')}</span>
                        </Show>
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </section>
          </div>
        </div>
      </form>
    </Show>
  )
}

function EquipmentPicker(props: { labId: string; value: Record<string, number>; onChange: (v: Record<string, number>) => void }) {
  const types = createAsync(() => getLabEquipmentTypes(props.labId))
  const rows = createMemo(() =>
    (types() ?? [])
      .filter((tp) => tp.quantity > 0)
      .map((tp) => ({ typeId: tp.id, n: tp.quantity, name: tp.name, training: tp.requiresTraining }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  )
  return (
    <fieldset class="sc-field">
      <legend>{t('form.equipment')}</legend>
      <Show
        when={rows().length > 0}
        fallback={<p class="form-text">{types() === null ? t('lab.equipmentUnavailable') : t('form.noEquipment')}</p>}
      >
        <p class="form-text">{t('form.equipmentHelp')}</p>
        <For each={rows()}>
          {(r) => (
            <div class="d-flex flex-wrap align-items-center gap-2 mb-2">
              <input
                id={`eq-${r.typeId}`}
                type="number"
                min="0"
                max={r.n}
                class="form-control"
                style={{ width: '6rem' }}
                value={props.value[r.typeId] ?? 0}
                onInput={(e) =>
                  props.onChange({ ...props.value, [r.typeId]: Math.max(0, Math.min(r.n, Number(e.currentTarget.value) || 0)) })
                }
              />
              <label for={`eq-${r.typeId}`} class="mb-0 fw-normal">
                {r.name} ({t('form.available', { n: r.n })}
                <Show when={r.training}>, {t('form.training')}</Show>)
              </label>
            </div>
          )}
        </For>
      </Show>
    </fieldset>
  )
}

function BookingSuccess(props: { result: BookingResult; onAnother: () => void }) {
  const confirmed = () => props.result.bookings.filter((b) => b.status === 'confirmed').length
  const pending = () => props.result.bookings.filter((b) => b.status === 'pending').length
  const first = () => props.result.bookings[0]
  return (
    <div id="booking-success" tabindex="-1" class="alert alert-success" role="status">
      <h2 class="h4">{t('form.successTitle')}</h2>
      <Show when={first()}>
        {(b) => (
          <p class="mb-1">
            «{b().title}» — {formatDate(wall(b().start).date)}
          </p>
        )}
      </Show>
      <ul>
        <Show when={confirmed() > 0}>
          <li>{t('form.successConfirmed', { n: confirmed() })}</li>
        </Show>
        <Show when={pending() > 0}>
          <li>{t('form.successPending', { n: pending() })}</li>
        </Show>
        <Show when={props.result.skipped.length > 0}>
          <li>{t('form.successSkipped', { n: props.result.skipped.length })}</li>
        </Show>
      </ul>
      <p>{t('form.successMail')}</p>
      <div class="d-flex flex-wrap gap-2">
        <A class="btn btn-primary" href="/bookings">
          {t('form.goToBookings')}
        </A>
        <button type="button" class="btn btn-outline-primary" onClick={() => props.onAnother()}>
          {t('form.another')}
        </button>
      </div>
    </div>
  )
}
