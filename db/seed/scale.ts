import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { type Kysely, sql } from 'kysely'
import { DateTime } from 'luxon'
import { loadConfig } from '../../backend/config.ts'
import { hashPassword } from '../../backend/features/auth/passwords.ts'
import { connectDatabase, migrateToLatest } from '../connect.ts'
import { type Database, LAB_TYPES, type LabType } from '../schema.ts'
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo.ts'
import { milanHolidays } from './italian-holidays.ts'
import { NIL_AREAS } from './nil-areas.ts'

/**
 * The Milan-scale dataset (`npm run seed:scale`): 36 hubs in 35 real NIL, 180 labs, 640 teams, 3,240 assets,
 * ≈ 200,000 bookings over 2027–2028 at about 40 % utilisation (a tenth of them from weekly series), public
 * holidays and 7 December as closures of every hub, summer closures, concessions, grants, attendance, and
 * the demo accounts. Deterministic: the same seed gives the same rows (ids included). Bulk-loaded with
 * `insert … select from unnest(arrays)` in chunks, never through the HTTP API; bookings are generated per
 * lab inside opening hours, outside closures, never overlapping (the exclusion constraint would refuse it).
 */

/** The dataset is a snapshot seen on this date: bookings that started before it are past (attended, no-show). */
export const SCALE_AS_OF = '2028-07-01'
export const SCALE_FROM = '2027-01-01'
export const SCALE_TO = '2029-01-01'
const ZONE = 'Europe/Rome'

export interface ScaleOptions {
  seed?: number
  log?: (msg: string) => void
}

export interface ScaleSummary {
  seed: number
  areas: number
  hubs: number
  labs: number
  teams: number
  users: number
  assets: number
  closures: number
  concessions: number
  grants: number
  series: number
  bookings: number
  /** Booked hours (confirmed, completed, no-show) over open hours of every lab, 2027–2028. */
  utilisation: number
  seconds: number
}

/** mulberry32: small, fast, good enough for test data, and the same everywhere. */
export class Prng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]
  }
  chance(p: number): boolean {
    return this.next() < p
  }
  /** A version-4-shaped UUID drawn from the generator (so ids are reproducible too). */
  uuid(): string {
    const hex = [0, 1, 2, 3]
      .map(() =>
        Math.floor(this.next() * 4294967296)
          .toString(16)
          .padStart(8, '0'),
      )
      .join('')
    const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
}

// ---------- reference data ----------

type Interval = [number, number] // local minutes from midnight
type WeekPattern = Record<number, Interval[]> // ISO weekday → intervals

const h = (hh: number, mm = 0) => hh * 60 + mm
const OPENING_PATTERNS: { name: string; week: WeekPattern }[] = [
  // a CFL: weekdays 08–20, Saturday morning
  {
    name: 'cfl',
    week: { 1: [[h(8), h(20)]], 2: [[h(8), h(20)]], 3: [[h(8), h(20)]], 4: [[h(8), h(20)]], 5: [[h(8), h(20)]], 6: [[h(9), h(13)]] },
  },
  // a community hub with a lunch break
  {
    name: 'split',
    week: Object.fromEntries(
      [1, 2, 3, 4, 5, 6].map((d) => [
        d,
        [
          [h(9), h(13)],
          [h(14), h(21)],
        ],
      ]),
    ),
  },
  // a community hub open late, Sunday too, closed on Monday
  { name: 'late', week: Object.fromEntries([2, 3, 4, 5, 6, 7].map((d) => [d, [[h(10), h(22)]]])) },
]

const TITLES: Record<LabType, string[]> = {
  kitchen: ['Corso di cucina multietnica', 'Laboratorio di pasticceria', 'Catering sociale', 'Cucina per il lavoro', 'Pranzo di quartiere'],
  it: ['Alfabetizzazione digitale', 'Corso di programmazione', 'Sportello SPID e servizi online', 'Coding per ragazze e ragazzi'],
  tailoring: ['Sartoria sociale', 'Riparazioni e riuso', 'Corso di cucito', 'Laboratorio di maglia'],
  fashion: ['Moda sostenibile', 'Modellistica', 'Upcycling tessile', 'Sfilata di quartiere: prove'],
  gardening: ['Orto condiviso', 'Giardinaggio terapeutico', 'Apicoltura urbana', 'Semina e trapianti'],
  digital: ['Stampa 3D', 'Taglio laser', 'Fab lab aperto', 'Elettronica per principianti', 'Riparazione di dispositivi'],
  multipurpose: ['Assemblea di quartiere', 'Doposcuola', 'Corso di italiano L2', 'Incontro di comunità', 'Sportello lavoro'],
}

const EQUIPMENT: { name: string; category: string; training: boolean; labTypes: LabType[] }[] = [
  { name: 'Forno professionale', category: 'cucina', training: true, labTypes: ['kitchen'] },
  { name: 'Impastatrice planetaria', category: 'cucina', training: false, labTypes: ['kitchen'] },
  { name: 'Abbattitore di temperatura', category: 'cucina', training: true, labTypes: ['kitchen'] },
  { name: 'Piano a induzione', category: 'cucina', training: false, labTypes: ['kitchen'] },
  { name: 'PC portatile', category: 'informatica', training: false, labTypes: ['it', 'digital', 'multipurpose'] },
  { name: 'PC fisso', category: 'informatica', training: false, labTypes: ['it'] },
  { name: 'Proiettore', category: 'audiovisivi', training: false, labTypes: ['it', 'multipurpose'] },
  { name: 'Tablet', category: 'informatica', training: false, labTypes: ['it', 'multipurpose'] },
  { name: 'Macchina da cucire', category: 'sartoria', training: false, labTypes: ['tailoring', 'fashion'] },
  { name: 'Tagliacuci', category: 'sartoria', training: true, labTypes: ['tailoring', 'fashion'] },
  { name: 'Ferro da stiro industriale', category: 'sartoria', training: false, labTypes: ['tailoring', 'fashion'] },
  { name: 'Manichino sartoriale', category: 'moda', training: false, labTypes: ['fashion'] },
  { name: 'Plotter da taglio', category: 'moda', training: true, labTypes: ['fashion', 'digital'] },
  { name: 'Motozappa', category: 'giardinaggio', training: true, labTypes: ['gardening'] },
  { name: 'Kit attrezzi da orto', category: 'giardinaggio', training: false, labTypes: ['gardening'] },
  { name: 'Serra mobile', category: 'giardinaggio', training: false, labTypes: ['gardening'] },
  { name: 'Stampante 3D', category: 'fabbricazione digitale', training: true, labTypes: ['digital'] },
  { name: 'Tagliatrice laser', category: 'fabbricazione digitale', training: true, labTypes: ['digital'] },
  { name: 'Fresa CNC', category: 'fabbricazione digitale', training: true, labTypes: ['digital'] },
  { name: 'Kit Arduino', category: 'elettronica', training: false, labTypes: ['digital', 'it'] },
  { name: 'Stazione di saldatura', category: 'elettronica', training: true, labTypes: ['digital'] },
  { name: 'Impianto audio portatile', category: 'audiovisivi', training: false, labTypes: ['multipurpose'] },
  { name: 'Tavolo pieghevole', category: 'arredo', training: false, labTypes: ['multipurpose', 'gardening', 'kitchen'] },
  { name: 'Lavagna interattiva', category: 'audiovisivi', training: false, labTypes: ['multipurpose', 'it'] },
]

const LAB_NAMES: Record<LabType, string> = {
  kitchen: 'Cucina',
  it: 'Aula informatica',
  tailoring: 'Sartoria',
  fashion: 'Atelier moda',
  gardening: 'Orto',
  digital: 'Fab lab',
  multipurpose: 'Sala polifunzionale',
}

const OPERATOR_NAMES = [
  'Cooperativa sociale Il Giambellino',
  'Cooperativa sociale Comunità Progetto',
  'Associazione Terzo Paesaggio',
  'Impresa sociale Officine di Quartiere',
  'Cooperativa La Cordata',
  'Fondazione Casa della Carità',
  'Cooperativa sociale Spazio Aperto',
  'Associazione Mare Culturale Urbano',
  'Cooperativa Tempo per l’Infanzia',
  'Impresa sociale Rete Periferie',
  'Cooperativa sociale Lotta contro l’Emarginazione',
  'Associazione Cascina Cuccagna',
  'Cooperativa Diapason',
  'Consorzio Sir',
  'Cooperativa sociale Farsi Prossimo',
  'Associazione Acli Milanesi',
  'Cooperativa Zero5',
  'Impresa sociale Labsus Milano',
  'Cooperativa sociale Detto Fatto',
  'Associazione Quartieri Tranquilli',
]

const TEAM_WORDS_A = [
  'Associazione',
  'Comitato',
  'Gruppo',
  'Rete',
  'Cooperativa',
  'Collettivo',
  'Laboratorio',
  'Officina',
  'Circolo',
  'Progetto',
]
const TEAM_WORDS_B = [
  'Mani in pasta',
  'Orti di quartiere',
  'Codice aperto',
  'Filo e ago',
  'Seconda vita',
  'Ragazzi del cortile',
  'Donne in rete',
  'Nuovi cittadini',
  'Ciclofficina',
  'Radici',
  'Ponte',
  'Bottega solidale',
  'Cucine del mondo',
  'Scuola di strada',
  'Makers',
  'Passaparola',
  'Tessere',
  'Germogli',
  'Abitare',
  'Fili d’erba',
]
const LEGAL = ['informal', 'association', 'association', 'cooperative', 'social_enterprise', 'other'] as const
const CALLS = [
  'Bando Hub Periferie 2027',
  'Bando Hub Periferie 2028',
  'Bando Innovazione Inclusiva 2027',
  'Bando Innovazione Inclusiva 2028',
]
const CATEGORIES = ['donne', 'under25', 'over65', 'stranieri']

// ---------- time helpers (local wall time → instants, with the zone's offset of each date) ----------

interface Day {
  date: string
  weekday: number
  /** UTC ms of local midnight + minutes → instant; valid for wall times after 03:00 (opening hours are). */
  utcMidnight: number
  offsetMinutes: number
  index: number
}

function daysOf(from: string, to: string): Day[] {
  const days: Day[] = []
  let d = DateTime.fromISO(from, { zone: ZONE })
  const end = DateTime.fromISO(to, { zone: ZONE })
  let index = 0
  while (d < end) {
    const noon = d.set({ hour: 12 })
    days.push({
      date: d.toISODate()!,
      weekday: d.weekday,
      utcMidnight: Date.UTC(d.year, d.month - 1, d.day),
      offsetMinutes: noon.offset,
      index: index++,
    })
    d = d.plus({ days: 1 })
  }
  return days
}

const instant = (day: Day, minute: number) => day.utcMidnight + (minute - day.offsetMinutes) * 60_000
const iso = (ms: number) => new Date(ms).toISOString()
const range = (startMs: number, endMs: number) => `[${iso(startMs)},${iso(endMs)})`

// ---------- bulk loading ----------

type PgType = 'uuid' | 'text' | 'int4' | 'int2' | 'int8' | 'bool' | 'date' | 'time' | 'numeric' | 'tstzrange' | 'timestamptz' | 'jsonb'
type Row = Record<string, string | number | boolean | null>

/** `insert into table (cols) select * from unnest($1::type[], …)`: one round trip per chunk, few parameters. */
async function bulkInsert(db: Kysely<Database>, table: string, columns: Record<string, PgType>, rows: Row[], chunk = 10_000) {
  const names = Object.keys(columns)
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk)
    const arrays = names.map((n) => sql`${part.map((r) => r[n] ?? null)}::${sql.raw(columns[n])}[]`)
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.id(n)))}) select * from unnest(${sql.join(arrays)})`.execute(
      db,
    )
  }
}

// ---------- the dataset ----------

interface HubPlan {
  id: string
  index: number
  kind: 'cfl' | 'community_hub'
  pattern: WeekPattern
  summerClosure: boolean
  teams: string[]
}

interface LabPlan {
  id: string
  hub: HubPlan
  type: LabType
  capacity: number
  approvalRequired: boolean
  closedDates: Set<string>
}

export async function isEmptyDatabase(db: Kysely<Database>): Promise<boolean> {
  const row = await sql<{
    used: boolean
  }>`select exists (select 1 from hubs) or exists (select 1 from users) or exists (select 1 from bookings) as used`.execute(db)
  return !row.rows[0].used
}

export async function seedScale(db: Kysely<Database>, options: ScaleOptions = {}): Promise<ScaleSummary> {
  const seed = options.seed ?? 2027
  const log = options.log ?? (() => {})
  const started = Date.now()
  const rnd = new Prng(seed)
  const lap = (what: string) => log(`  ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)`)

  if (!(await isEmptyDatabase(db))) {
    throw new Error(
      'The database is not empty: the Milan-scale dataset goes only into an empty database (drop it, or point DATABASE_URL at a new one).',
    )
  }

  // Areas and hubs: one hub per NIL, a second one in Lodi-Corvetto.
  const areas = NIL_AREAS.map((a) => ({ id: rnd.uuid(), ...a }))
  await bulkInsert(
    db,
    'areas',
    { id: 'uuid', name: 'text', nil_id: 'int4', municipio: 'int2', is_target: 'bool' },
    areas.map((a) => ({ id: a.id, name: a.name, nil_id: a.nilId, municipio: a.municipio, is_target: a.isTarget })),
  )
  const hubAreas = [...areas, areas.find((a) => a.nilId === 35)!]
  const hubs: HubPlan[] = hubAreas.map((_area, index) => {
    const kind = index % 5 === 0 ? 'cfl' : 'community_hub'
    return {
      id: rnd.uuid(),
      index,
      kind,
      pattern: (kind === 'cfl' ? OPENING_PATTERNS[0] : OPENING_PATTERNS[1 + (index % 2)]).week,
      summerClosure: index % 3 === 0,
      teams: [],
    }
  })
  await bulkInsert(
    db,
    'hubs',
    { id: 'uuid', name: 'text', kind: 'text', address: 'text', area_id: 'uuid', timezone: 'text', email: 'text' },
    hubs.map((hub, i) => {
      const area = hubAreas[i]
      const second = i >= areas.length ? ' 2' : ''
      return {
        id: hub.id,
        name: hub.kind === 'cfl' ? `CFL ${area.name}${second}` : `Hub di comunità ${area.name}${second}`,
        kind: hub.kind,
        address: `${area.street} ${rnd.int(1, 180)}, Milano`,
        area_id: area.id,
        timezone: ZONE,
        email: `hub${i + 1}@spazicomuni.example`,
      }
    }),
  )
  await bulkInsert(
    db,
    'opening_hours',
    { hub_id: 'uuid', weekday: 'int2', opens: 'time', closes: 'time' },
    hubs.flatMap((hub) =>
      Object.entries(hub.pattern).flatMap(([weekday, intervals]) =>
        intervals.map(([o, c]) => ({ hub_id: hub.id, weekday: Number(weekday), opens: minutesToTime(o), closes: minutesToTime(c) })),
      ),
    ),
  )
  lap(`${areas.length} areas, ${hubs.length} hubs`)

  // Labs: five per hub, every type, rotating.
  const labs: LabPlan[] = []
  for (const hub of hubs) {
    for (let j = 0; j < 5; j++) {
      const type = LAB_TYPES[(hub.index * 5 + j) % LAB_TYPES.length]
      labs.push({ id: rnd.uuid(), hub, type, capacity: rnd.int(8, 30), approvalRequired: rnd.chance(0.2), closedDates: new Set() })
    }
  }
  await bulkInsert(
    db,
    'labs',
    {
      id: 'uuid',
      hub_id: 'uuid',
      name: 'text',
      type: 'text',
      capacity: 'int4',
      approval_required: 'bool',
      requires_grant: 'bool',
      min_duration_minutes: 'int4',
      max_duration_minutes: 'int4',
    },
    labs.map((lab, i) => ({
      id: lab.id,
      hub_id: lab.hub.id,
      name: `${LAB_NAMES[lab.type]} ${String.fromCharCode(65 + (i % 5))}`,
      type: lab.type,
      capacity: lab.capacity,
      approval_required: lab.approvalRequired,
      requires_grant: i % 3 === 0,
      min_duration_minutes: 30,
      max_duration_minutes: 480,
    })),
  )

  // Equipment: the types, and eighteen assets per lab from the types that fit it.
  const types = EQUIPMENT.map((e) => ({ id: rnd.uuid(), ...e }))
  await bulkInsert(
    db,
    'equipment_types',
    { id: 'uuid', name: 'text', category: 'text', requires_training: 'bool' },
    types.map((t) => ({ id: t.id, name: t.name, category: t.category, requires_training: t.training })),
  )
  const assets: Row[] = []
  for (const [i, lab] of labs.entries()) {
    const fitting = types.filter((t) => t.labTypes.includes(lab.type))
    for (let n = 0; n < 18; n++) {
      const t = fitting[n % fitting.length]
      assets.push({
        id: rnd.uuid(),
        type_id: t.id,
        lab_id: lab.id,
        asset_tag: `MI-${String(i + 1).padStart(3, '0')}-${String(n + 1).padStart(2, '0')}`,
        serial_number: `SN${rnd.int(100000, 999999)}`,
        status: rnd.chance(0.03) ? 'maintenance' : 'active',
        condition: rnd.pick(['new', 'good', 'good', 'good', 'fair', 'worn']),
        purchase_date: `20${rnd.int(20, 26)}-${String(rnd.int(1, 12)).padStart(2, '0')}-15`,
        purchase_value_cents: rnd.int(50, 8000) * 100,
      })
    }
  }
  await bulkInsert(
    db,
    'equipment_assets',
    {
      id: 'uuid',
      type_id: 'uuid',
      lab_id: 'uuid',
      asset_tag: 'text',
      serial_number: 'text',
      status: 'text',
      condition: 'text',
      purchase_date: 'date',
      purchase_value_cents: 'int8',
    },
    assets,
  )
  lap(`${labs.length} labs, ${types.length} equipment types, ${assets.length} assets`)

  // Operators and their concessions (community hubs; the CFLs are run by the Comune). The first operator —
  // the demo one — holds the concessions of Giambellino and Lorenteggio.
  const operators = OPERATOR_NAMES.map((name, i) => ({
    id: rnd.uuid(),
    name,
    legal_form: name.startsWith('Associazione') ? 'associazione' : name.startsWith('Fondazione') ? 'fondazione' : 'cooperativa sociale',
    tax_code: String(10_000_000_000 + seed * 1000 + i).slice(-11),
    email: `info@operatore${i + 1}.example`,
  }))
  await bulkInsert(db, 'operators', { id: 'uuid', name: 'text', legal_form: 'text', tax_code: 'text', email: 'text' }, operators)
  const communityHubs = hubs.filter((hub) => hub.kind === 'community_hub')
  const concessions = communityHubs.map((hub, i) => ({
    id: rnd.uuid(),
    hub_id: hub.id,
    operator_id: operators[i < 2 ? 0 : 1 + ((i - 2) % (operators.length - 1))].id,
    start_date: '2026-01-01',
    end_date: '2029-12-31',
    annual_fee_cents: rnd.int(6, 40) * 100_000,
    min_open_hours_per_week: rnd.pick([36, 40, 45, 50]),
    min_social_share_percent: rnd.pick([60, 70, 75, 80]),
    status: 'active',
  }))
  await bulkInsert(
    db,
    'concessions',
    {
      id: 'uuid',
      hub_id: 'uuid',
      operator_id: 'uuid',
      start_date: 'date',
      end_date: 'date',
      annual_fee_cents: 'int8',
      min_open_hours_per_week: 'numeric',
      min_social_share_percent: 'numeric',
      status: 'text',
    },
    concessions,
  )

  // Teams: 640, each at home in one hub and a guest in another.
  const teams = Array.from({ length: 640 }, (_, i) => ({
    id: rnd.uuid(),
    name: `${TEAM_WORDS_A[i % TEAM_WORDS_A.length]} ${TEAM_WORDS_B[Math.floor(i / TEAM_WORDS_A.length) % TEAM_WORDS_B.length]} ${Math.floor(i / 200) + 1}`,
    legal_status: rnd.pick(LEGAL),
    contact_email: `team${i + 1}@associazioni.example`,
    call_reference: rnd.pick(CALLS),
  }))
  await bulkInsert(db, 'teams', { id: 'uuid', name: 'text', legal_status: 'text', contact_email: 'text', call_reference: 'text' }, teams)
  for (const [i, team] of teams.entries()) {
    hubs[i % hubs.length].teams.push(team.id)
    hubs[(i * 7 + 3) % hubs.length].teams.push(team.id)
  }

  // Users: the demo accounts, one staff member per operator, one member per team; one password hash for all.
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const users: Row[] = [
    { id: rnd.uuid(), email: DEMO_ACCOUNTS.admin, name: 'Comune di Milano', role: 'admin', password_hash: passwordHash, operator_id: null },
    {
      id: rnd.uuid(),
      email: DEMO_ACCOUNTS.operator,
      name: 'Operatore demo',
      role: 'operator',
      password_hash: passwordHash,
      operator_id: operators[0].id,
    },
    { id: rnd.uuid(), email: DEMO_ACCOUNTS.member, name: 'Team demo', role: 'member', password_hash: passwordHash, operator_id: null },
    ...operators.slice(1).map((o, i) => ({
      id: rnd.uuid(),
      email: `staff${i + 2}@operatori.example`,
      name: `Staff ${o.name}`,
      role: 'operator',
      password_hash: passwordHash,
      operator_id: o.id,
    })),
    ...teams.map((t, i) => ({
      id: rnd.uuid(),
      email: `socio${i + 1}@associazioni.example`,
      name: `Referente ${t.name}`,
      role: 'member',
      password_hash: passwordHash,
      operator_id: null,
    })),
  ]
  await bulkInsert(
    db,
    'users',
    { id: 'uuid', email: 'text', name: 'text', role: 'text', password_hash: 'text', operator_id: 'uuid' },
    users,
  )
  const memberUsers = users.slice(3 + operators.length - 1)
  await bulkInsert(db, 'team_members', { team_id: 'uuid', user_id: 'uuid' }, [
    { team_id: teams[0].id, user_id: String(users[2].id) },
    ...teams.map((t, i) => ({ team_id: t.id, user_id: String(memberUsers[i].id) })),
  ])
  lap(`${operators.length} operators, ${concessions.length} concessions, ${teams.length} teams, ${users.length} users`)

  // Closures: holidays for every hub; two weeks of August for a third of the hubs; a week of maintenance for some labs.
  const closureRows: Row[] = []
  const globalClosed = new Set<string>()
  for (const year of [2027, 2028]) {
    for (const hol of milanHolidays(year)) {
      globalClosed.add(hol.date)
      closureRows.push({ id: rnd.uuid(), hub_id: null, lab_id: null, during: localDayRange(hol.date, 1), reason: hol.name })
    }
  }
  const hubClosed = new Map<string, Set<string>>()
  for (const hub of hubs) {
    const set = new Set<string>()
    if (hub.summerClosure) {
      for (const year of [2027, 2028]) {
        const first = DateTime.fromISO(`${year}-08-09`, { zone: ZONE })
        closureRows.push({
          id: rnd.uuid(),
          hub_id: hub.id,
          lab_id: null,
          during: localDayRange(first.toISODate()!, 14),
          reason: 'Chiusura estiva',
        })
        for (let k = 0; k < 14; k++) set.add(first.plus({ days: k }).toISODate()!)
      }
    }
    hubClosed.set(hub.id, set)
  }
  for (const [i, lab] of labs.entries()) {
    if (i % 12 !== 0) continue
    for (const year of [2027, 2028]) {
      const first = DateTime.fromISO(`${year}-02-${String(rnd.int(1, 20)).padStart(2, '0')}`, { zone: ZONE })
      closureRows.push({
        id: rnd.uuid(),
        hub_id: null,
        lab_id: lab.id,
        during: localDayRange(first.toISODate()!, 7),
        reason: 'Manutenzione straordinaria',
      })
      for (let k = 0; k < 7; k++) lab.closedDates.add(first.plus({ days: k }).toISODate()!)
    }
  }
  await bulkInsert(db, 'closures', { id: 'uuid', hub_id: 'uuid', lab_id: 'uuid', during: 'tstzrange', reason: 'text' }, closureRows)
  lap(`${closureRows.length} closures`)

  // Bookings, lab by lab: weekly series first, then single bookings in the gaps.
  const days = daysOf(SCALE_FROM, SCALE_TO)
  const asOf = DateTime.fromISO(SCALE_AS_OF, { zone: ZONE }).toMillis()
  const seriesRows: Row[] = []
  const bookingRows: Row[] = []
  const teamHours = new Map<string, number>() // `${teamId}|${year}` → consuming hours
  let openMinutes = 0
  let bookedMinutes = 0
  const BYDAY = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU']

  for (const lab of labs) {
    const closed = (day: Day) => globalClosed.has(day.date) || hubClosed.get(lab.hub.id)!.has(day.date) || lab.closedDates.has(day.date)
    const taken = new Map<number, Interval[]>() // day index → occupied local intervals
    const pickTeam = () => (rnd.chance(0.1) ? null : rnd.pick(lab.hub.teams))

    const addBooking = (day: Day, start: number, end: number, teamId: string | null, seriesId: string | null, title: string) => {
      const startMs = instant(day, start)
      const past = startMs < asOf
      const roll = rnd.next()
      let status: string
      if (past) status = roll < 0.07 ? 'no_show' : roll < 0.15 ? 'cancelled' : 'completed'
      else status = roll < 0.06 ? 'cancelled' : lab.approvalRequired && roll < 0.2 ? 'pending' : 'confirmed'
      let participants: number | null = null
      let categories: string | null = null
      if (status === 'completed') {
        participants = rnd.int(Math.ceil(lab.capacity * 0.3), lab.capacity)
        const cats: Record<string, number> = {}
        for (const c of CATEGORIES) cats[c] = rnd.int(0, Math.floor(participants / 2))
        categories = JSON.stringify(cats)
      }
      bookingRows.push({
        id: rnd.uuid(),
        series_id: seriesId,
        lab_id: lab.id,
        team_id: teamId,
        title,
        during: range(startMs, instant(day, end)),
        status,
        expected_participants: rnd.int(Math.ceil(lab.capacity * 0.4), lab.capacity),
        participants,
        participant_categories: categories,
        created_at: iso(startMs - rnd.int(2, 60) * 86_400_000),
      })
      if (status !== 'cancelled') {
        if (status !== 'pending') bookedMinutes += end - start
        if (teamId) {
          const key = `${teamId}|${day.date.slice(0, 4)}`
          teamHours.set(key, (teamHours.get(key) ?? 0) + (end - start) / 60)
        }
      }
      const list = taken.get(day.index) ?? []
      list.push([start, end])
      taken.set(day.index, list)
    }

    // About eight weekly series per lab, 10–20 weeks each, at one wall-clock time; occurrences that fall on a
    // closure are skipped, as a booking with skipConflicts would.
    const weekdays = Object.keys(lab.hub.pattern).map(Number)
    for (let k = 0; k < 8; k++) {
      const weekday = rnd.pick(weekdays)
      const [o, c] = rnd.pick(lab.hub.pattern[weekday])
      const duration = Math.min(rnd.pick([90, 120, 180]), c - o)
      const start = o + 30 * rnd.int(0, Math.floor((c - o - duration) / 30))
      const count = rnd.int(10, 20)
      const firstWeek = rnd.int(0, 104 - count - 1)
      const firstDay = days.find((d) => d.index >= firstWeek * 7 && d.weekday === weekday)!
      const teamId = rnd.chance(0.05) ? null : rnd.pick(lab.hub.teams)
      const title = rnd.pick(TITLES[lab.type])
      const seriesId = rnd.uuid()
      let made = 0
      for (let n = 0; n < count; n++) {
        const day = days[firstDay.index + 7 * n]
        if (!day || closed(day)) continue
        const busy = taken.get(day.index) ?? []
        if (busy.some(([s, e]) => s < start + duration && start < e)) continue
        addBooking(day, start, start + duration, teamId, seriesId, title)
        made++
      }
      if (made > 0) {
        seriesRows.push({
          id: seriesId,
          lab_id: lab.id,
          team_id: teamId,
          rrule: `FREQ=WEEKLY;BYDAY=${BYDAY[weekday]};COUNT=${count}`,
          dtstart: iso(instant(firstDay, start)),
          duration_minutes: duration,
          title,
        })
      }
    }

    // Single bookings: walk each opening interval, a gap then a booking, until the interval is full.
    for (const day of days) {
      const intervals = lab.hub.pattern[day.weekday]
      if (!intervals || closed(day)) continue
      for (const [o, c] of intervals) {
        openMinutes += c - o
        let t = o
        for (;;) {
          const start = t + 30 * rnd.int(0, 8)
          const duration = rnd.pick([120, 120, 180, 180, 180, 240])
          if (start + duration > c) break
          const clash = (taken.get(day.index) ?? []).find(([s, e]) => s < start + duration && start < e)
          if (clash) {
            t = clash[1]
            continue
          }
          addBooking(day, start, start + duration, pickTeam(), null, rnd.pick(TITLES[lab.type]))
          t = start + duration
        }
      }
    }
  }
  lap(`generated ${bookingRows.length} bookings (${seriesRows.length} series)`)

  await bulkInsert(
    db,
    'booking_series',
    { id: 'uuid', lab_id: 'uuid', team_id: 'uuid', rrule: 'text', dtstart: 'timestamptz', duration_minutes: 'int4', title: 'text' },
    seriesRows,
  )
  await bulkInsert(
    db,
    'bookings',
    {
      id: 'uuid',
      series_id: 'uuid',
      lab_id: 'uuid',
      team_id: 'uuid',
      title: 'text',
      during: 'tstzrange',
      status: 'text',
      expected_participants: 'int4',
      participants: 'int4',
      participant_categories: 'jsonb',
      created_at: 'timestamptz',
    },
    bookingRows,
  )
  lap(`inserted ${bookingRows.length} bookings`)

  // Grants: per team and year, enough for what it booked (with some to spare), from the call it answered.
  const grants: Row[] = []
  for (const team of teams) {
    for (const year of [2027, 2028]) {
      const booked = teamHours.get(`${team.id}|${year}`) ?? 0
      grants.push({
        id: rnd.uuid(),
        team_id: team.id,
        hours: Math.max(40, Math.ceil((booked * 1.15) / 10) * 10),
        from_date: `${year}-01-01`,
        to_date: `${year}-12-31`,
        hub_id: null,
        lab_type: null,
        reference: `Bando Hub Periferie ${year}`,
        created_at: `${year - 1}-12-01T09:00:00Z`,
      })
    }
  }
  await bulkInsert(
    db,
    'grants',
    {
      id: 'uuid',
      team_id: 'uuid',
      hours: 'numeric',
      from_date: 'date',
      to_date: 'date',
      hub_id: 'uuid',
      lab_type: 'text',
      reference: 'text',
      created_at: 'timestamptz',
    },
    grants,
  )
  await sql`analyze`.execute(db)
  lap(`${grants.length} grants, analyzed`)

  return {
    seed,
    areas: areas.length,
    hubs: hubs.length,
    labs: labs.length,
    teams: teams.length,
    users: users.length,
    assets: assets.length,
    closures: closureRows.length,
    concessions: concessions.length,
    grants: grants.length,
    series: seriesRows.length,
    bookings: bookingRows.length,
    utilisation: Math.round((bookedMinutes / (openMinutes * 1)) * 1000) / 1000,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  }
}

function minutesToTime(m: number): string {
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`
}

/** `[local midnight of date, local midnight `days` later)` as a tstzrange literal. */
function localDayRange(date: string, days: number): string {
  const start = DateTime.fromISO(date, { zone: ZONE })
  return range(start.toMillis(), start.plus({ days }).toMillis())
}

async function main() {
  const args = process.argv.slice(2)
  const seedArg = args.indexOf('--seed')
  const seed = seedArg >= 0 ? Number(args[seedArg + 1]) : 2027
  if (!Number.isInteger(seed)) throw new Error('--seed wants an integer')
  const config = loadConfig()
  const handle = await connectDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: path.join(config.dataDir, 'pglite') })
  try {
    await migrateToLatest(handle.db)
    if (!(await isEmptyDatabase(handle.db))) {
      console.error(
        `The database (${handle.engine === 'postgres' ? 'DATABASE_URL' : `embedded, ${config.dataDir}`}) is not empty: ` +
          'seed:scale fills only an empty database. Point DATABASE_URL at a new database (createdb spazi_scale) or remove the data directory.',
      )
      process.exitCode = 1
      return
    }
    console.log(
      `Seeding the Milan-scale dataset (seed ${seed}) into ${handle.engine === 'postgres' ? 'PostgreSQL' : 'the embedded database'}…`,
    )
    const summary = await seedScale(handle.db, { seed, log: (m) => console.log(m) })
    console.log(JSON.stringify(summary, null, 2))
  } finally {
    await handle.close()
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
