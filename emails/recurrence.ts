import { DateTime } from 'luxon'
import rrule from 'rrule'
import { wallMillisToInstant, zoneNamed } from '../backend/time.ts'

const { RRule } = rrule

/** Never expand more than this: the API caps a series at 366 occurrences. */
const MAX_INSTANCES = 1000

/**
 * Expansions kept, by zone, start and rule: a series' emails and invitations (two recipients, each change) and
 * its calendar feeds expand the same rule again (issue 18: rrule.js's expansion was a quarter of an email's
 * rendering). Past this many the memory is emptied and starts again.
 */
const MAX_REMEMBERED = 512
const remembered = new Map<string, readonly Date[]>()

/**
 * The instants of an RRULE (no DTSTART) starting at `dtstart`, expanded in `zone` so that every occurrence
 * keeps dtstart's wall-clock time across daylight-saving changes. rrule works in "floating" time: we hand it
 * the wall time dressed as UTC and dress each result back in the zone. The same expansion is returned for the
 * same arguments: read it, never change it.
 */
export function expandRule(rule: string, dtstart: Date, zone: string): readonly Date[] {
  const key = `${zone} ${dtstart.getTime()} ${rule}`
  let instants = remembered.get(key)
  if (!instants) {
    instants = Object.freeze(expand(rule, dtstart, zone))
    if (remembered.size >= MAX_REMEMBERED) remembered.clear()
    remembered.set(key, instants)
  }
  return instants
}

function expand(rule: string, dtstart: Date, zone: string): Date[] {
  const tz = zoneNamed(zone)
  const start = DateTime.fromJSDate(dtstart, { zone: tz })
  const options = RRule.parseString(stripDtstart(rule))
  const wall = (dt: DateTime) => new Date(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute, dt.second))
  if (options.until) options.until = wall(DateTime.fromJSDate(options.until, { zone: tz }))
  const floating = new RRule({ ...options, dtstart: wall(start), tzid: null })
  const out: Date[] = []
  floating.all((d, i) => {
    if (i >= MAX_INSTANCES) return false
    // The wall time in the zone as RFC 5545 reads it (and as the API expands a series): a time shown twice
    // when the clocks go back is its first instant, one in the spring gap takes the offset before the gap.
    out.push(new Date(wallMillisToInstant(d.getTime(), zone)))
    return true
  })
  return out
}

/** The rule's parts as iCalendar writes them after "RRULE:", with COUNT=n instead of COUNT/UNTIL. */
export function ruleWithCount(rule: string, count: number): string {
  const parts = stripDtstart(rule)
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '' && !/^(COUNT|UNTIL)=/i.test(p))
  return [...parts, `COUNT=${count}`].join(';')
}

function stripDtstart(rule: string): string {
  return rule
    .split(/\r?\n/)
    .filter((line) => !/^DTSTART/i.test(line))
    .join('')
    .replace(/^RRULE:/i, '')
}
