import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { inReportTransaction } from './report-session.ts'
import { BOOKED_STATUSES, USED_STATUS } from './utilisation.ts'

/** Which labs a report covers: the filters, and for operators the hubs they manage. */
export interface LabScope {
  hubIds: 'all' | string[]
  hubId?: string
  labId?: string
  type?: string
  areaId?: string
}

/** Internal grouping: the public ones, plus `lab_month` (the open-data export). */
export type UtilisationGrouping = 'lab' | 'hub' | 'type' | 'area' | 'operator' | 'team' | 'week' | 'month' | 'lab_month'

export interface UtilisationQuery {
  from: string
  to: string
  groupBy: UtilisationGrouping
  scope: LabScope
}

/** One aggregated row as the database returns it (seconds, not hours). `isTotal` marks the totals row. */
export interface UtilisationDbRow {
  is_total: boolean
  key: string | null
  label: string | null
  bucket: string | null
  lab_id: string | null
  hub_id: string | null
  hub_name: string | null
  lab_type: string | null
  area_id: string | null
  area_name: string | null
  nil_id: number | null
  municipio: number | null
  is_target: boolean | null
  open_secs: number
  booked_secs: number
  used_secs: number
  bookings: number
  no_shows: number
  participants: number
  check_ins: number
  distinct_teams: number
  categories: Record<string, number> | null
}

export function scopeFilter(scope: LabScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = []
  if (scope.hubIds !== 'all') {
    if (scope.hubIds.length === 0) return sql`false`
    parts.push(sql`l.hub_id in (${sql.join(scope.hubIds.map((id) => sql`${id}::uuid`))})`)
  }
  if (scope.hubId) parts.push(sql`l.hub_id = ${scope.hubId}::uuid`)
  if (scope.labId) parts.push(sql`l.id = ${scope.labId}::uuid`)
  if (scope.type) parts.push(sql`l.type = ${scope.type}`)
  if (scope.areaId) parts.push(sql`h.area_id = ${scope.areaId}::uuid`)
  return parts.length ? sql.join(parts, sql` and `) : sql`true`
}

/**
 * What a local date belongs to, for groupings that split time (week, month, operator); '' otherwise.
 * `day` and `hub` are SQL expressions of the date and its hub.
 */
function bucketOf(groupBy: UtilisationGrouping, day: RawBuilder<unknown>, hub: RawBuilder<unknown> = sql`null`): RawBuilder<string> {
  switch (groupBy) {
    case 'week':
      return sql`to_char(date_trunc('week', ${day}), 'YYYY-MM-DD')`
    case 'month':
    case 'lab_month':
      return sql`to_char(${day}, 'YYYY-MM')`
    case 'operator':
      // the concession in force on that date (at most one per hub: the exclusion constraint)
      return sql`coalesce((select c.operator_id::text from concessions c
        where c.hub_id = ${hub} and c.status in ('active', 'expired') and ${day} between c.start_date and c.end_date
        limit 1), '')`
    default:
      return sql`''`
  }
}

interface KeyColumns {
  key: RawBuilder<unknown>
  label: RawBuilder<unknown>
  /** Descriptive columns of the row, all functionally dependent on the key. */
  extras: ExtraColumn[]
}

function keyOf(groupBy: UtilisationGrouping): KeyColumns {
  switch (groupBy) {
    case 'lab':
      return { key: sql`sl.lab_id::text`, label: sql`sl.lab_name`, extras: ['lab_id', 'hub_id', 'hub_name', 'lab_type', 'area_id'] }
    case 'lab_month':
      return {
        key: sql`sl.lab_id::text || '/' || r.bucket`,
        label: sql`sl.lab_name`,
        extras: ['bucket', 'lab_id', 'hub_id', 'hub_name', 'lab_type', 'area_id', 'area_name', 'nil_id', 'municipio', 'is_target'],
      }
    case 'hub':
      return {
        key: sql`sl.hub_id::text`,
        label: sql`sl.hub_name`,
        extras: ['hub_id', 'area_id', 'area_name', 'nil_id', 'municipio', 'is_target'],
      }
    case 'type':
      return { key: sql`sl.lab_type`, label: sql`sl.lab_type`, extras: ['lab_type'] }
    case 'area':
      return { key: sql`sl.area_id::text`, label: sql`sl.area_name`, extras: ['area_id', 'nil_id', 'municipio', 'is_target'] }
    case 'operator':
      return {
        key: sql`nullif(r.bucket, '')`,
        label: sql`(select o.name from operators o where o.id::text = nullif(r.bucket, ''))`,
        extras: [],
      }
    case 'week':
    case 'month':
      return { key: sql`r.bucket`, label: sql`r.bucket`, extras: [] }
    case 'team':
      return { key: sql`r.team_id::text`, label: sql`(select t.name from teams t where t.id = r.team_id)`, extras: [] }
  }
}

const EXTRA_COLUMNS = [
  'bucket',
  'lab_id',
  'hub_id',
  'hub_name',
  'lab_type',
  'area_id',
  'area_name',
  'nil_id',
  'municipio',
  'is_target',
] as const
type ExtraColumn = (typeof EXTRA_COLUMNS)[number]

/** A column of a CTE or table alias (`ref('f', 'day')` is "f"."day"). */
const ref = (table: string, column: string) => sql.ref(`${table}.${column}`)
const SECONDS = (range: RawBuilder<unknown>) => sql`extract(epoch from upper(${range}) - lower(${range}))`
const MEASURE = (multirange: RawBuilder<unknown>) =>
  sql`(select coalesce(sum(extract(epoch from upper(r) - lower(r))), 0) from unnest(${multirange}) r)`
const BOOKED_LIST = sql.join(BOOKED_STATUSES.map((s) => sql.lit(s)))
/** The team of bookings without one, in the roll-up (a key cannot be null). */
export const NO_TEAM = '00000000-0000-0000-0000-000000000000'

/**
 * Where booked time comes from: `rollup`, the usage_rollup tables kept by triggers on bookings (migration 0400:
 * whole months from the monthly grain, the edges from the daily one), or `direct`, the bookings themselves.
 * Both give the same facts — per lab, local day (or whole month) and team — and everything after is shared;
 * the tests hold them equal.
 */
export type FactSource = 'rollup' | 'direct'

/** First day of the first whole month inside [from, to), and the first day of the month `to` falls in. */
export function wholeMonths(from: string, to: string): { from: string; to: string } {
  const monthStart = (d: string) => `${d.slice(0, 7)}-01`
  const [y, m] = from.split('-').map(Number)
  const next = from.endsWith('-01') ? from : `${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`
  const end = monthStart(to)
  return next < end ? { from: next, to: end } : { from, to: from }
}

/** The parts of the utilisation query that read facts; `teamSets` only from the roll-up (see resultCtes). */
interface FactQueries {
  facts: RawBuilder<unknown>
  totals: RawBuilder<unknown>
  categories: RawBuilder<unknown>
  /** Which teams began a booking in a lab on a day or in a month: (lab_id, day, team_id), one row per team. */
  presence: RawBuilder<unknown>
  /** The same as one set of teams per lab and day or month: (lab_id, day, teams), see migration 0561. */
  teamSets?: RawBuilder<unknown>
}

function factsFrom(source: FactSource, q: UtilisationQuery, splitsByDay: boolean): FactQueries {
  const from = sql`${q.from}::date`
  const to = sql`${q.to}::date`
  if (source === 'rollup') {
    const months = splitsByDay ? { from: q.from, to: q.from } : wholeMonths(q.from, q.to)
    const grains = (t: string) => {
      const [grain, start] = [ref(t, 'grain'), ref(t, 'start')]
      const inMonths = sql`${start} >= ${months.from}::date and ${start} < ${months.to}::date`
      return sql`((${grain} = 'm' and ${inMonths})
        or (${grain} = 'd' and ${start} >= ${from} and ${start} < ${to} and not (${inMonths})))`
    }
    return {
      facts: sql`
        select u.lab_id, u.start as day, u.team_id, u.booked_secs, u.used_secs, u.bookings, u.no_shows, u.participants, u.check_ins
        from usage_rollup u join scope_labs sl on sl.lab_id = u.lab_id
        where ${grains('u')}`,
      totals: sql`
        select t.lab_id, t.start as day, t.booked_secs, t.used_secs, t.bookings, t.no_shows, t.participants, t.check_ins
        from usage_rollup_totals t join scope_labs sl on sl.lab_id = t.lab_id
        where ${grains('t')}`,
      categories: sql`
        select c.lab_id, c.start as day, c.category, c.participants as n
        from usage_rollup_categories c join scope_labs sl on sl.lab_id = c.lab_id
        where ${grains('c')}`,
      // For the team grouping, whose rows are the teams themselves: two plain ranges of the partial index
      // usage_rollup_presence_idx (migration 0551), read without the table (index-only scans).
      presence: sql`
        select u.lab_id, u.start as day, u.team_id
        from usage_rollup u join scope_labs sl on sl.lab_id = u.lab_id
        where u.grain = 'm' and u.start >= ${months.from}::date and u.start < ${months.to}::date
          and u.bookings > 0 and u.team_id <> ${NO_TEAM}::uuid
        union all
        select u.lab_id, u.start as day, u.team_id
        from usage_rollup u join scope_labs sl on sl.lab_id = u.lab_id
        where u.grain = 'd' and u.start >= ${from} and u.start < ${to}
          and not (u.start >= ${months.from}::date and u.start < ${months.to}::date)
          and u.bookings > 0 and u.team_id <> ${NO_TEAM}::uuid`,
      // Every other grouping ORs the sets of teams of usage_rollup_teams (migration 0561): one row per lab and
      // month (or day) instead of one per team.
      teamSets: sql`
        select p.lab_id, p.start as day, p.teams
        from usage_rollup_teams p join scope_labs sl on sl.lab_id = p.lab_id
        where ${grains('p')}`,
    }
  }
  const period = sql`tstzrange(${from}::timestamp at time zone sl.tz, ${to}::timestamp at time zone sl.tz)`
  return {
    facts: sql`
      select p.lab_id, p.day, p.team_id,
             sum(p.secs) as booked_secs,
             coalesce(sum(p.secs) filter (where p.status = ${USED_STATUS}), 0) as used_secs,
             count(*) filter (where p.first) as bookings,
             count(*) filter (where p.first and p.status = 'no_show') as no_shows,
             coalesce(sum(p.participants) filter (where p.first), 0) as participants,
             count(*) filter (where p.first and p.checked_in) as check_ins
      from (
        select b.lab_id, coalesce(b.team_id, ${NO_TEAM}::uuid) as team_id, b.status, b.participants, d.day,
               b.checked_in_at is not null as checked_in,
               d.day = (lower(b.during) at time zone sl.tz)::date as first, ${SECONDS(ref('d', 'piece'))} as secs
        from bookings b
        join scope_labs sl on sl.lab_id = b.lab_id
        cross join lateral (select b.during * ${period} as c) cb
        cross join lateral (
          select g::date as day, cb.c * tstzrange(g::date::timestamp at time zone sl.tz, (g::date + 1)::timestamp at time zone sl.tz) as piece
          from generate_series((lower(cb.c) at time zone sl.tz)::date,
                               ((upper(cb.c) at time zone sl.tz) - interval '1 microsecond')::date, interval '1 day') g
        ) d
        where b.status in (${BOOKED_LIST})
          and b.during && tstzrange((${from} - 2)::timestamp at time zone 'UTC', (${to} + 2)::timestamp at time zone 'UTC')
          and b.during && ${period}
      ) p
      group by p.lab_id, p.day, p.team_id`,
    totals: sql`
      select lab_id, day, sum(booked_secs) as booked_secs, sum(used_secs) as used_secs, sum(bookings) as bookings,
             sum(no_shows) as no_shows, sum(participants) as participants, sum(check_ins) as check_ins
      from facts group by lab_id, day`,
    categories: sql`
      select b.lab_id, (lower(b.during) at time zone sl.tz)::date as day, e.key as category, sum((e.value)::numeric) as n
      from bookings b
      join scope_labs sl on sl.lab_id = b.lab_id
      cross join lateral jsonb_each(b.participant_categories) e
      where b.status in (${BOOKED_LIST})
        and jsonb_typeof(b.participant_categories) = 'object' and jsonb_typeof(e.value) = 'number'
        and b.during && tstzrange((${from} - 2)::timestamp at time zone 'UTC', (${to} + 2)::timestamp at time zone 'UTC')
        and (lower(b.during) at time zone sl.tz)::date >= ${from} and (lower(b.during) at time zone sl.tz)::date < ${to}
      group by b.lab_id, 2, e.key`,
    presence: sql`select lab_id, day, team_id from facts where bookings > 0 and team_id <> ${NO_TEAM}::uuid`,
  }
}

/** What the parts of the utilisation query share: the request, its key columns, where each fact falls. */
interface UtilisationPlan {
  q: UtilisationQuery
  k: KeyColumns
  from: RawBuilder<unknown>
  to: RawBuilder<unknown>
  teamMode: boolean
  byOperator: boolean
  /** The bucket (the group's period) of a fact table's row. */
  factBucket: (f: string) => RawBuilder<unknown>
  /** The join that gives a fact its bucket when that depends on the hub (the operator's concession). */
  factBucketJoin: (f: string) => RawBuilder<unknown>
  /** Whole months whose open hours are read from open_hours_memo (migration 0589); null: all computed. */
  memo: MemoMonths | null
}

/** `[from, to)`: first days of whole local months; `count` of them. */
interface MemoMonths {
  from: string
  to: string
  count: number
}

/**
 * The whole months of the period whose open hours the report may read from the memo: not for groupings that cut a
 * month (week, operator) nor for the team grouping (its rows have no open hours), nor for the direct source (the
 * tests' yardstick computes everything).
 */
function memoMonths(q: UtilisationQuery, source: FactSource): MemoMonths | null {
  if (source !== 'rollup' || q.groupBy === 'week' || q.groupBy === 'operator' || q.groupBy === 'team') return null
  const m = wholeMonths(q.from, q.to)
  const index = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7))
  const count = index(m.to) - index(m.from)
  return count > 0 ? { ...m, count } : null
}

/** The advisory lock that orders fills of the memo against the triggers that empty it (migration 0589). */
const MEMO_LOCK = 589000001

/**
 * Utilisation of the labs in scope over the local dates `[from, to)`, grouped, with a totals row (`is_total`) —
 * set-based, on either engine, in one statement of three parts:
 * - open time (`openTimeCtes`): per hub and local date, the lengths of its opening intervals
 *   `(day + opens) at time zone tz` (so a DST day keeps its wall-clock hours, measured in real time); on dates
 *   with closures, the intervals as a multirange (range_agg) minus the hub's and global closures; a lab then
 *   loses what its own closures cover;
 *   whole local months are read from open_hours_memo instead (migration 0589; filled here when it lacks some);
 * - booked time (`bookedCtes`): bookings in confirmed/completed/no_show, split at local midnights, clipped to
 *   the period, in real elapsed time (from the roll-up, or directly: see FactSource);
 * - the rows (`resultCtes`): counts (bookings, no-shows, participants, categories, distinct teams) go to the
 *   local day a booking starts; grouped by the key, with the totals.
 */
export async function utilisationRows(
  db: Kysely<Database>,
  q: UtilisationQuery,
  source: FactSource = 'rollup',
): Promise<UtilisationDbRow[]> {
  const memo = memoMonths(q, source)
  // The memo may lack (lab, month) pairs (never filled, or emptied by an edit): the statement counts them; when some
  // are missing its rows are dropped, the memo filled, and the statement run again. An edit between the fill and the
  // rerun can empty it again: after three tries the open hours are computed whole.
  for (let attempt = 0; ; attempt++) {
    const useMemo = memo !== null && attempt < 3
    const rows = await utilisationStatement(db, q, source, useMemo ? memo : null)
    const gaps = useMemo ? Number(rows[0]?.memo_gaps ?? 0) : 0
    if (gaps === 0 || memo === null) {
      for (const r of rows) delete (r as Partial<typeof r>).memo_gaps
      return rows
    }
    try {
      await fillOpenHoursMemo(db, q, memo)
    } catch {
      // e.g. a lab deleted meanwhile (its foreign key): the next try reads what there is, or computes
    }
  }
}

/**
 * Fills the memo for the labs in scope that lack some whole month of `memo`: the same computation as the report's,
 * grouped per lab and month, under the memo's lock taken shared in a statement of its own (migration 0589 says why).
 */
async function fillOpenHoursMemo(db: Kysely<Database>, q: UtilisationQuery, memo: MemoMonths): Promise<void> {
  const plan = {
    q: { ...q, from: memo.from, to: memo.to, groupBy: 'lab_month' as const },
    from: sql`${memo.from}::date`,
    to: sql`${memo.to}::date`,
    byOperator: false,
    memo: null,
  }
  const lacking = sql`exists (
    select 1 from generate_series(${memo.from}::date, ${memo.to}::date - 1, interval '1 month') g
    where not exists (select 1 from open_hours_memo o where o.lab_id = l.id and o.month = g::date))`
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock_shared(${sql.lit(MEMO_LOCK)}), set_config('jit', 'off', true),
      set_config('work_mem', '64MB', true)`.execute(trx)
    await sql`
      with ${openTimeCtes(plan, lacking)}
      insert into open_hours_memo (lab_id, month, seconds)
      select lab_id, (bucket || '-01')::date, open_secs from lab_bucket_open
      on conflict do nothing`.execute(trx)
  })
}

async function utilisationStatement(
  db: Kysely<Database>,
  q: UtilisationQuery,
  source: FactSource,
  memo: MemoMonths | null,
): Promise<(UtilisationDbRow & { memo_gaps?: number })[]> {
  const splitsByDay = q.groupBy === 'week' || q.groupBy === 'operator'
  const { facts, totals, categories, presence, teamSets } = factsFrom(source, q, splitsByDay)
  // Facts lie inside the period already: only the operator's bucket needs the hub's day (its concession).
  const byOperator = q.groupBy === 'operator'
  const plan: UtilisationPlan = {
    q,
    k: keyOf(q.groupBy),
    from: sql`${q.from}::date`,
    to: sql`${q.to}::date`,
    teamMode: q.groupBy === 'team',
    byOperator,
    factBucket: (f) => (byOperator ? ref('hd', 'bucket') : bucketOf(q.groupBy, ref(f, 'day'))),
    factBucketJoin: (f) =>
      byOperator
        ? sql`join scope_labs fs on fs.lab_id = ${ref(f, 'lab_id')} join cal hd on hd.owner = fs.hub_id::text and hd.day = ${ref(f, 'day')}`
        : sql``,
    memo,
  }
  const query = sql<UtilisationDbRow & { memo_gaps: number }>`
    with
    ${openTimeCtes(plan)},
    ${bookedCtes(plan, facts, totals)},
    ${resultCtes(plan, categories, plan.teamMode || !teamSets ? teamsByEntry(plan, presence) : teamsBySet(plan, teamSets))}
  `
  return inReportTransaction(db, async (trx) => (await query.execute(trx)).rows)
}

/** scope_labs … lab_bucket_open: the labs in scope, the calendar of their hubs, each lab's open seconds per bucket. */
function openTimeCtes(
  { q, from, to, byOperator, memo }: Pick<UtilisationPlan, 'q' | 'from' | 'to' | 'byOperator' | 'memo'>,
  lacking?: RawBuilder<unknown>,
): RawBuilder<unknown> {
  // with the memo, only the days outside its whole months are computed here (the period's edges)
  const edgeDay = (d: RawBuilder<unknown>) => (memo ? sql`not (${d} >= ${memo.from}::date and ${d} < ${memo.to}::date)` : sql`true`)
  const edgeClosure = (t: string) =>
    memo
      ? sql`and (cl.during && tstzrange(${q.from}::timestamp at time zone ${ref(t, 'tz')}, ${memo.from}::timestamp at time zone ${ref(t, 'tz')})
             or cl.during && tstzrange(${memo.to}::timestamp at time zone ${ref(t, 'tz')}, ${q.to}::timestamp at time zone ${ref(t, 'tz')}))`
      : sql``
  // the last local date a closure touches (one ending at midnight does not touch the next day)
  const lastClosedDay = (tz: RawBuilder<unknown>) => sql`((upper(cl.during) at time zone ${tz}) - interval '1 microsecond')::date`
  const owner = byOperator ? sql`hub_id::text` : sql`tz`
  const closureWindow = (t: string) =>
    sql`tstzrange(${q.from}::timestamp at time zone ${ref(t, 'tz')}, ${q.to}::timestamp at time zone ${ref(t, 'tz')})`
  return sql`
    scope_labs as (
      select l.id as lab_id, l.name as lab_name, l.type as lab_type, l.hub_id, h.name as hub_name, h.timezone as tz,
             h.area_id, a.name as area_name, a.nil_id, a.municipio::int as municipio, a.is_target
      from labs l join hubs h on h.id = l.hub_id join areas a on a.id = h.area_id
      where ${scopeFilter(q.scope)} ${lacking ? sql`and ${lacking}` : sql``}
    ),
    -- the calendar is per time zone (per hub only when the bucket depends on the hub: the operator's concession)
    scope_hubs as (select distinct hub_id, tz, ${owner} as owner from scope_labs),
    cal as (
      select o.owner, o.tz, g::date as day, extract(isodow from g)::int as isodow, ${bucketOf(q.groupBy, sql`g::date`, ref('o', 'hub_id'))} as bucket,
             ((g::date + 1)::timestamp at time zone o.tz) - (g::date::timestamp at time zone o.tz) <> interval '24 hours' as dst
      from (select distinct owner, tz, ${byOperator ? sql`hub_id` : sql`null::uuid as hub_id`} from scope_hubs) o
      cross join generate_series(${from}, ${to} - 1, interval '1 day') g
      where ${edgeDay(sql`g::date`)}
    ),
    weekday_counts as (select owner, bucket, isodow, count(*) as n from cal group by owner, bucket, isodow),
    -- wall-clock length of the opening intervals times the number of such weekdays…
    opening_wall as (
      select sh.hub_id, wc.bucket, sum(wc.n * extract(epoch from oh.closes - oh.opens)) as secs
      from scope_hubs sh
      join weekday_counts wc on wc.owner = sh.owner
      join opening_hours oh on oh.hub_id = sh.hub_id and oh.weekday = wc.isodow
      group by sh.hub_id, wc.bucket
    ),
    -- …corrected on the days the clocks change, where an interval lasts its real elapsed time
    dst_fix as (
      select sh.hub_id, c.bucket,
             sum(extract(epoch from ((c.day + oh.closes) at time zone sh.tz) - ((c.day + oh.opens) at time zone sh.tz))
                 - extract(epoch from oh.closes - oh.opens)) as secs
      from scope_hubs sh
      join cal c on c.owner = sh.owner and c.dst
      join opening_hours oh on oh.hub_id = sh.hub_id and oh.weekday = c.isodow
      group by sh.hub_id, c.bucket
    ),
    hub_closure_days as (
      select sh.hub_id, g::date as day, range_agg(cl.during) as closed_mr
      from closures cl
      join scope_hubs sh on cl.lab_id is null and (cl.hub_id is null or cl.hub_id = sh.hub_id)
      cross join lateral generate_series(greatest((lower(cl.during) at time zone sh.tz)::date, ${from}),
                                         least(${lastClosedDay(ref('sh', 'tz'))}, ${to} - 1), interval '1 day') g
      where cl.during && ${closureWindow('sh')} ${edgeClosure('sh')} and ${edgeDay(sql`g::date`)}
      group by sh.hub_id, g::date
    ),
    lab_closure_days as (
      select sl.lab_id, sl.hub_id, g::date as day, range_agg(cl.during) as closed_mr
      from closures cl
      join scope_labs sl on cl.lab_id = sl.lab_id
      cross join lateral generate_series(greatest((lower(cl.during) at time zone sl.tz)::date, ${from}),
                                         least(${lastClosedDay(ref('sl', 'tz'))}, ${to} - 1), interval '1 day') g
      where cl.during && ${closureWindow('sl')} ${edgeClosure('sl')} and ${edgeDay(sql`g::date`)}
      group by sl.lab_id, sl.hub_id, g::date
    ),
    -- opening intervals as a multirange, only on the dates where a closure must be cut out of them (none on a
    -- date without opening hours)
    day_open_mr as (
      select x.hub_id, x.day, ${bucketOf(q.groupBy, ref('x', 'day'), ref('x', 'hub_id'))} as bucket,
             range_agg(tstzrange((x.day + oh.opens) at time zone sh.tz, (x.day + oh.closes) at time zone sh.tz)) as open_mr
      from (select hub_id, day from hub_closure_days union select hub_id, day from lab_closure_days) x
      join scope_hubs sh on sh.hub_id = x.hub_id
      join opening_hours oh on oh.hub_id = x.hub_id and oh.weekday = extract(isodow from x.day)::int
      group by x.hub_id, x.day, sh.tz
    ),
    hub_loss as (
      select c.hub_id, o.bucket, sum(${MEASURE(sql`o.open_mr * c.closed_mr`)}) as secs
      from hub_closure_days c join day_open_mr o on o.hub_id = c.hub_id and o.day = c.day
      where o.open_mr is not null
      group by c.hub_id, o.bucket
    ),
    lab_loss as (
      select lc.lab_id, o.bucket,
             sum(${MEASURE(sql`(o.open_mr - coalesce(hc.closed_mr, '{}'::tstzmultirange)) * lc.closed_mr`)}) as secs
      from lab_closure_days lc
      join day_open_mr o on o.hub_id = lc.hub_id and o.day = lc.day
      left join hub_closure_days hc on hc.hub_id = lc.hub_id and hc.day = lc.day
      where o.open_mr is not null
      group by lc.lab_id, o.bucket
    ),
    hub_bucket_open as (
      select sh.hub_id, b.bucket, coalesce(ow.secs, 0) + coalesce(df.secs, 0) - coalesce(hl.secs, 0) as secs
      from scope_hubs sh
      join (select distinct owner, bucket from cal) b on b.owner = sh.owner
      left join opening_wall ow on ow.hub_id = sh.hub_id and ow.bucket = b.bucket
      left join dst_fix df on df.hub_id = sh.hub_id and df.bucket = b.bucket
      left join hub_loss hl on hl.hub_id = sh.hub_id and hl.bucket = b.bucket
    ),
    lab_computed_open as (
      select sl.lab_id, hb.bucket, hb.secs - coalesce(ll.secs, 0) as open_secs
      from scope_labs sl
      join hub_bucket_open hb on hb.hub_id = sl.hub_id
      left join lab_loss ll on ll.lab_id = sl.lab_id and ll.bucket = hb.bucket
    ),
    ${
      memo
        ? sql`
    -- whole months from the memo (migration 0589); memo_gaps counts the (lab, month) pairs it lacks
    memo_rows as (
      select m.lab_id, m.month, m.seconds
      from open_hours_memo m join scope_labs sl on sl.lab_id = m.lab_id
      where m.month >= ${memo.from}::date and m.month < ${memo.to}::date
    ),
    memo_gaps as (
      select (select count(*) from scope_labs) * ${sql.lit(memo.count)} - (select count(*) from memo_rows) as n
    ),
    lab_bucket_open as (
      select lab_id, bucket, sum(open_secs) as open_secs
      from (
        select lab_id, bucket, open_secs from lab_computed_open
        union all
        select lab_id, ${bucketOf(q.groupBy, ref('memo_rows', 'month'))}, seconds from memo_rows
      ) x
      group by lab_id, bucket
    )`
        : sql`
    memo_gaps as (select 0 as n),
    lab_bucket_open as (select lab_id, bucket, open_secs from lab_computed_open)`
    }`
}

/** facts … rows_by_lab: the booked, used and counted facts of each lab (and team) per bucket, beside its open time. */
function bookedCtes(
  { teamMode, factBucket, factBucketJoin }: UtilisationPlan,
  facts: RawBuilder<unknown>,
  totals: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`
    facts as (${facts}),
    fact_totals as (${totals}),
    booked as (
      select f.lab_id, ${factBucket('f')} as bucket, f.team_id,
             sum(f.booked_secs) as booked_secs, sum(f.used_secs) as used_secs, sum(f.bookings) as bookings,
             sum(f.no_shows) as no_shows, sum(f.participants) as participants, sum(f.check_ins) as check_ins
      from facts f
      ${factBucketJoin('f')}
      group by 1, 2, 3
    ),
    ${
      teamMode
        ? sql`
    -- the roll-up keeps a row whose figures fell back to zero (a team's only booking cancelled, deleted, moved):
    -- such a team is not a row of the report (figures are never negative, so a zero sum is all zeros)
    rows_by_lab as (
      select b.lab_id, b.bucket, nullif(b.team_id, ${NO_TEAM}::uuid) as team_id, 0::numeric as open_secs, b.booked_secs, b.used_secs,
             b.bookings, b.no_shows, b.participants, b.check_ins
      from booked b
      where b.booked_secs <> 0 or b.used_secs <> 0 or b.bookings <> 0 or b.no_shows <> 0 or b.participants <> 0 or b.check_ins <> 0
    )`
        : sql`
    rows_by_lab as (
      select lo.lab_id, lo.bucket, null::uuid as team_id, lo.open_secs,
             coalesce(bk.booked_secs, 0) as booked_secs, coalesce(bk.used_secs, 0) as used_secs,
             coalesce(bk.bookings, 0) as bookings, coalesce(bk.no_shows, 0) as no_shows, coalesce(bk.participants, 0) as participants,
             coalesce(bk.check_ins, 0) as check_ins
      from lab_bucket_open lo
      left join (
        select f.lab_id, ${factBucket('f')} as bucket, sum(f.booked_secs) as booked_secs, sum(f.used_secs) as used_secs,
               sum(f.bookings) as bookings, sum(f.no_shows) as no_shows, sum(f.participants) as participants,
               sum(f.check_ins) as check_ins
        from fact_totals f
        ${factBucketJoin('f')}
        group by 1, 2
      ) bk on bk.lab_id = lo.lab_id and bk.bucket = lo.bucket
    )`
    }`
}

/** `teams`: distinct teams per key and in all (is_total, key, n), from one row per team (lab, day or month). */
function teamsByEntry({ k, factBucket, factBucketJoin }: UtilisationPlan, presence: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    presence as (${presence}),
    team_keys as (
      select distinct ${k.key} as key, r.team_id
      from (
        select f.lab_id, f.team_id, ${factBucket('f')} as bucket
        from presence f
        ${factBucketJoin('f')}
      ) r
      join scope_labs sl on sl.lab_id = r.lab_id
    ),
    teams as (
      select false as is_total, key, count(*) as n from team_keys group by key
      union all
      select true, null, count(distinct team_id) from team_keys
    )`
}

/**
 * `teams` from sets of teams (bit strings, migration 0561): the union per key is an OR, its size a count of bits.
 * bit_or needs strings of one length: each is padded to the longest any team number needs.
 */
function teamsBySet({ k, factBucket, factBucketJoin }: UtilisationPlan, teamSets: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`
    team_sets as (${teamSets}),
    team_width as (select coalesce(max(n), 0) / 64 * 64 + 64 as bits from usage_rollup_team_numbers),
    team_keys as (
      select ${k.key} as key, bit_or(r.teams || repeat('0', w.bits - length(r.teams))::bit varying) as teams
      from (
        select f.lab_id, f.teams, ${factBucket('f')} as bucket
        from team_sets f
        ${factBucketJoin('f')}
      ) r
      join scope_labs sl on sl.lab_id = r.lab_id
      cross join team_width w
      group by 1
    ),
    teams as (
      select false as is_total, key, bit_count(teams) as n from team_keys
      union all
      select true, null, bit_count(bit_or(teams)) from team_keys
    )`
}

/** keyed … the final select: the rows grouped by the key with a totals row, distinct teams and categories. */
function resultCtes(
  { k, factBucket, factBucketJoin, teamMode }: UtilisationPlan,
  categories: RawBuilder<unknown>,
  teams: RawBuilder<unknown>,
): RawBuilder<unknown> {
  const extrasGroup = sql.join(['key', 'label', ...k.extras].map((c) => sql.ref(c)))
  const extrasOut = sql.join(
    EXTRA_COLUMNS.map((c) =>
      k.extras.includes(c)
        ? ref('m', c)
        : c === 'nil_id' || c === 'municipio'
          ? sql`null::int as ${sql.id(c)}`
          : c === 'is_target'
            ? sql`null::boolean as ${sql.id(c)}`
            : sql`null::text as ${sql.id(c)}`,
    ),
  )
  return sql`
    keyed as (
      select ${k.key} as key, ${k.label} as label, r.bucket, sl.lab_id::text as lab_id, sl.hub_id::text as hub_id, sl.hub_name,
             sl.lab_type, sl.area_id::text as area_id, sl.area_name, sl.nil_id, sl.municipio, sl.is_target,
             r.open_secs, r.booked_secs, r.used_secs, r.bookings, r.no_shows, r.participants, r.check_ins
      from rows_by_lab r join scope_labs sl on sl.lab_id = r.lab_id
    ),
    main as (
      select grouping(key) = 1 as is_total, key, label, ${k.extras.length ? sql.join(k.extras.map((c) => sql.ref(c))) : sql`null as none`},
             sum(open_secs) as open_secs, sum(booked_secs) as booked_secs, sum(used_secs) as used_secs,
             sum(bookings) as bookings, sum(no_shows) as no_shows, sum(participants) as participants,
             sum(check_ins) as check_ins
      from keyed
      group by grouping sets ((${extrasGroup}), ())
    ),
    ${teams},
    category_facts as (${categories}),
    category_sums as (${
      teamMode
        ? // the roll-up keeps categories per lab and day, not per team: a team report has them in its totals only
          sql`
      select true as is_total, null::text as key, r.category, sum(r.n) as n
      from category_facts r
      group by r.category`
        : sql`
      select grouping(kc.key) = 1 as is_total, kc.key, kc.category, sum(kc.n) as n
      from (
        select ${k.key} as key, r.category, r.n
        from (
          select cf.lab_id, cf.category, cf.n, ${factBucket('cf')} as bucket
          from category_facts cf
          ${factBucketJoin('cf')}
        ) r
        join scope_labs sl on sl.lab_id = r.lab_id
      ) kc
      group by grouping sets ((kc.key, kc.category), (kc.category))`
    }
    ),
    categories as (
      -- a category whose figures add up to nothing is left out (the roll-up keeps rows that fell back to zero)
      select is_total, key, jsonb_object_agg(category, n order by category) as categories
      from category_sums where n <> 0 group by is_total, key
    )
    select m.is_total, m.key, m.label, ${extrasOut},
           coalesce(m.open_secs, 0)::float8 as open_secs, coalesce(m.booked_secs, 0)::float8 as booked_secs,
           coalesce(m.used_secs, 0)::float8 as used_secs, coalesce(m.bookings, 0)::int as bookings,
           coalesce(m.no_shows, 0)::int as no_shows, coalesce(m.participants, 0)::int as participants,
           coalesce(m.check_ins, 0)::int as check_ins, coalesce(t.n, 0)::int as distinct_teams, c.categories,
           (select n from memo_gaps)::int as memo_gaps
    from main m
    left join teams t on t.is_total = m.is_total and coalesce(t.key, '') = coalesce(m.key, '')
    left join categories c on c.is_total = m.is_total and coalesce(c.key, '') = coalesce(m.key, '')
  `
}

/**
 * Open hours of the labs in scope over `[from, to)`, in seconds: the denominator of a team's share
 * (a team has no opening hours of its own).
 */
export async function scopeOpenSeconds(
  db: Kysely<Database>,
  q: Omit<UtilisationQuery, 'groupBy'>,
  source: FactSource = 'rollup',
): Promise<number> {
  const rows = await utilisationRows(db, { ...q, groupBy: 'type' }, source)
  return rows.find((r) => r.is_total)?.open_secs ?? 0
}
