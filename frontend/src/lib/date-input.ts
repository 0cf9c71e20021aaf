/**
 * What people type into a date or time field, read the Italian way whatever the browser's locale:
 * dates as dd/mm/yyyy (also d/m/yy, dd.mm.yyyy, dd-mm-yyyy, and the ISO yyyy-mm-dd a link or a paste brings),
 * times as HH:mm on 24 hours (also "9", "930", "9.30"). Pure: strings in, strings out.
 */

/** `YYYY-MM-DD` of a typed date, or null when it is not a real date. */
export function parseDateText(text: string): string | null {
  const s = text.trim()
  let y: number
  let m: number
  let d: number
  const isoMatch = s.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/)
  const itMatch = s.match(/^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/)
  if (isoMatch) {
    ;[y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])]
  } else if (itMatch) {
    ;[d, m, y] = [Number(itMatch[1]), Number(itMatch[2]), Number(itMatch[3])]
    if (itMatch[3].length === 2) y += 2000
  } else {
    return null
  }
  if (m < 1 || m > 12 || d < 1 || d > 31 || y < 1900 || y > 2999) return null
  const date = new Date(Date.UTC(y, m - 1, d))
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}

/** dd/mm/yyyy of a `YYYY-MM-DD` (empty for anything else). */
export function formatDateText(iso: string): string {
  const m = iso.match(/^(\d{4})-(\d{2})-(\d{2})$/)
  return m ? `${m[3]}/${m[2]}/${m[1]}` : ''
}

/** `HH:mm` of a typed time on 24 hours, or null. */
export function parseTimeText(text: string): string | null {
  const s = text.trim()
  const m = s.match(/^(\d{1,2})(?:[:.,h ]?(\d{2}))?$/i)
  if (!m) return null
  let hours = Number(m[1])
  let minutes = m[2] === undefined ? 0 : Number(m[2])
  // "930" is 9:30, "1430" 14:30.
  if (m[2] === undefined && m[1].length > 2) return null
  if (m[2] === undefined && s.length >= 3 && /^\d+$/.test(s)) {
    hours = Number(s.slice(0, s.length - 2))
    minutes = Number(s.slice(-2))
  }
  if (hours > 23 || minutes > 59) return null
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`
}

/** The days of a month's calendar grid, weeks from Monday: `YYYY-MM-DD` or null for the blanks around it. */
export function monthGrid(month: string): (string | null)[][] {
  const [y, m] = month.split('-').map(Number)
  const first = new Date(Date.UTC(y, m - 1, 1))
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate()
  const lead = (first.getUTCDay() + 6) % 7
  const cells: (string | null)[] = Array.from({ length: lead }, () => null)
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, '0')}`)
  while (cells.length % 7) cells.push(null)
  const weeks: (string | null)[][] = []
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7))
  return weeks
}
