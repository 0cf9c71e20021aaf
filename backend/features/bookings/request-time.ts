import type { DateTime } from 'luxon'
import { type AppError, problems } from '../../http/problem.ts'
import { parseInstant } from '../../time.ts'

export function invalid(path: string, message: string, detail?: string): AppError {
  return problems.validation([{ path, message }], detail ?? `${path}: ${message}`)
}

/** Reads a request instant in the hub's zone; a wall time that does not exist there is a 400. */
export function instantIn(value: string, zone: string, path: string): DateTime {
  const dt = parseInstant(value, zone)
  if (!dt) throw invalid(path, 'orario non valido o inesistente nel fuso dell’hub (cambio dell’ora legale)')
  return dt
}

/** A period bound: a date (`YYYY-MM-DD`) is its midnight in the zone; anything else an instant. */
export function boundIn(value: string, zone: string, path: string): Date {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const dt = parseInstant(`${value}T00:00`, zone)
    if (!dt) throw invalid(path, 'data non valida')
    return dt.toJSDate()
  }
  return instantIn(value, zone, path).toJSDate()
}
