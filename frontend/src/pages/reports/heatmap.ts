/**
 * The hour-of-week heatmap of the dashboard (pure: unit-tested without a browser): booked hours by weekday and
 * hour of the hub's wall clock, from the bookings of a period.
 */

/** Statuses that count as booked time, as in the utilisation report (CONTRACT §3). */
export const BOOKED = new Set(['confirmed', 'completed', 'no_show'])

interface Slot {
  start: string
  end: string
  status: string
}

/** Minutes since midnight of an API instant's wall-clock time (`…T18:30:00+02:00` → 1110). */
function wallMinutes(instant: string): number {
  return Number(instant.slice(11, 13)) * 60 + Number(instant.slice(14, 16))
}

/** ISO weekday (Monday = 1) of a `YYYY-MM-DD` date. */
function isoWeekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number)
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay()
  return day === 0 ? 7 : day
}

function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10)
}

/**
 * Booked hours per [weekday 0..6 = Monday..Sunday][hour 0..23], each booking split over the hours it covers
 * in the hub's wall-clock time (a booking across midnight continues on the next day).
 */
export function hourOfWeek(bookings: Slot[]): number[][] {
  const grid = Array.from({ length: 7 }, () => new Array<number>(24).fill(0))
  for (const b of bookings) {
    if (!BOOKED.has(b.status)) continue
    let date = b.start.slice(0, 10)
    let from = wallMinutes(b.start)
    const endDate = b.end.slice(0, 10)
    const endMinutes = wallMinutes(b.end)
    // Walk the booking day by day (bounded: a booking lasts at most a day or two).
    for (let guard = 0; guard < 8; guard++) {
      const to = date === endDate ? endMinutes : 24 * 60
      const weekday = isoWeekdayOf(date) - 1
      for (let m = from; m < to; ) {
        const hour = Math.floor(m / 60)
        const next = Math.min(to, (hour + 1) * 60)
        grid[weekday][hour] += (next - m) / 60
        m = next
      }
      if (date >= endDate) break
      date = nextDate(date)
      from = 0
    }
  }
  return grid
}

/** The hours of the day that have any booking, or that fall in 8–20, so the table stays readable. */
export function shownHours(grid: number[][]): number[] {
  const hours: number[] = []
  for (let h = 0; h < 24; h++) if ((h >= 8 && h < 20) || grid.some((day) => day[h] > 0)) hours.push(h)
  return hours
}

/**
 * Background and text colour of a cell: five steps of blue from white; the text flips to white on the dark
 * steps so that every step keeps a contrast of at least 4.5:1.
 */
export function heatColor(value: number, max: number): { bg: string; fg: string; step: number } {
  const steps = ['#ffffff', '#d6e8fa', '#99c2ed', '#1f63a8', '#0b4f94', '#00264d']
  if (value <= 0 || max <= 0) return { bg: steps[0], fg: '#1a1a1a', step: 0 }
  const step = Math.min(5, Math.max(1, Math.ceil((value / max) * 5)))
  return { bg: steps[step], fg: step >= 3 ? '#ffffff' : '#1a1a1a', step }
}
