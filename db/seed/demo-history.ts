import { randomUUID } from 'node:crypto'
import { DateTime } from 'luxon'
import { zoneNamed } from '../../backend/time.ts'
import type { BookingStatus, LabType, LegalStatus } from '../schema.ts'
import type { DemoTeam } from './demo-catalogue.ts'
import { milanHolidays, nextDay } from './italian-holidays.ts'

/**
 * The demo's past year: what a programme that has run for twelve months leaves behind, so that the
 * dashboard, the heatmap, the trends and the grants report have something true to say on first start.
 * Weekly courses of the teams for each term, one-off bookings with the seasons (quiet August and
 * Christmas, busy spring and autumn) and a programme that grows over the year, internal activities of the
 * CFL, attendance with participant categories, cancellations and no-shows, check-ins, the summer closure of
 * the CFL and last year's holidays. Deterministic: a seeded random source, days counted from `today`.
 *
 * It appends to the plan that `buildDemoPlan` made for the weeks around today (which it never overlaps:
 * it stops where the recent weeks begin), and respects the same rules: opening hours, closures, the
 * lab's durations, grant-only labs, each team's grants.
 */

/** Share of each grant that the past year may use (the recent weeks use their own share): hours stay to book with. */
const HISTORY_GRANT_SHARE = 0.35
/** The history records equipment for its last quarter only (progress through the year, 0–1). */
const EQUIPPED_FROM = 0.75

type Span = { start: Date; end: Date }
type Slot = [string, string]

interface HistoryLab {
  id: string
  hub_id: string
  ref: string
  type: LabType
  capacity: number
  requires_grant?: boolean
  min_duration_minutes?: number
  max_duration_minutes?: number
  hub: { id: string; demo: { key: string; kind: 'cfl' | 'community_hub' } }
}

interface HistoryTeam {
  id: string
  demo: DemoTeam
}

interface HistoryGrant {
  team_id: string
  hours: number | string
  from_date: string
  to_date: string
  hub_id?: string | null
  lab_type?: LabType | null
}

interface HistoryBooking {
  id: string
  series_id: string | null
  lab_id: string
  team_id: string | null
  title: string
  span: Span
  status: BookingStatus
  expected_participants: number | null
  participants: number | null
  participant_categories: string | null
  status_reason: string | null
  created_by: string
  created_at?: Date
  checked_in_at?: Date | null
  checked_in_by?: string | null
}

interface HistoryClosure {
  hub_id: string | null
  lab_id: string | null
  span: Span
  reason: string
}

/** The parts of the demo plan the history reads and extends. */
export interface HistoryPlan {
  hubs: Array<{ id: string; demo: { key: string; kind: 'cfl' | 'community_hub' } }>
  labs: HistoryLab[]
  teams: Array<HistoryTeam & { name: string; legal_status: LegalStatus; contact_email: string; call_reference?: string | null }>
  grants: HistoryGrant[]
  closures: HistoryClosure[]
  bookings: HistoryBooking[]
  allocations: Array<{ asset_id: string; booking_id: string; span: Span; released_at: Date | null }>
  assets: Array<{ id: string; lab_id: string; typeKey: string; status?: string }>
}

export interface HistoryContext {
  now: DateTime
  zone: string
  /** The first day the recent weeks of the plan cover: the history stops the day before. */
  recentFrom: DateTime
  weekOf: (lab: HistoryLab) => Array<{ weekday: number; open: string; close: string }>
  slotsFor: (kind: 'cfl' | 'community_hub', weekday: number) => Slot[]
  internalTitle: (type: LabType) => string
  staffOf: (lab: HistoryLab) => string
  bookerOf: (teamId: string) => string
  random: () => number
}

/** Neighbourhood groups that book the labs without a grant of the call (the operators record their bookings). */
export const HISTORY_TEAMS: DemoTeam[] = [
  {
    key: 'genitori',
    name: 'Associazione Genitori Corvetto',
    legalStatus: 'association',
    grants: [],
    contactEmail: 'genitoricorvetto@spazicomuni.demo',
    uses: ['corvetto/kitchen', 'corvetto/it', 'lorenteggio/kitchen'],
    titles: ['Merenda in compagnia', 'Compiti insieme', 'Cucina per famiglie'],
  },
  {
    key: 'ponte',
    name: 'Cooperativa Sociale Il Ponte',
    legalStatus: 'cooperative',
    grants: [],
    contactEmail: 'info@cooperativailponte.demo',
    uses: ['corvetto/tailoring', 'lorenteggio/tailoring', 'adriano/fashion', 'niguarda/kitchen'],
    titles: ['Tirocinio di sartoria', 'Laboratorio di inserimento lavorativo', 'Cucina e lavoro'],
  },
  {
    key: 'mondo',
    name: 'Scuola popolare di italiano Mondo Aperto',
    legalStatus: 'association',
    grants: [],
    contactEmail: 'mondoaperto@spazicomuni.demo',
    uses: ['giambellino/hall', 'adriano/hall', 'cittastudi/room', 'niguarda/it'],
    titles: ['Italiano per stranieri – livello A2', 'Italiano per stranieri – livello B1', 'Conversazione in italiano'],
  },
  {
    key: 'repair',
    name: 'Repair Café Lorenteggio (gruppo informale)',
    legalStatus: 'informal',
    grants: [],
    contactEmail: 'repaircafe@spazicomuni.demo',
    uses: ['lorenteggio/tailoring', 'adriano/digital', 'corvetto/it'],
    titles: ['Repair Café', 'Ripariamo insieme i piccoli elettrodomestici', 'Computer di seconda mano'],
  },
  {
    key: 'teatro',
    name: 'Teatro di Quartiere APS',
    legalStatus: 'association',
    grants: [],
    contactEmail: 'teatrodiquartiere@spazicomuni.demo',
    uses: ['adriano/hall', 'giambellino/hall', 'cittastudi/room'],
    titles: ['Prove di teatro di comunità', 'Laboratorio teatrale per ragazzi', 'Lettura scenica'],
  },
  {
    key: 'verde',
    name: 'Verde Niguarda Cooperativa Agricola Sociale',
    legalStatus: 'cooperative',
    grants: [],
    contactEmail: 'verdeniguarda@spazicomuni.demo',
    uses: ['niguarda/greenhouse', 'giambellino/garden'],
    titles: ['Orticoltura per il lavoro', 'Vivaio solidale', 'Potatura e innesti'],
  },
  {
    key: 'giovani',
    name: 'Officina Giovani Città Studi',
    legalStatus: 'other',
    grants: [],
    contactEmail: 'officinagiovani@spazicomuni.demo',
    uses: ['cittastudi/room', 'adriano/digital', 'niguarda/it'],
    titles: ['Orientamento per ragazze e ragazzi', 'Videomaking', 'Podcast di quartiere'],
  },
]

/** Relative activity of each month (1 = January): quiet August and Christmas, busy spring and autumn. */
const SEASON = [0, 0.75, 1, 1.1, 1, 1.1, 0.9, 0.55, 0.15, 0.9, 1.1, 1.1, 0.7]
/** Terms of the weekly courses, as [month, day] of start and end (end included), by the year they start in. */
const TERMS: Array<{ from: [number, number]; to: [number, number] }> = [
  { from: [1, 12], to: [5, 29] },
  { from: [6, 8], to: [7, 24] },
  { from: [9, 15], to: [12, 19] },
]
/** Categories of the participants (migration 0450), with the share of them each usually is. */
const CATEGORY_SHARES: Array<[string, number, number]> = [
  ['donne', 0.45, 0.3],
  ['giovani', 0.15, 0.3],
  ['over50', 0.1, 0.25],
  ['background_migratorio', 0.15, 0.35],
  ['disoccupati', 0.05, 0.25],
  ['disabilita', 0, 0.08],
]

/**
 * A session's participants by the configured categories (shares drawn from `random`), as stored in
 * `bookings.participant_categories`. A person may count in several categories, or in none.
 */
export function participantCategories(participants: number, random: () => number): string {
  const counts: Record<string, number> = {}
  for (const [key, base, spread] of CATEGORY_SHARES) {
    const n = Math.round(participants * (base + spread * random()))
    if (n > 0) counts[key] = Math.min(n, participants)
  }
  return JSON.stringify(counts)
}

const CANCEL_REASONS = [
  'Annullato dal gruppo per indisponibilità dei docenti',
  'Annullato per sciopero dei mezzi pubblici',
  'Annullato dal gruppo: poche iscrizioni',
  'Rinviato per maltempo',
]

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

/** Appends the past year to the plan (bookings, allocations, closures, the neighbourhood groups). */
export function addDemoHistory(plan: HistoryPlan, ctx: HistoryContext): void {
  const { random } = ctx
  // A zone that remembers its offsets: luxon asks Intl for every DateTime of a zone given by name.
  const zone = zoneNamed(ctx.zone)
  const today = ctx.now.setZone(zone).startOf('day')
  const first = today.minus({ months: 12 }).startOf('week')
  const last = ctx.recentFrom.setZone(zone).startOf('day') // excluded
  if (last <= first) return
  const isoDay = (d: DateTime) => d.toFormat('yyyy-MM-dd')
  const dayStart = (date: string) => DateTime.fromISO(date, { zone }).toJSDate()
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]

  // Last year's holidays inside the window: one closure per hub (the global ones are this year's and later).
  const lastYearHolidays = milanHolidays(first.year).filter((h) => h.date >= isoDay(first) && h.date < `${today.year}-01-01`)
  for (const holiday of lastYearHolidays) {
    for (const hub of plan.hubs) {
      plan.closures.push({
        hub_id: hub.id,
        lab_id: null,
        span: { start: dayStart(holiday.date), end: dayStart(nextDay(holiday.date)) },
        reason: holiday.name,
      })
    }
  }
  // The CFL close for the two weeks around Ferragosto.
  for (let year = first.year; year <= today.year; year++) {
    let monday = DateTime.fromObject({ year, month: 8, day: 10 }, { zone }).startOf('week')
    if (monday < first || monday.plus({ weeks: 2 }) > last) continue
    monday = monday.startOf('day')
    for (const hub of plan.hubs.filter((h) => h.demo.kind === 'cfl')) {
      plan.closures.push({
        hub_id: hub.id,
        lab_id: null,
        span: { start: monday.toJSDate(), end: monday.plus({ weeks: 2 }).toJSDate() },
        reason: 'Chiusura estiva',
      })
    }
  }

  // The days of the window, computed once: luxon is too slow for the inner loops.
  interface Day {
    dt: DateTime
    iso: string
    weekday: number
    month: number
    /** 0 on the first day, 1 on the last. */
    progress: number
    /** UTC offset in minutes during the day: the clocks change at night, never between 09:00 and 22:00. */
    offset: number
  }
  const days: Day[] = []
  for (let d = first; d < last; d = d.plus({ days: 1 })) {
    days.push({ dt: d, iso: isoDay(d), weekday: d.weekday, month: d.month, progress: 0, offset: d.set({ hour: 12 }).offset })
  }
  for (const [i, d] of days.entries()) d.progress = i / days.length

  // Closed days, indexed by lab: every closure the plan has by now (global, hub, lab).
  const closedDays = new Map<string, Set<string>>()
  const closedOn = (lab: HistoryLab, day: Day) => {
    let closed = closedDays.get(lab.id)
    if (!closed) {
      closed = new Set()
      for (const c of plan.closures) {
        if (c.hub_id !== null && c.hub_id !== lab.hub_id) continue
        if (c.lab_id !== null && c.lab_id !== lab.id) continue
        for (let d = DateTime.fromJSDate(c.span.start, { zone }).startOf('day'); d.toJSDate() < c.span.end; d = d.plus({ days: 1 })) {
          closed.add(isoDay(d))
        }
      }
      closedDays.set(lab.id, closed)
    }
    return closed.has(day.iso)
  }

  // The neighbourhood groups: teams with no grant and no account; the hub's staff book for them.
  const groups = HISTORY_TEAMS.map((g) => ({
    id: randomUUID(),
    demo: g,
    name: g.name,
    legal_status: g.legalStatus,
    contact_email: g.contactEmail,
    call_reference: null,
  }))
  plan.teams.push(...groups)
  const groupIds = new Set<string>(groups.map((g) => g.id))

  // Each grant of a call team may pay for part of its hours in the past year.
  const budget = new Map(plan.grants.map((g) => [g, Number(g.hours) * HISTORY_GRANT_SHARE]))
  const chargeGrant = (teamId: string, lab: HistoryLab, date: string, span: Span, consumes: boolean): boolean => {
    if (groupIds.has(teamId)) return !lab.requires_grant
    const hours = (span.end.getTime() - span.start.getTime()) / 3_600_000
    const covering = plan.grants.filter(
      (g) =>
        g.team_id === teamId &&
        date >= g.from_date &&
        date <= g.to_date &&
        (!g.hub_id || g.hub_id === lab.hub_id) &&
        (!g.lab_type || g.lab_type === lab.type),
    )
    // The most specific grant pays first, as the grants feature does.
    covering.sort((a, b) => Number(!!b.hub_id) + Number(!!b.lab_type) - Number(!!a.hub_id) - Number(!!a.lab_type))
    const grant = covering.find((g) => (budget.get(g) ?? 0) >= hours)
    if (!grant) return false
    if (consumes) budget.set(grant, (budget.get(grant) ?? 0) - hours)
    return true
  }

  // Every booking of the history sits on one of the day's slots, which never overlap each other, so
  // "is it free" is "is this lab's (or asset's) slot on that day taken".
  const taken = new Set<string>()
  const assetBusy = new Set<string>()
  const labUsers = (lab: HistoryLab) => plan.teams.filter((t) => t.demo.uses.includes(lab.ref))

  const categoriesOf = (participants: number) => participantCategories(participants, random)

  /** How a past booking ended: mostly held, some cancelled, teams miss more sessions than the staff. */
  const settle = (teamId: string | null): { status: BookingStatus; reason: string | null } => {
    const roll = random()
    if (roll < 0.06) return { status: 'cancelled', reason: pick(CANCEL_REASONS) }
    if (roll < (teamId ? 0.12 : 0.08)) return { status: 'no_show', reason: null }
    return { status: 'completed', reason: null }
  }

  const place = (lab: HistoryLab, day: Day, slot: Slot, teamId: string | null, title: string): HistoryBooking | null => {
    const span = spanOf(day, slot)
    const slotKey = `${day.iso} ${slot[0]}`
    if (taken.has(`${lab.id} ${slotKey}`)) return null
    const { status, reason } = settle(teamId)
    if (teamId && !chargeGrant(teamId, lab, day.iso, span, status !== 'cancelled')) return null
    if (!teamId && lab.requires_grant) return null
    taken.add(`${lab.id} ${slotKey}`)
    const participants = status === 'completed' ? Math.max(2, Math.round(lab.capacity * (0.35 + 0.6 * random()))) : null
    const booker = teamId && !groupIds.has(teamId) ? ctx.bookerOf(teamId) : ctx.staffOf(lab)
    const booking: HistoryBooking = {
      id: randomUUID(),
      series_id: null,
      lab_id: lab.id,
      team_id: teamId,
      title,
      span,
      status,
      expected_participants: Math.round(lab.capacity * 0.75),
      participants,
      participant_categories: participants === null ? null : categoriesOf(participants),
      status_reason: reason,
      created_by: booker,
      created_at: new Date(span.start.getTime() - (3 + Math.floor(random() * 25)) * 86_400_000),
      // Teams check in at the door in about half of the sessions they held.
      checked_in_at:
        status === 'completed' && teamId && random() < 0.5 ? new Date(span.start.getTime() + Math.floor(random() * 10) * 60_000) : null,
      checked_in_by: null,
    }
    if (booking.checked_in_at) booking.checked_in_by = booker
    plan.bookings.push(booking)
    // Equipment only for the last months: older allocations show nowhere and would slow the first start.
    if (status !== 'cancelled' && day.progress > EQUIPPED_FROM) equip(booking, lab, slotKey)
    return booking
  }

  const EQUIPMENT: Partial<Record<LabType, [string, number]>> = {
    kitchen: ['oven', 1],
    digital: ['printer3d', 1],
    it: ['laptop', 6],
    tailoring: ['sewing', 4],
    fashion: ['sewing', 3],
  }
  const equip = (booking: HistoryBooking, lab: HistoryLab, slotKey: string) => {
    const need = EQUIPMENT[lab.type]
    if (!need) return
    let left = need[1]
    for (const asset of plan.assets) {
      if (left === 0) break
      if (asset.lab_id !== lab.id || asset.typeKey !== need[0] || (asset.status ?? 'active') !== 'active') continue
      if (assetBusy.has(`${asset.id} ${slotKey}`)) continue
      assetBusy.add(`${asset.id} ${slotKey}`)
      plan.allocations.push({ asset_id: asset.id, booking_id: booking.id, span: booking.span, released_at: booking.span.end })
      left--
    }
  }

  const fits = (lab: HistoryLab, day: Day, [from, to]: Slot) => {
    const length = minutes(to) - minutes(from)
    if (lab.min_duration_minutes && length < lab.min_duration_minutes) return false
    if (lab.max_duration_minutes && length > lab.max_duration_minutes) return false
    return ctx.weekOf(lab).some((i) => i.weekday === day.weekday && minutes(i.open) <= minutes(from) && minutes(to) <= minutes(i.close))
  }
  const spans = new Map<string, Span>()
  const spanOf = (day: Day, [from, to]: Slot): Span => {
    const key = `${day.iso} ${from} ${to}`
    let span = spans.get(key)
    if (!span) {
      const wall = (hhmm: string) =>
        new Date(
          Date.UTC(day.dt.year, day.dt.month - 1, day.dt.day, Number(hhmm.slice(0, 2)), Number(hhmm.slice(3, 5))) - day.offset * 60_000,
        )
      span = { start: wall(from), end: wall(to) }
      spans.set(key, span)
    }
    return span
  }
  /** The programme grows over its first year: from 60 % of today's activity to all of it. */
  const growth = (day: Day) => 0.6 + 0.4 * day.progress
  const seasonOf = (lab: HistoryLab, day: Day) =>
    SEASON[day.month] * (lab.type === 'gardening' && (day.month <= 2 || day.month >= 11) ? 0.4 : 1)

  // Weekly courses: each term, one or two per lab, same weekday and hours every week.
  for (let year = first.year; year <= today.year; year++) {
    for (const term of TERMS) {
      const termStart = DateTime.fromObject({ year, month: term.from[0], day: term.from[1] }, { zone })
      const termEnd = DateTime.fromObject({ year, month: term.to[0], day: term.to[1] }, { zone })
      if (termEnd < first || termStart >= last) continue
      const [fromIso, toIso] = [isoDay(termStart), isoDay(termEnd)]
      const summer = term.from[0] === 6
      for (const lab of plan.labs) {
        const courses = summer ? (random() < 0.5 ? 1 : 0) : 1 + (random() < 0.6 ? 1 : 0)
        for (let n = 0; n < courses; n++) {
          const weekday = 1 + Math.floor(random() * 5)
          const slots = ctx.slotsFor(lab.hub.demo.kind, weekday)
          const slot = pick(slots)
          const users = labUsers(lab).filter((t) => !lab.requires_grant || !groupIds.has(t.id))
          const team = users.length && random() < 0.85 ? pick(users) : null
          if (!team && lab.requires_grant) continue
          const title = team ? pick(team.demo.titles) : ctx.internalTitle(lab.type)
          for (const day of days) {
            if (day.weekday !== weekday || day.iso < fromIso || day.iso > toIso) continue
            if (!fits(lab, day, slot) || closedOn(lab, day)) continue
            place(lab, day, slot, team?.id ?? null, title)
          }
        }
      }
    }
  }

  // One-off bookings over the free slots, with the seasons and the programme's growth.
  for (const day of days) {
    if (day.weekday === 7) continue
    for (const lab of plan.labs) {
      if (closedOn(lab, day)) continue
      const chance = 0.3 * seasonOf(lab, day) * growth(day)
      for (const slot of ctx.slotsFor(lab.hub.demo.kind, day.weekday)) {
        if (random() > chance || !fits(lab, day, slot)) continue
        // A team that uses the lab (one whose grant is spent gives way to another), else the staff.
        const users = labUsers(lab)
        const first = users.length && random() < 0.75 ? pick(users) : null
        const candidates = first ? [first, ...users.filter((t) => t !== first && groupIds.has(t.id)), null] : [null]
        for (const team of candidates) {
          if (place(lab, day, slot, team?.id ?? null, team ? pick(team.demo.titles) : ctx.internalTitle(lab.type))) break
        }
      }
    }
  }
}
