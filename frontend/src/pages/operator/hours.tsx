import { createAsync, revalidate } from '@solidjs/router'
import { createEffect, createMemo, createSignal, For, Index, on, Show } from 'solid-js'
import { getOpeningHours } from '../../api/catalogue.ts'
import { getHubOpeningHours, staffApi } from '../../api/staff.ts'
import type { Hub } from '../../api/types.ts'
import { createOperation, Field, OperationStatus } from '../../components/kit.tsx'
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

function Editor(props: { hub: Hub }) {
  const saved = createAsync(() => getHubOpeningHours(props.hub.id))
  const [week, setWeek] = createSignal<Interval[][]>(toWeek([]))
  const [shownProblems, setShownProblems] = createSignal<HoursProblem[]>([])
  const op = createOperation()
  createEffect(on(saved, (rows) => rows && setWeek(toWeek(rows))))

  const problems = createMemo(() => checkWeek(week()))
  const problemAt = (weekday: number, index: number) => shownProblems().find((p) => p.weekday === weekday && p.index === index)
  const setDay = (d: number, day: Interval[]) => setWeek(week().map((old, i) => (i === d ? day : old)))
  const update = (d: number, i: number, patch: Partial<Interval>) =>
    setDay(
      d,
      week()[d].map((iv, j) => (j === i ? { ...iv, ...patch } : iv)),
    )
  const copyMonday = () => setWeek(week().map((day, i) => (i >= 1 && i <= 4 ? week()[0].map((iv) => ({ ...iv })) : day)))

  const submit = async (e: Event) => {
    e.preventDefault()
    setShownProblems(problems())
    if (problems().length > 0) {
      const first = problems()[0]
      document.getElementById(`hours-${first.weekday}-${first.index}-open`)?.focus()
      return
    }
    await op.run(async () => {
      await staffApi.putOpeningHours(props.hub.id, fromWeek(week()))
      await revalidate([getHubOpeningHours.key, getOpeningHours.key])
    }, t('staff.hours.saved'))
  }

  const problemText = (p: HoursProblem) =>
    p.kind === 'missing' ? t('staff.hours.missing') : p.kind === 'order' ? t('staff.hours.order') : t('staff.hours.overlap')

  return (
    <form class="sc-form" onSubmit={submit}>
      <p class="fw-semibold" aria-live="polite">
        {t('staff.hours.total', { n: formatNumber(weeklyHours(week())) })}
      </p>
      <button type="button" class="btn btn-outline-primary btn-sm mb-2" onClick={copyMonday}>
        {t('staff.hours.copyMonday')}
      </button>
      <For each={[1, 2, 3, 4, 5, 6, 7]}>
        {(weekday) => {
          const d = weekday - 1
          return (
            <fieldset class="sc-hours-day">
              <legend class="h6 mb-2">{weekdayName(weekday)}</legend>
              <Show when={week()[d].length === 0}>
                <p class="mb-2">{t('staff.hours.closed')}</p>
              </Show>
              <Index each={week()[d]}>
                {(iv, i) => (
                  <div class="sc-hours-interval">
                    <Field
                      id={`hours-${weekday}-${i}-open`}
                      label={t('staff.hours.open')}
                      type="time"
                      step={900}
                      value={iv().open}
                      required
                      onInput={(v) => update(d, i, { open: v })}
                    />
                    <Field
                      id={`hours-${weekday}-${i}-close`}
                      label={t('staff.hours.close')}
                      type="time"
                      step={900}
                      value={iv().close}
                      required
                      onInput={(v) => update(d, i, { close: v })}
                    />
                    <button
                      type="button"
                      class="btn btn-outline-secondary btn-sm"
                      onClick={() =>
                        setDay(
                          d,
                          week()[d].filter((_, j) => j !== i),
                        )
                      }
                    >
                      {t('staff.hours.remove', { day: weekdayName(weekday), from: iv().open, to: iv().close })}
                    </button>
                    <Show when={problemAt(weekday, i)}>
                      {(p) => (
                        <p class="text-danger small mb-0 w-100" role="alert">
                          {problemText(p())}
                        </p>
                      )}
                    </Show>
                  </div>
                )}
              </Index>
              <button
                type="button"
                class="btn btn-outline-primary btn-sm"
                onClick={() => {
                  const last = week()[d].at(-1)
                  setDay(d, [
                    ...week()[d],
                    last ? { open: last.close, close: last.close < '20:00' ? '20:00' : '22:00' } : { open: '09:00', close: '18:00' },
                  ])
                }}
              >
                {t('staff.hours.add', { day: weekdayName(weekday) })}
              </button>
            </fieldset>
          )
        }}
      </For>
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
