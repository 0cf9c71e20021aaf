/**
 * Dates and numbers for people. The API gives instants as `YYYY-MM-DDTHH:mm:ss±HH:MM` in the hub's zone:
 * we show that wall-clock time as is, whatever the browser's zone, so the hub's 18:00 reads 18:00.
 */
import { intlLocale } from '../i18n/index.ts'

export interface WallTime {
  date: string
  time: string
}

/** The hub-local date and HH:mm of an API instant (or of a local `YYYY-MM-DDTHH:mm`). */
export function wall(instant: string): WallTime {
  return { date: instant.slice(0, 10), time: instant.slice(11, 16) }
}

/** Drops the offset: `2027-10-19T18:00:00+02:00` → `2027-10-19T18:00:00`. */
export function floating(instant: string): string {
  return instant.slice(0, 19)
}

function utcDate(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d))
}

function iso(d: Date): string {
  return d.toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  const d = utcDate(date)
  d.setUTCDate(d.getUTCDate() + days)
  return iso(d)
}

export function addMonths(date: string, months: number): string {
  const d = utcDate(date)
  d.setUTCMonth(d.getUTCMonth() + months)
  return iso(d)
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
export function isoWeekday(date: string): number {
  const day = utcDate(date).getUTCDay()
  return day === 0 ? 7 : day
}

export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date))
}

/** Today in Milan (the hubs' zone), as `YYYY-MM-DD`. */
export function today(zone = 'Europe/Rome'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date())
}

export function isDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(utcDate(value).getTime())
}

/** 3 marzo 2027 */
export function formatDate(date: string, opts: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' }): string {
  if (!date) return ''
  return new Intl.DateTimeFormat(intlLocale(), { ...opts, timeZone: 'UTC' }).format(utcDate(date.slice(0, 10)))
}

/** martedì 3 marzo 2027 */
export function formatLongDate(date: string): string {
  return formatDate(date, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
}

export function weekdayName(isoDay: number, width: 'long' | 'short' = 'long'): string {
  // 2024-01-01 was a Monday.
  return formatDate(addDays('2024-01-01', isoDay - 1), { weekday: width })
}

/** 14:30 */
export function formatTime(instant: string): string {
  return wall(instant).time
}

/** martedì 19 ottobre 2027, 18:00–20:00 (or across days when the end is on another date). */
export function formatRange(start: string, end: string): string {
  const s = wall(start)
  const e = wall(end)
  if (s.date === e.date) return `${formatLongDate(s.date)}, ${s.time}–${e.time}`
  return `${formatLongDate(s.date)} ${s.time} – ${formatLongDate(e.date)} ${e.time}`
}

/**
 * A closure in words, the same on every page (the lab's calendar, my bookings, the board, the closures list):
 * whole days as days ("lunedì 7 dicembre 2026", "7–9 dicembre 2026", "30 novembre – 2 dicembre 2026"), anything
 * else as a range of times ("martedì 19 ottobre 2027, 08:00–13:00").
 */
export function formatClosure(start: string, end: string): string {
  const s = wall(start)
  const e = wall(end)
  if (s.time !== '00:00' || e.time !== '00:00') return formatRange(start, end)
  const last = addDays(e.date, -1)
  if (last <= s.date) return formatLongDate(s.date)
  return formatDays(s.date, last)
}

/**
 * Days from `first` to `last` included, day first as in Italian and British English. Written by hand: ICU's
 * Italian range pattern pads the days ("07–09 dicembre 2026").
 */
function formatDays(first: string, last: string): string {
  if (first.slice(0, 7) === last.slice(0, 7)) return `${Number(first.slice(8, 10))}–${formatDate(last)}`
  if (first.slice(0, 4) === last.slice(0, 4)) return `${formatDate(first, { day: 'numeric', month: 'long' })} – ${formatDate(last)}`
  return `${formatDate(first)} – ${formatDate(last)}`
}

/** martedì 19 ottobre 2027, 18:00 */
export function formatDateTime(instant: string): string {
  const w = wall(instant)
  return `${formatLongDate(w.date)}, ${w.time}`
}

/** 3–9 marzo 2027 */
export function formatWeek(monday: string): string {
  return formatDays(monday, addDays(monday, 6))
}

export function formatNumber(n: number, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits }).format(n)
}

export function formatPercent(ratio: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: 1 }).format(ratio)
}

/** 1.234,56 € */
export function formatEuroCents(cents: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'EUR' }).format(cents / 100)
}
