/**
 * Italian public holidays (Legge 260/1949 and later amendments) plus Milan's patron saint, Sant'Ambrogio
 * (7 December), on which the Comune's offices and hubs close. Pure date arithmetic, no time zones.
 */

export interface Holiday {
  /** YYYY-MM-DD */
  date: string
  name: string
}

const iso = (year: number, month: number, day: number) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`

/** Easter Sunday of the Gregorian calendar (anonymous algorithm of Meeus/Jones/Butcher), as YYYY-MM-DD. */
export function easterSunday(year: number): string {
  const a = year % 19
  const b = Math.floor(year / 100)
  const c = year % 100
  const d = Math.floor(b / 4)
  const e = b % 4
  const f = Math.floor((b + 8) / 25)
  const g = Math.floor((b - f + 1) / 3)
  const h = (19 * a + b - d - g + 15) % 30
  const i = Math.floor(c / 4)
  const k = c % 4
  const l = (32 + 2 * e + 2 * i - h - k) % 7
  const m = Math.floor((a + 11 * h + 22 * l) / 451)
  const month = Math.floor((h + l - 7 * m + 114) / 31)
  const day = ((h + l - 7 * m + 114) % 31) + 1
  return iso(year, month, day)
}

/** The day after `date` (YYYY-MM-DD). */
export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + 1)
  return d.toISOString().slice(0, 10)
}

/** The days a hub of the Comune di Milano is closed in `year`, in calendar order. */
export function milanHolidays(year: number): Holiday[] {
  const easter = easterSunday(year)
  const holidays: Holiday[] = [
    { date: iso(year, 1, 1), name: 'Capodanno' },
    { date: iso(year, 1, 6), name: 'Epifania' },
    { date: easter, name: 'Pasqua' },
    { date: nextDay(easter), name: "Lunedì dell'Angelo" },
    { date: iso(year, 4, 25), name: 'Festa della Liberazione' },
    { date: iso(year, 5, 1), name: 'Festa del Lavoro' },
    { date: iso(year, 6, 2), name: 'Festa della Repubblica' },
    { date: iso(year, 8, 15), name: 'Ferragosto' },
    { date: iso(year, 11, 1), name: 'Ognissanti' },
    { date: iso(year, 12, 7), name: "Sant'Ambrogio, patrono di Milano" },
    { date: iso(year, 12, 8), name: 'Immacolata Concezione' },
    { date: iso(year, 12, 25), name: 'Natale' },
    { date: iso(year, 12, 26), name: 'Santo Stefano' },
  ]
  // San Francesco d'Assisi is a national holiday again from 2026 (law approved in October 2025).
  if (year >= 2026) holidays.push({ date: iso(year, 10, 4), name: "San Francesco d'Assisi" })
  return holidays.sort((x, y) => x.date.localeCompare(y.date))
}
