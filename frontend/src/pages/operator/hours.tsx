import { createAsync, revalidate } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, Index, on, Show } from 'solid-js'
import { getOpeningHours } from '../../api/catalogue.ts'
import { getHubOpeningHours, staffApi } from '../../api/staff.ts'
import type { Hub } from '../../api/types.ts'
import { TimeField } from '../../components/DateTimeInput.tsx'
import { OperationStatus } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { AsyncBoundary } from '../../components/States.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { t } from '../../i18n/index.ts'
import { formatNumber, weekdayName } from '../../lib/format.ts'
import { checkWeek, fromWeek, type HoursProblem, type Interval, toWeek, weeklyHours } from './opening-hours.ts'

/** The weekly opening hours of the hub: several intervals a day, or closed. Labs follow them. */
export function OpeningHoursEditor(props: { hub: Hub }) {
  return (
    <section aria-labelledby="hours-title">
      <h2 id="hours-title" class="h4">
        {t('staff.hours.title')}
      </h2>
      <p>{t('staff.hours.intro')}</p>
      <AsyncBoundary>
        <Editor hub={props.hub} />
      </AsyncBoundary>
    </section>
  )
}

/** The week being edited, and what may be done to it. */
function createWeek() {
  const [week, setWeek] = createSignal<Interval[][]>(toWeek([]))
  const setDay = (d: number, day: Interval[]) => setWeek(week().map((old, i) => (i === d ? day : old)))
  return {
    week,
    setWeek,
    update: (d: number, i: number, patch: Partial<Interval>) =>
      setDay(
        d,
        week()[d].map((iv, j) => (j === i ? { ...iv, ...patch } : iv)),
      ),
    remove: (d: number, i: number) =>
      setDay(
        d,
        week()[d].filter((_, j) => j !== i),
      ),
    /** A new interval after the day's last one (evening), or 9–18 on a closed day. */
    add: (d: number) => {
      const last = week()[d].at(-1)
      setDay(d, [
        ...week()[d],
        last ? { open: last.close, close: last.close < '20:00' ? '20:00' : '22:00' } : { open: '09:00', close: '18:00' },
      ])
    },
    copyMonday: () => setWeek(week().map((day, i) => (i >= 1 && i <= 4 ? week()[0].map((iv) => ({ ...iv })) : day))),
  }
}
type WeekEditor = ReturnType<typeof createWeek>

function Editor(props: { hub: Hub }) {
  const saved = createAsync(() => getHubOpeningHours(props.hub.id))
  const editor = createWeek()
  const [shownProblems, setShownProblems] = createSignal<HoursProblem[]>([])
  const op = createOperation({ toast: true })
  createEffect(on(saved, (rows) => rows && editor.setWeek(toWeek(rows))))

  const problems = createMemo(() => checkWeek(editor.week()))
  const problemAt = (weekday: number, index: number) => shownProblems().find((p) => p.weekday === weekday && p.index === index)

  const submit = async (e: Event) => {
    e.preventDefault()
    setShownProblems(problems())
    if (problems().length > 0) {
      const first = problems()[0]
      document.getElementById(`hours-${first.weekday}-${first.index}-open`)?.focus()
      return
    }
    await op.run(async () => {
      await staffApi.putOpeningHours(props.hub.id, fromWeek(editor.week()))
      await revalidate([getHubOpeningHours.key, getOpeningHours.key])
    }, t('staff.hours.saved'))
  }

  return (
    <form class="sc-form" onSubmit={submit}>
      <p class="fw-semibold" aria-live="polite">
        {t('staff.hours.total', { n: formatNumber(weeklyHours(editor.week())) })}
      </p>
      <button type="button" class="btn btn-outline-primary btn-sm mb-2" onClick={editor.copyMonday}>
        {t('staff.hours.copyMonday')}
      </button>
      <For each={[1, 2, 3, 4, 5, 6, 7]}>{(weekday) => <DayFieldset weekday={weekday} editor={editor} problemAt={problemAt} />}</For>
      <div class="mt-3">
        <Show when={shownProblems().length > 0 && problems().length > 0}>
          <div class="alert alert-danger" role="alert">
            {t('staff.hours.fix', { n: problems().length })}
          </div>
        </Show>
        <SubmitButton pending={op.pending()} label={t('staff.hours.save')} />
        <OperationStatus op={op} />
      </div>
    </form>
  )
}

/** One day of the week: its intervals (or «Chiuso») and «Aggiungi una fascia». */
function DayFieldset(props: {
  weekday: number
  editor: WeekEditor
  problemAt: (weekday: number, index: number) => HoursProblem | undefined
}) {
  const d = () => props.weekday - 1
  return (
    <fieldset class="sc-hours-day">
      <legend class="h6 mb-2">{weekdayName(props.weekday)}</legend>
      <Show when={props.editor.week()[d()].length === 0}>
        <p class="mb-2">{t('staff.hours.closed')}</p>
      </Show>
      <Index each={props.editor.week()[d()]}>
        {(iv, i) => (
          <IntervalRow
            weekday={props.weekday}
            index={i}
            interval={iv()}
            problem={props.problemAt(props.weekday, i)}
            onChange={(patch) => props.editor.update(d(), i, patch)}
            onRemove={() => props.editor.remove(d(), i)}
          />
        )}
      </Index>
      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.editor.add(d())}>
        {t('staff.hours.add', { day: weekdayName(props.weekday) })}
      </button>
    </fieldset>
  )
}

const problemText = (p: HoursProblem) =>
  p.kind === 'missing' ? t('staff.hours.missing') : p.kind === 'order' ? t('staff.hours.order') : t('staff.hours.overlap')

/** One interval: opening and closing time, typed as 24-hour Italian times whatever the browser, and «Togli». */
function IntervalRow(props: {
  weekday: number
  index: number
  interval: Interval
  problem?: HoursProblem
  onChange: (patch: Partial<Interval>) => void
  onRemove: () => void
}) {
  const id = () => `hours-${props.weekday}-${props.index}`
  return (
    <div class="sc-hours-interval">
      <TimeField
        id={`${id()}-open`}
        label={t('staff.hours.open')}
        value={props.interval.open}
        required
        onValue={(v) => props.onChange({ open: v })}
      />
      <TimeField
        id={`${id()}-close`}
        label={t('staff.hours.close')}
        value={props.interval.close}
        required
        onValue={(v) => props.onChange({ close: v })}
      />
      <button type="button" class="btn btn-outline-secondary btn-sm" onClick={() => props.onRemove()}>
        {t('staff.hours.remove', { day: weekdayName(props.weekday), from: props.interval.open, to: props.interval.close })}
      </button>
      <Show when={props.problem}>
        {(p) => (
          <p class="text-danger small mb-0 w-100" role="alert">
            {problemText(p())}
          </p>
        )}
      </Show>
    </div>
  )
}
