export type Locale = 'it' | 'en'

/** "martedì 19 ottobre 2027, 18:00–20:00" in the hub's zone; an end on another day is written in full. */
export function formatSlot(start: Date, end: Date, zone: string, locale: Locale): string {
  const s = localParts(start, zone, locale)
  const e = localParts(end, zone, locale)
  if (s.day === e.day) return `${s.day}, ${s.time}–${e.time}`
  return `${s.day}, ${s.time} – ${e.day}, ${e.time}`
}

/**
 * One formatter per language and zone, kept: a long series lists hundreds of slots, and building luxon
 * DateTimes for each cost more than the rest of the email.
 */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>()

function localParts(instant: Date, zone: string, locale: Locale): { day: string; time: string } {
  const key = `${locale} ${zone}`
  let formatter = FORMATTERS.get(key)
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
    FORMATTERS.set(key, formatter)
  }
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {}
  for (const part of formatter.formatToParts(instant)) p[part.type] = part.value
  return { day: `${p.weekday} ${p.day} ${p.month} ${p.year}`, time: `${p.hour}:${p.minute}` }
}

/** Text for an HTML document: & < > " ' become entities. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ENTITIES[ch])
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
