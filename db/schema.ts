import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The single description of the tables (snake_case, as in db/migrations).
 * `tstzrange` columns are written with sql`tstzrange(${start}, ${end}, '[)')` and read with lower()/upper().
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
/** A PostgreSQL range literal such as '["2027-01-01 10:00:00+00","2027-01-01 12:00:00+00")'. */
type Range = ColumnType<string, string, string>
/** `date` columns come back as 'YYYY-MM-DD' strings (parser set in db/connect.ts). */
type DateString = string
/** `numeric` and `bigint` come back as JS numbers (parsers set in db/connect.ts). */
type Num = ColumnType<number, number | string, number | string>

export type LabType = 'kitchen' | 'it' | 'tailoring' | 'fashion' | 'gardening' | 'digital' | 'multipurpose'
export const LAB_TYPES: readonly LabType[] = ['kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose']
export type Role = 'admin' | 'operator' | 'member'
export type BookingStatus = 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'completed' | 'no_show'
export type AssetCondition = 'new' | 'good' | 'fair' | 'worn' | 'damaged' | 'needs_repair'

export interface AreasTable {
  id: Generated<string>
  name: string
  nil_id: number | null
  municipio: number
  is_target: Generated<boolean>
  created_at: CreatedAt & Generated<Date>
}

export interface HubsTable {
  id: Generated<string>
  name: string
  kind: 'cfl' | 'community_hub'
  address: string
  area_id: string
  timezone: Generated<string>
  phone: string | null
  email: string | null
  description: string | null
  created_at: Generated<Date>
}

export interface OpeningHoursTable {
  id: Generated<string>
  hub_id: string
  weekday: number
  /** 'HH:mm:ss' */
  opens: string
  closes: string
}

export interface LabsTable {
  id: Generated<string>
  hub_id: string
  name: string
  type: LabType
  capacity: number
  approval_required: Generated<boolean>
  requires_grant: Generated<boolean>
  min_duration_minutes: Generated<number>
  max_duration_minutes: Generated<number>
  description: string | null
  created_at: Generated<Date>
}

export interface ClosuresTable {
  id: Generated<string>
  hub_id: string | null
  lab_id: string | null
  during: Range
  reason: string
  created_by: string | null
  created_at: Generated<Date>
}

export interface OperatorsTable {
  id: Generated<string>
  name: string
  legal_form: string
  tax_code: string
  email: string | null
  phone: string | null
  created_at: Generated<Date>
}

export type ConcessionStatus = 'draft' | 'active' | 'expired' | 'terminated'
export interface ConcessionsTable {
  id: Generated<string>
  hub_id: string
  operator_id: string
  start_date: DateString
  end_date: DateString
  annual_fee_cents: Num
  min_open_hours_per_week: Num
  min_social_share_percent: Num
  status: Generated<ConcessionStatus>
  created_at: Generated<Date>
}

export type LegalStatus = 'informal' | 'association' | 'cooperative' | 'social_enterprise' | 'other'
export interface TeamsTable {
  id: Generated<string>
  name: string
  legal_status: LegalStatus
  contact_email: string
  call_reference: string | null
  calendar_token_hash: string | null
  created_at: Generated<Date>
}

export interface UsersTable {
  id: Generated<string>
  email: string
  name: string
  role: Role
  password_hash: string | null
  operator_id: string | null
  locale: Generated<'it' | 'en'>
  created_at: Generated<Date>
  disabled_at: Timestamp | null
  /** Codice fiscale (normalised, check character verified): the identity key of SPID/CIE sign-in. */
  fiscal_code: string | null
}

export interface TeamMembersTable {
  team_id: string
  user_id: string
  created_at: Generated<Date>
}

export interface GrantsTable {
  id: Generated<string>
  team_id: string
  hours: Num
  from_date: DateString
  to_date: DateString
  hub_id: string | null
  lab_type: LabType | null
  reference: string
  created_at: Generated<Date>
}

export interface BookingSeriesTable {
  id: Generated<string>
  lab_id: string
  team_id: string | null
  rrule: string
  dtstart: Timestamp
  duration_minutes: number
  title: string
  created_by: string | null
  created_at: Generated<Date>
}

export interface BookingsTable {
  id: Generated<string>
  series_id: string | null
  lab_id: string
  team_id: string | null
  title: string
  during: Range
  status: BookingStatus
  expected_participants: number | null
  participants: number | null
  participant_categories: ColumnType<Record<string, number> | null, string | null, string | null>
  status_reason: string | null
  sequence: Generated<number>
  created_by: string | null
  created_at: Generated<Date>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
  /** The start the occurrence had before its first move (RFC 5545 RECURRENCE-ID), kept by a trigger (0301); null = lower(during). */
  recurrence_start: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface EquipmentTypesTable {
  id: Generated<string>
  name: string
  category: string
  requires_training: Generated<boolean>
  description: string | null
  created_at: Generated<Date>
}

export interface EquipmentAssetsTable {
  id: Generated<string>
  type_id: string
  lab_id: string
  asset_tag: string
  serial_number: string | null
  status: Generated<'active' | 'maintenance' | 'retired'>
  condition: Generated<AssetCondition>
  purchase_date: DateString | null
  purchase_value_cents: Num | null
  notes: string | null
  created_at: Generated<Date>
}

export interface MaintenanceWindowsTable {
  id: Generated<string>
  asset_id: string
  during: Range
  reason: string
  created_by: string | null
  created_at: Generated<Date>
}

export interface EquipmentAllocationsTable {
  id: Generated<string>
  asset_id: string
  booking_id: string
  during: Range
  released_at: Timestamp | null
  created_at: Generated<Date>
}

export interface EquipmentCheckoutsTable {
  id: Generated<string>
  asset_id: string
  booking_id: string | null
  holder: string
  checked_out_at: Generated<Timestamp>
  checked_out_by: string | null
  checked_in_at: Timestamp | null
  checked_in_by: string | null
  condition_in: AssetCondition | null
  notes: string | null
}

export interface TrainingsTable {
  id: Generated<string>
  team_id: string
  type_id: string
  person_name: string
  trained_on: DateString
  recorded_by: string | null
  created_at: Generated<Date>
}

export interface WaitlistTable {
  id: Generated<string>
  lab_id: string
  team_id: string
  during: Range
  title: string | null
  status: Generated<'waiting' | 'promoted' | 'cancelled' | 'expired'>
  booking_id: string | null
  requested_by: string | null
  created_at: Generated<Date>
}

export interface OutboxTable {
  id: Generated<string>
  kind: string
  recipient: string
  locale: Generated<'it' | 'en'>
  subject: string
  html: string
  text: string
  attachments: ColumnType<Array<{ filename: string; contentType: string; content: string }>, string | undefined, string>
  dedupe_key: string | null
  status: Generated<'pending' | 'sent' | 'failed' | 'cancelled'>
  attempts: Generated<number>
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
  first_attempt_at: Timestamp | null
  last_error: string | null
  sent_at: Timestamp | null
  created_at: Generated<Date>
  /** A reminder's booking and the start it was scheduled for (0300): the worker re-checks both before sending. */
  booking_id: string | null
  booking_start: Timestamp | null
}

export interface AuditLogTable {
  id: Generated<string>
  at: Generated<Date>
  actor_user_id: string | null
  action: string
  entity: string
  entity_id: string | null
  details: ColumnType<Record<string, unknown>, string | undefined, string>
}

export interface IdempotencyKeysTable {
  user_id: string
  key: string
  request_hash: string
  status_code: number
  response: ColumnType<unknown, string, string>
  created_at: Generated<Date>
}

export interface SessionsTable {
  token_hash: string
  user_id: string
  created_at: Generated<Date>
  expires_at: Timestamp
  /** The ID token of a session opened through OpenID Connect (id_token_hint at logout); null otherwise. */
  id_token: string | null
}

/** An OpenID Connect authorization request in flight, readable by every process, used once. */
export interface OidcFlowsTable {
  state: string
  browser_hash: string
  nonce: string
  code_verifier: string
  next_path: string
  created_at: Generated<Date>
  expires_at: Timestamp
  used_at: Timestamp | null
}

export interface MagicLinksTable {
  token_hash: string
  user_id: string
  expires_at: Timestamp
  used_at: Timestamp | null
  created_at: Generated<Date>
}

export interface LoginFailuresTable {
  id: Generated<string>
  key: string
  at: Generated<Date>
}

export interface CalendarFeedKeysTable {
  id: number
  secret: string
}

export interface CalendarFeedTokensTable {
  /** 'team:<id>' or 'operator:<id>' */
  subject: string
  nonce: string
  token_hash: string
  created_at: Generated<Date>
}

/** Roll-up of booked time for the reports, kept by triggers on bookings (migration 0400). */
export interface UsageRollupTable {
  grain: 'd' | 'm'
  lab_id: string
  start: DateString
  /** The nil UUID for bookings without a team. */
  team_id: string
  booked_secs: number
  used_secs: number
  bookings: number
  no_shows: number
  participants: Num
}

export interface UsageRollupTotalsTable {
  grain: 'd' | 'm'
  lab_id: string
  start: DateString
  booked_secs: number
  used_secs: number
  bookings: number
  no_shows: number
  participants: Num
}

export interface UsageRollupCategoriesTable {
  grain: 'd' | 'm'
  lab_id: string
  start: DateString
  category: string
  participants: Num
}

export interface Database {
  areas: AreasTable
  hubs: HubsTable
  opening_hours: OpeningHoursTable
  labs: LabsTable
  closures: ClosuresTable
  operators: OperatorsTable
  concessions: ConcessionsTable
  teams: TeamsTable
  users: UsersTable
  team_members: TeamMembersTable
  grants: GrantsTable
  booking_series: BookingSeriesTable
  bookings: BookingsTable
  equipment_types: EquipmentTypesTable
  equipment_assets: EquipmentAssetsTable
  maintenance_windows: MaintenanceWindowsTable
  equipment_allocations: EquipmentAllocationsTable
  equipment_checkouts: EquipmentCheckoutsTable
  trainings: TrainingsTable
  waitlist: WaitlistTable
  outbox: OutboxTable
  audit_log: AuditLogTable
  idempotency_keys: IdempotencyKeysTable
  sessions: SessionsTable
  magic_links: MagicLinksTable
  oidc_flows: OidcFlowsTable
  login_failures: LoginFailuresTable
  calendar_feed_keys: CalendarFeedKeysTable
  calendar_feed_tokens: CalendarFeedTokensTable
  usage_rollup: UsageRollupTable
  usage_rollup_totals: UsageRollupTotalsTable
  usage_rollup_categories: UsageRollupCategoriesTable
}

export type Area = Selectable<AreasTable>
export type Hub = Selectable<HubsTable>
export type Lab = Selectable<LabsTable>
export type Closure = Selectable<ClosuresTable>
export type User = Selectable<UsersTable>
export type Team = Selectable<TeamsTable>
export type Booking = Selectable<BookingsTable>
export type NewBooking = Insertable<BookingsTable>
export type BookingUpdate = Updateable<BookingsTable>
