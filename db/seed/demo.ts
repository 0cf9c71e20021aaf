import { randomUUID } from 'node:crypto'
import { type Insertable, type Kysely, sql, type Transaction } from 'kysely'
import { DateTime } from 'luxon'
import { hashPassword } from '../../backend/features/auth/passwords.ts'
import { zoneNamed } from '../../backend/time.ts'
import type {
  AreasTable,
  BookingStatus,
  Database,
  EquipmentAssetsTable,
  EquipmentTypesTable,
  GrantsTable,
  HubsTable,
  LabsTable,
  LabType,
  OperatorsTable,
  TeamsTable,
  UsersTable,
} from '../schema.ts'
import {
  CFL_WEEK,
  COMMUNITY_WEEK,
  DEMO_AREAS,
  DEMO_EQUIPMENT_TYPES,
  DEMO_HUBS,
  DEMO_OPERATORS,
  DEMO_TEAMS,
  type DemoHub,
  type DemoLab,
} from './demo-catalogue.ts'
import { addDemoHistory, participantCategories } from './demo-history.ts'
import { insertDemoProgramme } from './demo-programme.ts'
import { milanHolidays, nextDay } from './italian-holidays.ts'

export const DEMO_PASSWORD = 'spazi-demo'
export const DEMO_ZONE = 'Europe/Rome'

/** The accounts of the public contract (§1), all with DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = {
  admin: 'admin@spazicomuni.demo',
  operator: 'operatore@spazicomuni.demo',
  member: 'team@spazicomuni.demo',
} as const

/** The share of each grant that the seeded bookings may use. */
const DEMO_GRANT_SEEDED_SHARE = 0.4

/** How far around today the demo has bookings. */
const WEEKS_BEFORE = 3
const WEEKS_AFTER = 3
/** Holidays are closures of every hub for the current year and the next three. */
const HOLIDAY_YEARS = 4

interface Span {
  start: Date
  end: Date
}

/** Deterministic pseudo-random numbers (mulberry32), so that every demo looks alike. */
function randomSource(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A real-looking Italian VAT number: ten digits and the Luhn-style check digit of the Agenzia delle Entrate. */
export function partitaIva(firstTen: string): string {
  let sum = 0
  for (let i = 0; i < 10; i++) {
    let digit = Number(firstTen[i])
    if (i % 2 === 1) {
      digit *= 2
      if (digit > 9) digit -= 9
    }
    sum += digit
  }
  return `${firstTen}${(10 - (sum % 10)) % 10}`
}

const overlapsAny = (span: Span, others: Span[]) => others.some((o) => span.start < o.end && o.start < span.end)

/** Local wall-clock slots booked in the demo, per kind of hub and day (Saturday: morning only). */
function slotsFor(kind: DemoHub['kind'], weekday: number): Array<[string, string]> {
  const weekdaySlots: Array<[string, string]> =
    kind === 'cfl'
      ? [
          ['09:30', '12:30'],
          ['14:30', '17:30'],
          ['18:00', '20:30'],
        ]
      : [
          ['10:00', '12:30'],
          ['15:00', '18:00'],
          ['18:30', '21:30'],
        ]
  if (weekday === 7) return []
  if (weekday === 6) return [weekdaySlots[0]]
  return weekdaySlots
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5))

function localSpan(day: DateTime, from: string, to: string): Span {
  const at = (hhmm: string) => day.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 })
  return { start: at(from).toJSDate(), end: at(to).toJSDate() }
}

type Row<T> = Insertable<T> & { id: string }

interface PlannedBooking {
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
  /** Set by the past year's history (demo-history.ts); the recent weeks leave the defaults. */
  created_at?: Date
  checked_in_at?: Date | null
  checked_in_by?: string | null
}

/**
 * Everything the demo inserts, built in memory around `now` (pure but for the ids): the catalogue of
 * Milan hubs, holidays, operators with concessions, teams with grants, equipment, and a few weeks of
 * bookings that respect opening hours, closures, durations, grants and each other.
 */
export function buildDemoPlan(now: DateTime, passwordHash: string) {
  const random = randomSource(2026)
  // A zone that remembers its offsets: luxon asks Intl for every DateTime of a zone given by name.
  const zone = zoneNamed(DEMO_ZONE)
  const today = now.setZone(zone).startOf('day')
  const year = today.year
  const isoDay = (d: DateTime) => d.toFormat('yyyy-MM-dd')
  const callReference = `Bando Hub Innovazione Inclusiva ${year}`

  const areas: Array<Row<AreasTable> & { key: string }> = DEMO_AREAS.map((a) => ({
    id: randomUUID(),
    key: a.key,
    name: a.name,
    nil_id: a.nilId,
    municipio: a.municipio,
    is_target: a.isTarget,
  }))
  const areaId = (key: string) => areas.find((a) => a.key === key)!.id

  const hubs: Array<Row<HubsTable> & { demo: DemoHub }> = DEMO_HUBS.map((h) => ({
    id: randomUUID(),
    demo: h,
    name: h.name,
    kind: h.kind,
    address: h.address,
    area_id: areaId(h.area),
    timezone: DEMO_ZONE,
    phone: h.phone,
    email: h.email,
    description: h.description,
  }))
  const hubByKey = (key: string) => hubs.find((h) => h.demo.key === key)!
  const weekOf = (hub: DemoHub) => (hub.kind === 'cfl' ? CFL_WEEK : COMMUNITY_WEEK)

  const openingHours = hubs.flatMap((h) =>
    weekOf(h.demo).map((i) => ({ hub_id: h.id, weekday: i.weekday, opens: i.open, closes: i.close })),
  )

  const labs: Array<Row<LabsTable> & { hub: (typeof hubs)[number]; demo: DemoLab; ref: string }> = hubs.flatMap((hub) =>
    hub.demo.labs.map((l) => ({
      id: randomUUID(),
      hub,
      demo: l,
      ref: `${hub.demo.key}/${l.key}`,
      hub_id: hub.id,
      name: l.name,
      type: l.type,
      capacity: l.capacity,
      approval_required: l.approvalRequired ?? false,
      requires_grant: l.requiresGrant ?? false,
      min_duration_minutes: l.min,
      max_duration_minutes: l.max,
      description: l.description,
    })),
  )
  const labByRef = (ref: string) => labs.find((l) => l.ref === ref)!

  // Closures: the holidays of every hub, plus one hub and one lab closure in the coming days.
  const holidays = Array.from({ length: HOLIDAY_YEARS }, (_, i) => milanHolidays(year + i)).flat()
  const holidayDates = new Set(holidays.map((h) => h.date))
  const dayStart = (date: string) => DateTime.fromISO(date, { zone }).toJSDate()
  const closures: Array<{ hub_id: string | null; lab_id: string | null; span: Span; reason: string }> = holidays.map((h) => ({
    hub_id: null,
    lab_id: null,
    span: { start: dayStart(h.date), end: dayStart(nextDay(h.date)) },
    reason: h.name,
  }))
  const hubClosure = {
    hub_id: hubByKey('lorenteggio').id,
    lab_id: null,
    span: { start: today.plus({ days: 10 }).toJSDate(), end: today.plus({ days: 12 }).toJSDate() },
    reason: "Manutenzione straordinaria dell'impianto di riscaldamento",
  }
  const labClosure = {
    hub_id: null,
    lab_id: labByRef('niguarda/greenhouse').id,
    span: { start: today.plus({ days: 5 }).toJSDate(), end: today.plus({ days: 6 }).toJSDate() },
    reason: 'Trattamento antiparassitario della serra',
  }
  closures.push(hubClosure, labClosure)
  const closedFor = (lab: (typeof labs)[number], span: Span) =>
    holidayDates.has(DateTime.fromJSDate(span.start, { zone }).toFormat('yyyy-MM-dd')) ||
    closures.some((c) => (c.hub_id === lab.hub_id || c.lab_id === lab.id) && overlapsAny(span, [c.span]))

  // Operators and their concessions (in force today), plus an expired one for history.
  const operators: Array<Row<OperatorsTable> & { key: string }> = DEMO_OPERATORS.map((o) => ({
    id: randomUUID(),
    key: o.key,
    name: o.name,
    legal_form: o.legalForm,
    tax_code: partitaIva(o.taxCodeBase),
    email: o.email,
    phone: o.phone,
  }))
  const operatorId = (key: string) => operators.find((o) => o.key === key)!.id
  const concessions = [
    ...DEMO_OPERATORS[0].hubs.map((hub) => ({
      hub_id: hubByKey(hub).id,
      operator_id: operatorId('filo'),
      start_date: `${year - 1}-01-01`,
      end_date: `${year + 4}-12-31`,
      annual_fee_cents: 1_200_000,
      min_open_hours_per_week: 40,
      min_social_share_percent: 60,
      status: 'active' as const,
    })),
    {
      hub_id: hubByKey('niguarda').id,
      operator_id: operatorId('rete'),
      start_date: `${year - 1}-09-01`,
      end_date: `${year + 2}-08-31`,
      annual_fee_cents: 800_000,
      min_open_hours_per_week: 30,
      min_social_share_percent: 50,
      status: 'active' as const,
    },
    {
      hub_id: hubByKey('lorenteggio').id,
      operator_id: operatorId('rete'),
      start_date: `${year - 4}-01-01`,
      end_date: `${year - 2}-12-31`,
      annual_fee_cents: 600_000,
      min_open_hours_per_week: 30,
      min_social_share_percent: 50,
      status: 'expired' as const,
    },
  ]

  // Teams and their grants, awarded by the call a year ago and valid for the next year too.
  const grantFrom = isoDay(today.minus({ months: 12 }).startOf('week'))
  const grantTo = isoDay(today.plus({ days: 365 }))
  const teams: Array<Row<TeamsTable> & { demo: (typeof DEMO_TEAMS)[number] }> = DEMO_TEAMS.map((t) => ({
    id: randomUUID(),
    demo: t,
    name: t.name,
    legal_status: t.legalStatus,
    contact_email: t.contactEmail,
    call_reference: callReference,
  }))
  const teamByKey = (key: string) => teams.find((t) => t.demo.key === key)!
  const grants: Array<Row<GrantsTable> & { remaining: number; hubKey?: string; labType?: LabType }> = teams.flatMap((team) =>
    team.demo.grants.map((g) => ({
      id: randomUUID(),
      team_id: team.id,
      hours: g.hours,
      from_date: grantFrom,
      to_date: grantTo,
      hub_id: g.hub ? hubByKey(g.hub).id : null,
      lab_type: g.labType ?? null,
      reference: callReference,
      // The seeded bookings use at most part of each grant: a demo team must still have hours to book with.
      remaining: g.hours * DEMO_GRANT_SEEDED_SHARE,
      hubKey: g.hub,
      labType: g.labType,
    })),
  )
  /** Charges the hours to a grant of the team that covers the booking; false when none can. */
  const chargeGrant = (teamId: string, lab: (typeof labs)[number], span: Span, consumes: boolean): boolean => {
    const date = DateTime.fromJSDate(span.start, { zone }).toFormat('yyyy-MM-dd')
    const hours = (span.end.getTime() - span.start.getTime()) / 3_600_000
    const covering = grants.filter(
      (g) =>
        g.team_id === teamId &&
        date >= g.from_date &&
        date <= g.to_date &&
        (!g.hub_id || g.hub_id === lab.hub_id) &&
        (!g.lab_type || g.lab_type === lab.type),
    )
    // Demo teams book only what their grants pay for, so that every team's hours add up.
    if (covering.length === 0) return false
    const grant = covering.find((g) => g.remaining >= hours)
    if (!grant) return false
    if (consumes) grant.remaining -= hours
    return true
  }

  // People: the three contract accounts, a second operator, a second member, and one member per team.
  const users: Array<Row<UsersTable>> = []
  const teamMembers: Array<{ team_id: string; user_id: string }> = []
  const person = (email: string, name: string, role: UsersTable['role'], extra: { operator?: string; teams?: string[] } = {}) => {
    const id = randomUUID()
    users.push({
      id,
      email,
      name,
      role,
      password_hash: passwordHash,
      operator_id: extra.operator ? operatorId(extra.operator) : null,
      locale: 'it',
    })
    for (const key of extra.teams ?? []) teamMembers.push({ team_id: teamByKey(key).id, user_id: id })
    return id
  }
  const adminId = person(DEMO_ACCOUNTS.admin, 'Ufficio Periferie – Comune di Milano', 'admin')
  const operatorUserId = person(DEMO_ACCOUNTS.operator, 'Giorgia Colombo', 'operator', { operator: 'filo' })
  const reteUserId = person('operatore.rete@spazicomuni.demo', 'Davide Ferri', 'operator', { operator: 'rete' })
  person(DEMO_ACCOUNTS.member, 'Sara Esposito', 'member', { teams: ['sartoria', 'cucine'] })
  person('socio@spazicomuni.demo', 'Luca Romano', 'member', { teams: ['orti', 'codice'] })
  person('amina.haddad@spazicomuni.demo', 'Amina Haddad', 'member', { teams: ['donne'] })
  const bookerOf = (teamId: string) => teamMembers.find((m) => m.team_id === teamId)!.user_id
  const staffOf = (lab: (typeof labs)[number]) => {
    const concession = concessions.find((c) => c.hub_id === lab.hub_id && c.status === 'active')
    if (!concession) return adminId
    return concession.operator_id === operatorId('filo') ? operatorUserId : reteUserId
  }

  // Equipment: the types, and the assets of the labs whose type uses them.
  const equipmentTypes: Array<Row<EquipmentTypesTable> & { demo: (typeof DEMO_EQUIPMENT_TYPES)[number] }> = DEMO_EQUIPMENT_TYPES.map(
    (t) => ({
      id: randomUUID(),
      demo: t,
      name: t.name,
      category: t.category,
      requires_training: t.requiresTraining,
    }),
  )
  const typeByKey = (key: string) => equipmentTypes.find((t) => t.demo.key === key)!
  const assets: Array<Row<EquipmentAssetsTable> & { typeKey: string }> = []
  const tagCounter = new Map<string, number>()
  for (const lab of labs) {
    for (const type of equipmentTypes) {
      if (!(type.demo.labTypes as readonly LabType[]).includes(lab.type)) continue
      for (let n = 1; n <= type.demo.perLab; n++) {
        const prefix = `${lab.hub.demo.code}-${type.demo.code}`
        const serial = (tagCounter.get(prefix) ?? 0) + 1
        tagCounter.set(prefix, serial)
        assets.push({
          id: randomUUID(),
          typeKey: type.demo.key,
          type_id: type.id,
          lab_id: lab.id,
          asset_tag: `${prefix}-${String(serial).padStart(2, '0')}`,
          serial_number: `SN${Math.floor(random() * 1e9)
            .toString()
            .padStart(9, '0')}`,
          condition: n === 1 ? 'new' : 'good',
          purchase_date: `${year - 1 - (n % 2)}-0${1 + (n % 9)}-15`,
          notes: null,
        })
      }
    }
  }
  const assetsOf = (lab: (typeof labs)[number], typeKey: string) => assets.filter((a) => a.lab_id === lab.id && a.typeKey === typeKey)
  const brokenOven = assetsOf(labByRef('corvetto/kitchen'), 'oven')[1]
  Object.assign(brokenOven, { status: 'maintenance', condition: 'needs_repair', notes: 'Resistenza da sostituire: in attesa del tecnico.' })
  const oldLaptop = assetsOf(labByRef('lorenteggio/it'), 'laptop').at(-1)!
  Object.assign(oldLaptop, { status: 'retired', condition: 'damaged', notes: 'Scheda madre guasta, dismesso.' })
  const printerInService = assetsOf(labByRef('giambellino/fablab'), 'printer3d')[1]
  const maintenance = [
    {
      asset_id: printerInService.id,
      span: { start: today.plus({ days: 8, hours: 9 }).toJSDate(), end: today.plus({ days: 8, hours: 18 }).toJSDate() },
      reason: "Sostituzione dell'ugello e calibrazione",
      created_by: operatorUserId,
    },
  ]
  const trainings = [
    {
      team_id: teamByKey('codice').id,
      type_id: typeByKey('laser').id,
      person_name: 'Luca Romano',
      trained_on: isoDay(today.minus({ days: 40 })),
    },
    {
      team_id: teamByKey('orti').id,
      type_id: typeByKey('tiller').id,
      person_name: 'Luca Romano',
      trained_on: isoDay(today.minus({ days: 30 })),
    },
  ]

  // Bookings: a weekly series first, then a deterministic scatter over the free slots.
  const bookings: PlannedBooking[] = []
  const allocations: Array<{ asset_id: string; booking_id: string; span: Span; released_at: Date | null }> = []
  const series: Array<{
    id: string
    lab_id: string
    team_id: string
    rrule: string
    dtstart: Date
    duration_minutes: number
    title: string
    created_by: string
  }> = []
  const takenByLab = new Map<string, Span[]>()
  const isPast = (span: Span) => span.end.getTime() <= now.toMillis()

  const statusFor = (lab: (typeof labs)[number], span: Span, teamId: string | null): BookingStatus => {
    if (isPast(span)) {
      const roll = random()
      if (roll < 0.1) return 'no_show'
      if (roll < 0.15) return 'cancelled'
      return 'completed'
    }
    if (span.start.getTime() <= now.toMillis()) return 'confirmed'
    if (teamId && lab.approval_required) return random() < 0.6 ? 'pending' : 'confirmed'
    return random() < 0.04 ? 'cancelled' : 'confirmed'
  }

  const place = (lab: (typeof labs)[number], span: Span, teamId: string | null, title: string, seriesId: string | null = null) => {
    const taken = takenByLab.get(lab.id) ?? []
    if (overlapsAny(span, taken) || closedFor(lab, span)) return null
    const status = statusFor(lab, span, teamId)
    const consumes = status !== 'cancelled' && status !== 'rejected'
    if (teamId && !chargeGrant(teamId, lab, span, consumes)) return null
    if (!teamId && lab.requires_grant) return null
    taken.push(span)
    takenByLab.set(lab.id, taken)
    const participants = status === 'completed' ? Math.max(2, Math.round(lab.capacity * (0.4 + 0.6 * random()))) : null
    const booking: PlannedBooking = {
      id: randomUUID(),
      series_id: seriesId,
      lab_id: lab.id,
      team_id: teamId,
      title,
      span,
      status,
      expected_participants: Math.round(lab.capacity * 0.75),
      participants,
      participant_categories: participants === null ? null : participantCategories(participants, random),
      status_reason: status === 'cancelled' ? 'Annullato dal gruppo per indisponibilità dei docenti' : null,
      created_by: teamId ? bookerOf(teamId) : staffOf(lab),
    }
    bookings.push(booking)
    return booking
  }

  const allocate = (booking: PlannedBooking, lab: (typeof labs)[number], typeKey: string, quantity: number) => {
    if (booking.status === 'cancelled' || booking.status === 'rejected') return
    const free = assetsOf(lab, typeKey).filter(
      (a) =>
        (a.status ?? 'active') === 'active' &&
        !maintenance.some((m) => m.asset_id === a.id && overlapsAny(booking.span, [m.span])) &&
        !allocations.some((x) => x.asset_id === a.id && x.released_at === null && overlapsAny(booking.span, [x.span])),
    )
    for (const asset of free.slice(0, quantity)) {
      allocations.push({
        asset_id: asset.id,
        booking_id: booking.id,
        span: booking.span,
        released_at: isPast(booking.span) ? booking.span.end : null,
      })
    }
  }

  {
    const lab = labByRef('corvetto/tailoring')
    const team = teamByKey('sartoria')
    let first = today.minus({ weeks: WEEKS_BEFORE })
    while (first.weekday !== 2) first = first.plus({ days: 1 })
    const count = 8
    const seriesRow = {
      id: randomUUID(),
      lab_id: lab.id,
      team_id: team.id,
      rrule: `FREQ=WEEKLY;BYDAY=TU;COUNT=${count}`,
      dtstart: localSpan(first, '14:30', '17:30').start,
      duration_minutes: 180,
      title: 'Scuola di sartoria del martedì',
      created_by: bookerOf(team.id),
    }
    series.push(seriesRow)
    for (let week = 0; week < count; week++) {
      // An occurrence that falls on a closure is simply not there (as with skipConflicts).
      const booking = place(lab, localSpan(first.plus({ weeks: week }), '14:30', '17:30'), team.id, seriesRow.title, seriesRow.id)
      if (booking) allocate(booking, lab, 'sewing', 4)
    }
  }

  for (let offset = -WEEKS_BEFORE * 7; offset < WEEKS_AFTER * 7; offset++) {
    const day = today.plus({ days: offset })
    for (const lab of labs) {
      const week = weekOf(lab.hub.demo).filter((i) => i.weekday === day.weekday)
      for (const [from, to] of slotsFor(lab.hub.demo.kind, day.weekday)) {
        if (!week.some((i) => minutes(i.open) <= minutes(from) && minutes(to) <= minutes(i.close))) continue
        if (random() > 0.3) continue
        const users = teams.filter((t) => t.demo.uses.includes(lab.ref))
        const team = users.length && random() < 0.8 ? users[Math.floor(random() * users.length)] : null
        const title = team ? team.demo.titles[Math.floor(random() * team.demo.titles.length)] : internalTitle(lab.type)
        const booking = place(lab, localSpan(day, from, to), team?.id ?? null, title)
        if (!booking) continue
        if (lab.type === 'kitchen') allocate(booking, lab, 'oven', 1)
        if (lab.type === 'digital') allocate(booking, lab, 'printer3d', 1)
        if (lab.type === 'it') allocate(booking, lab, 'laptop', 6)
      }
    }
  }

  // One request the operator turned down, so the approval history is not empty.
  const rejected = bookings.find((b) => b.status === 'pending')
  if (rejected) {
    rejected.status = 'rejected'
    rejected.status_reason = 'Il laboratorio è riservato a un evento del Municipio in quella data.'
    const lab = labs.find((l) => l.id === rejected.lab_id)!
    const hours = (rejected.span.end.getTime() - rejected.span.start.getTime()) / 3_600_000
    const grant = grants.find(
      (g) => g.team_id === rejected.team_id && (!g.hub_id || g.hub_id === lab.hub_id) && (!g.lab_type || g.lab_type === lab.type),
    )
    if (grant) grant.remaining += hours
    for (let i = allocations.length - 1; i >= 0; i--) if (allocations[i].booking_id === rejected.id) allocations.splice(i, 1)
  }

  const plan = {
    areas,
    hubs,
    openingHours,
    labs,
    closures,
    operators,
    concessions,
    teams,
    grants,
    users,
    teamMembers,
    equipmentTypes,
    assets,
    maintenance,
    trainings,
    series,
    bookings,
    allocations,
  }
  // The programme's past year, before the weeks above (its own random source: the recent weeks stay as they were).
  addDemoHistory(plan, {
    now,
    zone: DEMO_ZONE,
    recentFrom: today.minus({ weeks: WEEKS_BEFORE }),
    weekOf: (lab) => (lab.hub.demo.kind === 'cfl' ? CFL_WEEK : COMMUNITY_WEEK),
    slotsFor,
    internalTitle,
    staffOf: (lab) => staffOf(labs.find((l) => l.id === lab.id)!),
    bookerOf,
    random: randomSource(1912),
  })
  return plan
}

function internalTitle(type: LabType): string {
  const titles: Record<LabType, string> = {
    kitchen: 'Corso comunale di cucina per il lavoro',
    it: 'Orientamento al lavoro – Comune di Milano',
    tailoring: 'Laboratorio aperto di sartoria',
    fashion: 'Prove per la sfilata di quartiere',
    gardening: "Giornata dell'orto aperto",
    digital: 'Open day del laboratorio digitale',
    multipurpose: 'Assemblea di quartiere',
  }
  return titles[type]
}

const range = (span: Span) => sql<string>`tstzrange(${span.start.toISOString()}::timestamptz, ${span.end.toISOString()}::timestamptz, '[)')`

async function inChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size))
}

async function insertPlan(trx: Transaction<Database>, plan: ReturnType<typeof buildDemoPlan>) {
  const strip = <T extends object, K extends string>(rows: T[], ...keys: K[]) =>
    rows.map((row) => Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k as K))) as Omit<T, K>)

  await trx.insertInto('areas').values(strip(plan.areas, 'key')).execute()
  await trx.insertInto('hubs').values(strip(plan.hubs, 'demo')).execute()
  await trx.insertInto('opening_hours').values(plan.openingHours).execute()
  await trx
    .insertInto('labs')
    .values(strip(plan.labs, 'hub', 'demo', 'ref'))
    .execute()
  await inChunks(plan.closures, (chunk) =>
    trx
      .insertInto('closures')
      .values(chunk.map((c) => ({ hub_id: c.hub_id, lab_id: c.lab_id, during: range(c.span), reason: c.reason })))
      .execute(),
  )
  await trx.insertInto('operators').values(strip(plan.operators, 'key')).execute()
  await trx.insertInto('concessions').values(plan.concessions).execute()
  await trx.insertInto('teams').values(strip(plan.teams, 'demo')).execute()
  await trx.insertInto('users').values(plan.users).execute()
  await trx.insertInto('team_members').values(plan.teamMembers).execute()
  await trx
    .insertInto('grants')
    .values(strip(plan.grants, 'remaining', 'hubKey', 'labType'))
    .execute()
  await trx.insertInto('equipment_types').values(strip(plan.equipmentTypes, 'demo')).execute()
  await inChunks(strip(plan.assets, 'typeKey'), (chunk) => trx.insertInto('equipment_assets').values(chunk).execute())
  await trx
    .insertInto('maintenance_windows')
    .values(plan.maintenance.map((m) => ({ asset_id: m.asset_id, during: range(m.span), reason: m.reason, created_by: m.created_by })))
    .execute()
  await trx.insertInto('trainings').values(plan.trainings).execute()
  if (plan.series.length) await trx.insertInto('booking_series').values(plan.series).execute()
  await inChunks(plan.bookings, (chunk) =>
    trx
      .insertInto('bookings')
      .values(
        chunk.map((b) => ({
          id: b.id,
          series_id: b.series_id,
          lab_id: b.lab_id,
          team_id: b.team_id,
          title: b.title,
          during: range(b.span),
          status: b.status,
          expected_participants: b.expected_participants,
          participants: b.participants,
          participant_categories: b.participant_categories,
          status_reason: b.status_reason,
          created_by: b.created_by,
          created_at: b.created_at,
          checked_in_at: b.checked_in_at,
          checked_in_by: b.checked_in_by,
        })),
      )
      .execute(),
  )
  await inChunks(plan.allocations, (chunk) =>
    trx
      .insertInto('equipment_allocations')
      .values(chunk.map((a) => ({ asset_id: a.asset_id, booking_id: a.booking_id, during: range(a.span), released_at: a.released_at })))
      .execute(),
  )
}

/**
 * Seeds the demo data when the database has no hub yet, in one transaction (all or nothing).
 * Returns true when it seeded. Safe when several processes start at once: they queue on a lock.
 */
export async function seedDemoIfEmpty(db: Kysely<Database>, now: DateTime = DateTime.now()): Promise<boolean> {
  if (await db.selectFrom('hubs').select('id').limit(1).executeTakeFirst()) return false
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(727260001)`.execute(trx)
    if (await trx.selectFrom('hubs').select('id').limit(1).executeTakeFirst()) return false
    const plan = buildDemoPlan(now, passwordHash)
    await insertPlan(trx, plan)
    // the programme that funded the teams: call, awards, indicators, reports (demo-programme.ts)
    const adminId = plan.users.find((u) => u.email === DEMO_ACCOUNTS.admin)!.id as string
    const today = now.setZone(zoneNamed(DEMO_ZONE)).startOf('day')
    await insertDemoProgramme(
      trx,
      { ...plan, adminId },
      today,
      plan.teams[0].call_reference ?? `Bando Hub Innovazione Inclusiva ${today.year}`,
    )
    return true
  })
}
