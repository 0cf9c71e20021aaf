import { useSearchParams } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { searchAvailability } from '../../api/bookings.ts'
import type { AvailabilityResult } from '../../api/types.ts'
import { type TKey, t } from '../../i18n/index.ts'
import { addDays, isDate, today } from '../../lib/format.ts'
import { buildRRule, firstOccurrenceDate, type RecurrenceChoice, recurrenceProblems } from '../../lib/rrule-builder.ts'

type Params = { type?: string; area?: string; days?: string; start?: string; end?: string; from?: string; until?: string; cap?: string }

/** The search of "Trova un laboratorio": its fields (from the URL), its checks, the request and its answer. */
export function createSearch() {
  const [params, setParams] = useSearchParams<Params>()
  const initialFrom = params.from && isDate(params.from) ? params.from : addDays(today(), 1)
  const [type, setType] = createSignal(params.type ?? '')
  const [area, setArea] = createSignal(params.area ?? '')
  const [days, setDays] = createSignal<number[]>(
    (params.days ?? '')
      .split(',')
      .map(Number)
      .filter((d) => d >= 1 && d <= 7),
  )
  const [start, setStart] = createSignal(params.start ?? '14:00')
  const [end, setEnd] = createSignal(params.end ?? '17:00')
  const [from, setFrom] = createSignal(initialFrom)
  const [until, setUntil] = createSignal(params.until && isDate(params.until) ? params.until : addDays(initialFrom, 84))
  const [cap, setCap] = createSignal(params.cap ?? '')

  const [results, setResults] = createSignal<AvailabilityResult[]>()
  const [searching, setSearching] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
  const [formError, setFormError] = createSignal('')

  const choice = (): RecurrenceChoice => ({ kind: 'weekly', interval: 1, days: days(), end: { kind: 'until', until: until() } })

  /** The first thing wrong with the fields, in words, or '' when the search can go. */
  const check = (): string => {
    if (days().length === 0) return t('find.chooseDay')
    if (!start() || !end() || end() <= start()) return t('form.endBeforeStart')
    if (!isDate(from()) || !isDate(until()) || until() < from()) return t('form.problem_untilBeforeStart')
    // the bounds the server holds a series to (docs/api.md, Limits), said before the search rather than after
    const [wrong] = recurrenceProblems(choice(), firstOccurrenceDate(choice(), from()))
    return wrong ? t(`form.problem_${wrong}` as TKey) : ''
  }

  const search = async (): Promise<boolean> => {
    setFormError(check())
    if (formError()) return false
    setParams(
      {
        type: type() || undefined,
        area: area() || undefined,
        days: days().join(','),
        start: start(),
        end: end(),
        from: from(),
        until: until(),
        cap: cap() || undefined,
      },
      { replace: true },
    )
    const first = firstOccurrenceDate(choice(), from())
    setSearching(true)
    setProblem(undefined)
    try {
      setResults(
        await searchAvailability({
          type: type() || undefined,
          areaId: area() || undefined,
          minCapacity: cap() || undefined,
          start: `${first}T${start()}`,
          end: `${first}T${end()}`,
          rrule: buildRRule(choice()) ?? undefined,
          limit: 50,
        }),
      )
      return true
    } catch (err) {
      setResults(undefined)
      setProblem(err)
      return false
    } finally {
      setSearching(false)
    }
  }

  const bookHref = (r: AvailabilityResult) => {
    const q = new URLSearchParams({
      labId: r.lab.id,
      date: firstOccurrenceDate(choice(), from()),
      start: start(),
      end: end(),
      days: days().join(','),
      until: until(),
    })
    return `/bookings/new?${q}`
  }

  return {
    hasSearch: () => Boolean(params.days),
    fields: { type, setType, area, setArea, days, setDays, start, setStart, end, setEnd, from, setFrom, until, setUntil, cap, setCap },
    results,
    searching,
    problem,
    formError,
    search,
    bookHref,
  }
}

export type SearchState = ReturnType<typeof createSearch>
