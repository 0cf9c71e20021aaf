import { DateTime } from 'luxon'

export type Locale = 'it' | 'en'

const DAY = { it: 'cccc d LLLL yyyy', en: 'cccc d LLLL yyyy' } as const

/** "martedì 19 ottobre 2027, 18:00–20:00" in the hub's zone; an end on another day is written in full. */
export function formatSlot(start: Date, end: Date, zone: string, locale: Locale): string {
  const s = DateTime.fromJSDate(start, { zone }).setLocale(locale)
  const e = DateTime.fromJSDate(end, { zone }).setLocale(locale)
  if (s.hasSame(e, 'day')) return `${s.toFormat(DAY[locale])}, ${s.toFormat('HH:mm')}–${e.toFormat('HH:mm')}`
  return `${s.toFormat(DAY[locale])}, ${s.toFormat('HH:mm')} – ${e.toFormat(DAY[locale])}, ${e.toFormat('HH:mm')}`
}

/** "19 ottobre 2027" */
export function formatDay(instant: Date, zone: string, locale: Locale): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale).toFormat('d LLLL yyyy')
}

/** Text for an HTML document: & < > " ' become entities. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch])
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
