import type { AttendanceFigures } from './computed-values.ts'

/**
 * The value of an indicator for a team and a period, pure.
 * - computed: from what bookings and attendance recorded (hours with two decimals);
 * - reported: the sum of the values of the team's accepted reports that start in the period (each report gives
 *   what happened in its own period, so periods add up).
 */
export function computedValue(counts: string, figures: AttendanceFigures): number {
  if (counts === 'hoursUsed') return Math.round((figures.usedSeconds / 3600) * 100) / 100
  if (counts === 'participants') return figures.participants
  if (counts === 'events') return figures.events
  if (counts.startsWith('participants:')) return figures.byCategory[counts.slice('participants:'.length)] ?? 0
  throw new Error(`unknown computed indicator: ${counts}`)
}

export function reportedValue(values: number[]): number {
  // integers stay integers; decimals keep at most 4 places without float noise
  return Math.round(values.reduce((a, b) => a + b, 0) * 10_000) / 10_000
}

/** Progress from baseline towards target, 0..1+ (null when no target or target equals baseline). */
export function progressTowards(value: number, baseline: number | null, target: number | null): number | null {
  if (target === null) return null
  const from = baseline ?? 0
  if (target === from) return null
  return Math.round(((value - from) / (target - from)) * 1000) / 1000
}
