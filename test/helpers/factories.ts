import { randomBytes } from 'node:crypto'
import { type Insertable, type Kysely, sql } from 'kysely'
import { hashPassword } from '../../backend/features/auth/passwords.ts'
import { parseInstant, tstzrange } from '../../backend/time.ts'
import type {
  AreasTable,
  BookingStatus,
  ConcessionsTable,
  Database,
  EquipmentAssetsTable,
  EquipmentTypesTable,
  GrantsTable,
  HubsTable,
  LabsTable,
  OperatorsTable,
  Role,
  TeamsTable,
} from '../../db/schema.ts'

export const TEST_PASSWORD = 'password-for-tests'
let cachedHash: Promise<string> | undefined

const uniq = () => randomBytes(4).toString('hex')

export interface OpeningInterval {
  weekday: number
  open: string
  close: string
}

/** Monday to Saturday 08:00–22:00, Sunday closed: wide enough that tests choose their own slots. */
export const DEFAULT_OPENING: OpeningInterval[] = [1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, open: '08:00', close: '22:00' }))

/** A client signed in as the user (test/helpers/context.ts). */
type SignIn<C> = (user: { id: string }) => Promise<C>

/** Builds valid rows with overrides; every call makes new, unique data (tests never share rows). */
export function factories<C = never>(db: Kysely<Database>, as?: SignIn<C>) {
  const f = {
    async area(o: Partial<Insertable<AreasTable>> = {}) {
      return db
        .insertInto('areas')
        .values({ name: `Quartiere ${uniq()}`, nil_id: Math.floor(Math.random() * 1e9) + 1000, municipio: 4, is_target: true, ...o })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    async hub(o: Partial<Insertable<HubsTable>> & { opening?: OpeningInterval[] } = {}) {
      const { opening = DEFAULT_OPENING, ...rest } = o
      const areaId = rest.area_id ?? (await f.area()).id
      const hub = await db
        .insertInto('hubs')
        .values({ name: `Hub ${uniq()}`, kind: 'cfl', address: 'Via Test 1, Milano', area_id: areaId, ...rest })
        .returningAll()
        .executeTakeFirstOrThrow()
      if (opening.length) {
        await db
          .insertInto('opening_hours')
          .values(opening.map((i) => ({ hub_id: hub.id, weekday: i.weekday, opens: i.open, closes: i.close })))
          .execute()
      }
      return hub
    },
    async lab(o: Partial<Insertable<LabsTable>> = {}) {
      const hubId = o.hub_id ?? (await f.hub()).id
      return db
        .insertInto('labs')
        .values({
          name: `Laboratorio ${uniq()}`,
          type: 'kitchen',
          capacity: 12,
          min_duration_minutes: 30,
          max_duration_minutes: 480,
          ...o,
          hub_id: hubId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    async operator(o: Partial<Insertable<OperatorsTable>> = {}) {
      return db
        .insertInto('operators')
        .values({
          name: `Cooperativa ${uniq()}`,
          legal_form: 'cooperativa sociale',
          tax_code: `${Math.floor(Math.random() * 1e11)}`.padStart(11, '0'),
          ...o,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    /** An active concession covering today by default. */
    async concession(o: Partial<Insertable<ConcessionsTable>> & { hub_id: string; operator_id: string }) {
      return db
        .insertInto('concessions')
        .values({
          start_date: sql<string>`(current_date - 365)` as unknown as string,
          end_date: sql<string>`(current_date + 3650)` as unknown as string,
          annual_fee_cents: 120000,
          min_open_hours_per_week: 20,
          min_social_share_percent: 50,
          status: 'active',
          ...o,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    async team(o: Partial<Insertable<TeamsTable>> = {}) {
      return db
        .insertInto('teams')
        .values({ name: `Associazione ${uniq()}`, legal_status: 'association', contact_email: `team-${uniq()}@example.org`, ...o })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    async user(o: { role?: Role; operatorId?: string; teamIds?: string[]; email?: string; name?: string; locale?: 'it' | 'en' } = {}) {
      cachedHash ??= hashPassword(TEST_PASSWORD)
      const user = await db
        .insertInto('users')
        .values({
          email: o.email ?? `user-${uniq()}@example.org`,
          name: o.name ?? `Persona ${uniq()}`,
          role: o.role ?? 'member',
          operator_id: o.operatorId ?? null,
          password_hash: await cachedHash,
          locale: o.locale ?? 'it',
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      if (o.teamIds?.length)
        await db
          .insertInto('team_members')
          .values(o.teamIds.map((team_id) => ({ team_id, user_id: user.id })))
          .execute()
      return user
    },
    admin: () => f.user({ role: 'admin' }),
    /** A member of a (new or given) team. */
    async member(teamId?: string) {
      const team = teamId ?? (await f.team()).id
      return { user: await f.user({ role: 'member', teamIds: [team] }), teamId: team }
    },
    /** Staff of a new operator holding an active concession on the hub. */
    async operatorStaff(hubId: string) {
      const operator = await f.operator()
      await f.concession({ hub_id: hubId, operator_id: operator.id })
      return { user: await f.user({ role: 'operator', operatorId: operator.id }), operatorId: operator.id }
    },
    async grant(o: Partial<Insertable<GrantsTable>> & { team_id: string }) {
      return db
        .insertInto('grants')
        .values({ hours: 100, from_date: '2026-01-01', to_date: '2029-12-31', reference: `Bando ${uniq()}`, ...o })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    async equipmentType(o: Partial<Insertable<EquipmentTypesTable>> = {}) {
      return db
        .insertInto('equipment_types')
        .values({ name: `Attrezzo ${uniq()}`, category: 'generale', ...o })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    async asset(o: Partial<Insertable<EquipmentAssetsTable>> & { type_id: string; lab_id: string }) {
      return db
        .insertInto('equipment_assets')
        .values({ asset_tag: `TAG-${uniq()}`, ...o })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    /**
     * A booking row written as the booking engine would store it, without its rules (reports, quotas and
     * constraints are tested on such rows). `start`/`end`: instants, or ISO texts with an offset or in Rome's
     * wall time ('2027-10-19T18:00'). Confirmed, without a team, by default.
     */
    async booking(o: {
      lab_id: string
      start: Date | string
      end: Date | string
      status?: BookingStatus
      team_id?: string | null
      title?: string
      participants?: number | null
      participant_categories?: Record<string, number> | null
    }) {
      const instant = (v: Date | string) => (v instanceof Date ? v : parseInstant(v, 'Europe/Rome'))
      const start = instant(o.start)
      const end = instant(o.end)
      if (!start || !end) throw new Error(`not an instant: ${o.start} → ${o.end}`)
      return db
        .insertInto('bookings')
        .values({
          lab_id: o.lab_id,
          team_id: o.team_id ?? null,
          title: o.title ?? 'Attività',
          during: tstzrange(start, end),
          status: o.status ?? 'confirmed',
          participants: o.participants ?? null,
          participant_categories: o.participant_categories ? JSON.stringify(o.participant_categories) : null,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
    },
    /**
     * The usual world of a booking test: a lab in a hub (both with overrides), a member of a team, staff of
     * the hub's operator and an admin, with a signed-in client for each.
     */
    async world(o: { hub?: Partial<Insertable<HubsTable>> & { opening?: OpeningInterval[] }; lab?: Partial<Insertable<LabsTable>> } = {}) {
      if (!as) throw new Error('world() needs the factories of a test context (ctx.make)')
      const hub = await f.hub(o.hub)
      const lab = await f.lab({ ...o.lab, hub_id: hub.id })
      const { user: memberUser, teamId } = await f.member()
      const { user: operatorUser } = await f.operatorStaff(hub.id)
      return {
        hub,
        lab,
        teamId,
        memberUser,
        member: await as(memberUser),
        operatorUser,
        operator: await as(operatorUser),
        admin: await as(await f.admin()),
      }
    },
  }
  return f
}
