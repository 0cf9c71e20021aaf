import type { ColumnType, Generated, Selectable } from 'kysely'

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
/** A `numeric`/`bigint` column with a default. */
type NumWithDefault = ColumnType<number, number | string | undefined, number | string>

export type LabType = 'kitchen' | 'it' | 'tailoring' | 'fashion' | 'gardening' | 'digital' | 'multipurpose'
export const LAB_TYPES: readonly LabType[] = ['kitchen', 'it', 'tailoring', 'fashion', 'gardening', 'digital', 'multipurpose']
/** `evaluator`: Comune staff who score the applications of the calls they are assigned to (0440). */
export type Role = 'admin' | 'operator' | 'member' | 'evaluator'
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
  /** Check-in (0460): required or not, since when, the window around each start, the QR code's secret. */
  check_in_required: Generated<boolean>
  check_in_since: Timestamp | null
  check_in_before_minutes: Generated<number>
  check_in_after_minutes: Generated<number>
  check_in_code: string | null
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

/** An emailed invitation to join a team (migration 0510); pending until accepted, revoked or expired. */
export interface TeamInvitationsTable {
  id: Generated<string>
  team_id: string
  /** Lower case. */
  email: string
  token_hash: string
  invited_by: string | null
  created_at: Generated<Date>
  expires_at: Date
  accepted_at: Date | null
  accepted_by: string | null
  revoked_at: Date | null
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

/** Per grant, the seconds of the bookings it covers (migration 0550, kept by triggers; see grants/usage.ts). */
export interface GrantCoverageTable {
  grant_id: string
  holding_secs: number
  completed_secs: number
  bookings: number
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
  /** Check-in (0460): when and by whom; released_at = when the worker released it as a no-show. */
  checked_in_at: Timestamp | null
  checked_in_by: string | null
  released_at: Timestamp | null
  /** Why it was cancelled when not by its team (0520): 'closure' = a closure cancelled it (reason in status_reason). */
  cancel_cause: ColumnType<'closure' | null, 'closure' | null | undefined, 'closure' | null>
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

/** A kind of certificate the Comune recognises (0460); `lab_types` ⊆ LAB_TYPES. */
export interface CertificationKindsTable {
  id: Generated<string>
  name: string
  equipment_type_ids: ColumnType<string[], string[] | undefined, string[]>
  lab_types: ColumnType<LabType[], LabType[] | undefined, LabType[]>
  validity_months: number | null
  created_at: Generated<Date>
}

/** A certificate held by a person of a team (0460); `expires_on` null = does not lapse. */
export interface CertificationsTable {
  id: Generated<string>
  team_id: string
  kind_id: string
  person_name: string
  user_id: string | null
  obtained_on: DateString
  expires_on: DateString | null
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
  /**
   * A booking email waiting to be rendered by the worker (0560): the data it is written from, as it was at the
   * event (backend/outbox/booking-snapshot.ts); null once subject, body and attachments are in the row.
   */
  render: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>
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
  /** Bookings checked in, on the day they start (migration 0540). */
  check_ins: number
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
  /** Migration 0540. */
  check_ins: number
}

export interface UsageRollupCategoriesTable {
  grain: 'd' | 'm'
  lab_id: string
  start: DateString
  category: string
  participants: Num
}

/** Booked seconds per lab and local month, by ISO weekday and wall-clock hour: the dashboard's heatmap (migrations 0540, 0588). */
/** Open seconds of a lab in a whole local month (0589): filled by the utilisation report, emptied by triggers. */
export interface OpenHoursMemoTable {
  lab_id: string
  month: DateString
  seconds: string
}

export interface UsageRollupWeekHoursTable {
  lab_id: string
  month: DateString
  /** 168 booked seconds: element `(isodow - 1) * 24 + hour` (0-based here, 1-based in SQL) */
  secs: number[]
}

/**
 * Migration 0561: per grain, start and lab, the set of teams whose usage_rollup row counts a booking, one bit per
 * team (bit `n` of usage_rollup_team_numbers); kept by triggers on usage_rollup.
 */
export interface UsageRollupTeamsTable {
  grain: 'd' | 'm'
  lab_id: string
  start: DateString
  teams: string
}

export interface UsageRollupTeamNumbersTable {
  team_id: string
  n: Generated<number>
}

/** The call (bando), migration 0440. Money in euro cents. */
export type CallStatus = 'draft' | 'open' | 'closed' | 'ranked' | 'awarded'
export interface CallsTable {
  id: Generated<string>
  title: string
  description: Generated<string>
  opens_at: Timestamp
  closes_at: Timestamp
  budget_cents: Num
  max_funding_cents: Num
  applicant_types: ColumnType<LegalStatus[], LegalStatus[], LegalStatus[]>
  required_documents: ColumnType<string[], string[] | undefined, string[]>
  incorporation_days: Generated<number>
  /** Stored 'open' reads as 'closed' once closes_at has passed. */
  status: Generated<CallStatus>
  ranked_at: Timestamp | null
  created_by: string | null
  created_at: Generated<Date>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface CallAreasTable {
  call_id: string
  area_id: string
}

export interface CallCriteriaTable {
  id: Generated<string>
  call_id: string
  name: string
  weight: Num
  max_score: number
  position: Generated<number>
}

export interface CallEvaluatorsTable {
  call_id: string
  user_id: string
  created_at: Generated<Date>
}

/** The last protocol number given per call; locked by the submit transaction (gapless numbers). */
export interface CallProtocolCountersTable {
  call_id: string
  last_number: Generated<number>
}

export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'admissible'
  | 'excluded'
  | 'scored'
  | 'ranked'
  | 'awarded'
  | 'conditional'
  | 'not_funded'
export interface Promoter {
  name: string
  email?: string | null
}
export interface LabNeed {
  labType: LabType
  hoursPerWeek: number
  weeks: number
}
type Json<T> = ColumnType<T, string | undefined, string>
export interface ApplicationsTable {
  id: Generated<string>
  call_id: string
  applicant_user_id: string
  status: Generated<ApplicationStatus>
  title: string
  summary: Generated<string>
  activities: Generated<string>
  applicant_type: LegalStatus
  organisation_name: string
  tax_code: string | null
  /** Natural persons: never published. */
  promoters: Json<Promoter[]>
  commit_to_incorporate: Generated<boolean>
  lab_needs: Json<LabNeed[]>
  requested_funding_cents: NumWithDefault
  crowdfunding_goal_cents: NumWithDefault
  protocol_number: number | null
  submitted_at: Timestamp | null
  exclusion_reason: string | null
  admissibility_checked_by: string | null
  admissibility_checked_at: Timestamp | null
  created_at: Generated<Date>
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface ApplicationAreasTable {
  application_id: string
  area_id: string
}

export interface ApplicationIndicatorsTable {
  id: Generated<string>
  application_id: string
  name: string
  unit: string
  baseline: Num
  target: Num
  position: Generated<number>
}

export interface ApplicationAttachmentsTable {
  id: Generated<string>
  application_id: string
  kind: string
  filename: string
  content_type: Generated<'application/pdf'>
  size_bytes: number
  sha256: string
  content: Buffer
  uploaded_by: string | null
  created_at: Generated<Date>
}

export interface EvaluationsTable {
  application_id: string
  call_id: string
  evaluator_id: string
  conflict_of_interest: boolean
  comment: string | null
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface ScoresTable {
  application_id: string
  call_id: string
  evaluator_id: string
  criterion_id: string
  score: Num
  /** A copy of the criterion's maximum, kept by a composite foreign key: the check score <= max_score. */
  max_score: number
  abstained: Generated<false>
}

export type AwardStatus = 'awarded' | 'conditional' | 'revoked'
export interface AwardsTable {
  id: Generated<string>
  call_id: string
  application_id: string
  team_id: string
  grant_id: string | null
  concession_id: string | null
  funding_cents: Num
  hours: Num
  hub_id: string | null
  lab_type: LabType | null
  status: AwardStatus
  beneficiary_name: string | null
  beneficiary_tax_code: string | null
  beneficiary_legal_status: Exclude<LegalStatus, 'informal'> | null
  /** The date by which an informal group records its new entity's codice fiscale. */
  tax_code_due_on: DateString | null
  confirmed_at: Timestamp | null
  awarded_by: string | null
  created_at: Generated<Date>
}

export type TrancheStatus = 'planned' | 'paid' | 'cancelled'
export interface AwardTranchesTable {
  id: Generated<string>
  award_id: string
  amount_cents: Num
  due_on: DateString
  status: Generated<TrancheStatus>
  paid_on: DateString | null
  created_at: Generated<Date>
}

/** Categories that attendance and progress reports count people by (0450); configurable by the Comune. */
export interface ParticipantCategoriesTable {
  key: string
  label_it: string
  label_en: string
  position: Generated<number>
  active: Generated<boolean>
  created_at: Generated<Date>
}

export type IndicatorKind = 'output' | 'outcome'
export type IndicatorSource = 'computed' | 'reported'
export type IndicatorDirection = 'increase' | 'decrease'
/** What a computed indicator counts: `hoursUsed`, `participants`, `events` or `participants:<category>`. */
export type IndicatorCounts = string

export interface IndicatorsTable {
  id: Generated<string>
  call_id: string
  name: string
  unit: string
  kind: IndicatorKind
  source: IndicatorSource
  counts: IndicatorCounts | null
  direction: Generated<IndicatorDirection>
  description: string | null
  position: Generated<number>
  created_by: string | null
  created_at: Generated<Date>
}

/** A funded project's (team's) baseline and target per indicator. */
export interface IndicatorTargetsTable {
  team_id: string
  indicator_id: string
  baseline: Num
  target: Num
  updated_by: string | null
  updated_at: Generated<Date>
}

export type ProgressReportStatus = 'submitted' | 'accepted' | 'returned'
export interface ProgressReportsTable {
  id: Generated<string>
  team_id: string
  from_date: DateString
  to_date: DateString
  narrative: string
  participants_by_category: ColumnType<Record<string, number> | null, string | null, string | null>
  status: Generated<ProgressReportStatus>
  submitted_by: string | null
  submitted_at: Generated<Date>
  reviewed_by: string | null
  reviewed_at: Timestamp | null
  review_comment: string | null
}

/** A progress report's evidence file (migration 0530): a PDF or a JPEG/PNG image, by its content. */
export interface ProgressReportEvidenceTable {
  id: Generated<string>
  report_id: string
  filename: string
  content_type: 'application/pdf' | 'image/jpeg' | 'image/png'
  size_bytes: number
  sha256: string
  content: Buffer
  uploaded_by: string | null
  created_at: Generated<Date>
}

export interface ProgressReportValuesTable {
  report_id: string
  indicator_id: string
  value: Num
}

/** The one row (id = true) naming the PON Metro project. */
export interface ProgrammeTable {
  id: Generated<boolean>
  title: string
  fund: string
  cup: string
  project_code: string
  programmed_cents: Num
  responsible_office: string | null
  responsible_person: string | null
  updated_by: string | null
  updated_at: Generated<Date>
}

/** Financial progress per year as entered by the Comune (the calls' awards add to it in the reports). */
export interface ProgrammeYearsTable {
  year: number
  programmed_cents: Num
  committed_cents: Num
  paid_cents: Num
  notes: string | null
  updated_by: string | null
  updated_at: Generated<Date>
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
  team_invitations: TeamInvitationsTable
  grants: GrantsTable
  grant_coverage: GrantCoverageTable
  booking_series: BookingSeriesTable
  bookings: BookingsTable
  equipment_types: EquipmentTypesTable
  equipment_assets: EquipmentAssetsTable
  maintenance_windows: MaintenanceWindowsTable
  equipment_allocations: EquipmentAllocationsTable
  equipment_checkouts: EquipmentCheckoutsTable
  trainings: TrainingsTable
  certification_kinds: CertificationKindsTable
  certifications: CertificationsTable
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
  usage_rollup_week_hours: UsageRollupWeekHoursTable
  open_hours_memo: OpenHoursMemoTable
  usage_rollup_teams: UsageRollupTeamsTable
  usage_rollup_team_numbers: UsageRollupTeamNumbersTable
  calls: CallsTable
  call_areas: CallAreasTable
  call_criteria: CallCriteriaTable
  call_evaluators: CallEvaluatorsTable
  call_protocol_counters: CallProtocolCountersTable
  applications: ApplicationsTable
  application_areas: ApplicationAreasTable
  application_indicators: ApplicationIndicatorsTable
  application_attachments: ApplicationAttachmentsTable
  evaluations: EvaluationsTable
  scores: ScoresTable
  awards: AwardsTable
  award_tranches: AwardTranchesTable
  participant_categories: ParticipantCategoriesTable
  indicators: IndicatorsTable
  indicator_targets: IndicatorTargetsTable
  progress_reports: ProgressReportsTable
  progress_report_values: ProgressReportValuesTable
  progress_report_evidence: ProgressReportEvidenceTable
  programme: ProgrammeTable
  programme_years: ProgrammeYearsTable
}

export type Area = Selectable<AreasTable>
export type Hub = Selectable<HubsTable>
export type Lab = Selectable<LabsTable>
export type User = Selectable<UsersTable>
export type Team = Selectable<TeamsTable>
export type Call = Selectable<CallsTable>
export type Application = Selectable<ApplicationsTable>
export type Award = Selectable<AwardsTable>
