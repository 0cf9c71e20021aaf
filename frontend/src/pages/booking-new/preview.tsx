/**
 * The live preview: a dry run of the request, debounced, the latest answer wins; and the panel that lists
 * every occurrence with its conflicts.
 */
import { type Accessor, batch, createEffect, createMemo, createSignal, For, on, onCleanup, Show } from 'solid-js'
import { previewBooking } from '../../api/bookings.ts'
import type { BookingRequest, BookingResult } from '../../api/types.ts'
import { conflictReason, ProblemAlert } from '../../components/ProblemAlert.tsx'
import { Loading } from '../../components/States.tsx'
import { t, tn } from '../../i18n/index.ts'
import { formatRange } from '../../lib/format.ts'

export interface PreviewOccurrence {
  start: string
  end: string
  conflicts: string[]
  details: string[]
}

/** Asks the server for a dry run whenever the request changes (its title and skip choice aside). */
export function createPreview(request: Accessor<BookingRequest | null>) {
  const [preview, setPreview] = createSignal<BookingResult>()
  const [problem, setProblem] = createSignal<unknown>()
  const [previewing, setPreviewing] = createSignal(false)
  let seq = 0
  let timer: ReturnType<typeof setTimeout> | undefined

  const run = async (body: BookingRequest, mine: number) => {
    try {
      const result = await previewBooking({ ...body, skipConflicts: undefined })
      if (mine !== seq) return
      batch(() => {
        setPreview(result)
        setProblem(undefined)
      })
    } catch (err) {
      if (mine !== seq) return
      batch(() => {
        setPreview(undefined)
        setProblem(err)
      })
    } finally {
      if (mine === seq) setPreviewing(false)
    }
  }

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
            setProblem(undefined)
            setPreviewing(false)
          })
          return
        }
        setPreviewing(true)
        timer = setTimeout(() => run(body, mine), 450)
      },
    ),
  )
  onCleanup(() => clearTimeout(timer))

  /** Asks again now, for the same request: the calendar changed under it (a submit met a conflict). */
  const refresh = () => {
    const body = request()
    if (!body) return
    clearTimeout(timer)
    setPreviewing(true)
    void run(body, ++seq)
  }

  const occurrences = createMemo((): PreviewOccurrence[] => {
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

  return { preview, problem, previewing, occurrences, refresh }
}

export type Preview = ReturnType<typeof createPreview>

export function PreviewPanel(props: { preview: Preview; request: BookingRequest | null; fields: Record<string, string> }) {
  const p = props.preview
  return (
    <section aria-labelledby="preview-title" class="sc-preview">
      <h2 id="preview-title" class="h4">
        {t('form.preview')}
      </h2>
      <p class="small">{t('form.previewHelp')}</p>
      <div aria-live="polite" aria-busy={p.previewing()}>
        <Show when={props.request} fallback={<p>{t('form.previewEmpty')}</p>}>
          <Show when={p.previewing()}>
            <Loading label={t('form.previewLoading')} />
          </Show>
          <Show when={p.problem()}>
            <ProblemAlert problem={p.problem()} fields={props.fields} />
          </Show>
          <Show when={p.preview() && !p.previewing()}>
            <p class="fw-semibold">
              {p.occurrences().every((o) => o.conflicts.length === 0)
                ? tn('form.previewAllFree', p.occurrences().length)
                : tn('form.previewSummary', p.preview()?.bookings.length ?? 0, { total: p.occurrences().length })}
            </p>
          </Show>
        </Show>
      </div>
      <Show when={p.preview() && props.request}>
        <ul class="sc-occurrences" aria-label={t('form.preview')}>
          <For each={p.occurrences()}>{(o) => <OccurrenceItem occurrence={o} />}</For>
        </ul>
      </Show>
    </section>
  )
}

function OccurrenceItem(props: { occurrence: PreviewOccurrence }) {
  const o = () => props.occurrence
  return (
    <li classList={{ free: o().conflicts.length === 0, conflict: o().conflicts.length > 0 }}>
      <span>{formatRange(o().start, o().end)}</span>
      <span class="state">
        {o().conflicts.length === 0 ? t('form.occurrenceFree') : t('form.occurrenceConflict', { reasons: o().conflicts.join(', ') })}
      </span>
      <Show when={o().details.length > 0}>
        <span class="small w-100">{o().details.join(' ')}</span>
      </Show>
    </li>
  )
}
