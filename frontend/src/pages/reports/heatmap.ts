/**
 * The hour-of-week heatmap of the dashboard (pure: unit-tested without a browser). Its figures, booked hours by
 * weekday and hour of the hub's wall clock, come from `GET /reports/heatmap` (the server's usage roll-up).
 */

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
