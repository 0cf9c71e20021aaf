import { useSearchParams } from '@solidjs/router'
import { addDays, addMonths, isDate, mondayOf, today } from '../../../lib/format.ts'

export type BoardView = 'day' | 'week' | 'month'

/**
 * The board's period, kept in the URL (?view=week&date=…) so that a board can be shared and reloaded: the view,
 * the day chosen, and the first and last (excluded) days it shows.
 */
export function createBoardPeriod() {
  const [params, setParams] = useSearchParams<{ view?: string; date?: string }>()
  const view = (): BoardView => (params.view === 'week' || params.view === 'month' ? params.view : 'day')
  const date = () => (params.date && isDate(params.date) ? params.date : today())
  const start = () => (view() === 'day' ? date() : view() === 'week' ? mondayOf(date()) : `${date().slice(0, 8)}01`)
  const end = () => (view() === 'month' ? addMonths(start(), 1) : addDays(start(), view() === 'day' ? 1 : 7))
  const setDate = (next: string) => setParams({ date: next === today() ? undefined : next })
  return {
    view,
    date,
    start,
    end,
    setView: (next: BoardView) => setParams({ view: next === 'day' ? undefined : next }),
    setDate,
    /** One period back (-1) or forward (1). */
    step: (sign: number) => setDate(view() === 'month' ? addMonths(start(), sign) : addDays(date(), sign * (view() === 'day' ? 1 : 7))),
    /** A day's board. */
    openDay: (day: string) => setParams({ view: undefined, date: day }),
  }
}

export type BoardPeriod = ReturnType<typeof createBoardPeriod>
