import { type Kysely, type RawBuilder, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
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
  distinct_teams: number
  categories: Record<string, number> | null
}

function scopeFilter(scope: LabScope): RawBuilder<unknown> {
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

/** What a local date belongs to, for groupings that split time (week, month, operator); '' otherwise. */
function bucketOf(groupBy: UtilisationGrouping): RawBuilder<string> {
  switch (groupBy) {
    case 'week':
      return sql`to_char(date_trunc('week', d.day), 'YYYY-MM-DD')`
    case 'month':
    case 'lab_month':
      return sql`to_char(d.day, 'YYYY-MM')`
    case 'operator':
      // the concession in force on that date (at most one per hub: the exclusion constraint)
      return sql`coalesce((select c.operator_id::text from concessions c
        where c.hub_id = sh.hub_id and c.status in ('active', 'expired') and d.day between c.start_date and c.end_date
        limit 1), '')`
    default:
      return sql`''`
  }
}

interface KeyColumns {
  key: RawBuilder<unknown>
  label: RawBuilder<unknown>
  /** Descriptive columns of the row, all functionally dependent on the key. */
  extras: string[]
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

const EXTRA_COLUMNS = ['bucket', 'lab_id', 'hub_id', 'hub_name', 'lab_type', 'area_id', 'area_name', 'nil_id', 'municipio', 'is_target']

const SECONDS = (range: string) => sql.raw(`extract(epoch from upper(${range}) - lower(${range}))`)
const BOOKED_LIST = sql.join(BOOKED_STATUSES.map((s) => sql.lit(s)))

/**
 * Utilisation of the labs in scope over the local dates `[from, to)`, grouped, with a totals row —
 * set-based, on either engine:
 * - open time: per hub and local date, the opening intervals as tstzranges `(day + opens) at time zone tz`
 *   (so a DST day keeps its wall-clock hours), merged with range_agg, minus the hub's and global closures
 *   (multirange difference), summed per bucket; a lab then loses what its own closures cover;
 * - booked time: bookings in confirmed/completed/no_show clipped to the period (and, when the grouping
 *   splits time, to each local day), in real elapsed time;
 * - counts (bookings, no-shows, participants, categories, teams) go to the day a booking's clipped part starts.
 */
export async function utilisationRows(db: Kysely<Database>, q: UtilisationQuery): Promise<UtilisationDbRow[]> {
  const splitsTime = ['week', 'month', 'lab_month', 'operator'].includes(q.groupBy)
  const k = keyOf(q.groupBy)
  const from = sql`${q.from}::date`
  const to = sql`${q.to}::date`
  const extrasGroup = sql.raw(['key', 'label', ...k.extras].join(', '))
  const extrasMax = sql.raw(
    EXTRA_COLUMNS.map((c) =>
      k.extras.includes(c)
        ? `m.${c}`
        : c === 'nil_id' || c === 'municipio'
          ? `null::int as ${c}`
          : c === 'is_target'
            ? `null::boolean as ${c}`
            : `null::text as ${c}`,
    ).join(', '),
  )

  // Booked time per booking, in one piece (whole period) or split by local day.
  const pieces = splitsTime
    ? sql`
      pieces as (
        select cb.id, cb.lab_id, cb.team_id, cb.status, cb.participants, cb.participant_categories,
               hd.bucket, p.piece, p.day = (lower(cb.c) at time zone cb.tz)::date as first
        from clipped cb
        cross join lateral (
          select g::date as day,
                 cb.c * tstzrange(g::date::timestamp at time zone cb.tz, (g::date + 1)::timestamp at time zone cb.tz) as piece
          from generate_series((lower(cb.c) at time zone cb.tz)::date,
                               ((upper(cb.c) at time zone cb.tz) - interval '1 microsecond')::date, interval '1 day') g
        ) p
        join hub_days hd on hd.hub_id = cb.hub_id and hd.day = p.day
      )`
    : sql`
      pieces as (
        select cb.id, cb.lab_id, cb.team_id, cb.status, cb.participants, cb.participant_categories,
               ''::text as bucket, cb.c as piece, true as first
        from clipped cb
      )`

  const teamMode = q.groupBy === 'team'

  const result = await sql<UtilisationDbRow>`
    with
    scope_labs as (
      select l.id as lab_id, l.name as lab_name, l.type as lab_type, l.hub_id, h.name as hub_name, h.timezone as tz,
             h.area_id, a.name as area_name, a.nil_id, a.municipio::int as municipio, a.is_target
      from labs l join hubs h on h.id = l.hub_id join areas a on a.id = h.area_id
      where ${scopeFilter(q.scope)}
    ),
    scope_hubs as (select distinct hub_id, tz from scope_labs),
    hub_days as (
      select sh.hub_id, sh.tz, d.day, ${bucketOf(q.groupBy)} as bucket
      from scope_hubs sh
      cross join lateral (select g::date as day from generate_series(${from}, ${to} - 1, interval '1 day') g) d
    ),
    opening as (
      select hd.hub_id, hd.day,
             range_agg(tstzrange((hd.day + oh.opens) at time zone hd.tz, (hd.day + oh.closes) at time zone hd.tz)) as open_mr
      from hub_days hd
      join opening_hours oh on oh.hub_id = hd.hub_id and oh.weekday = extract(isodow from hd.day)
      group by hd.hub_id, hd.day
    ),
    hub_closure_days as (
      select sh.hub_id, g::date as day, range_agg(cl.during) as closed_mr
      from closures cl
      join scope_hubs sh on cl.lab_id is null and (cl.hub_id is null or cl.hub_id = sh.hub_id)
      cross join lateral generate_series(greatest((lower(cl.during) at time zone sh.tz)::date, ${from}),
                                         least((upper(cl.during) at time zone sh.tz)::date, ${to} - 1), interval '1 day') g
      where cl.during && tstzrange(${from}::timestamp at time zone sh.tz, ${to}::timestamp at time zone sh.tz)
      group by sh.hub_id, g::date
    ),
    hub_open as (
      select o.hub_id, o.day, o.open_mr - coalesce(c.closed_mr, '{}'::tstzmultirange) as net_mr
      from opening o left join hub_closure_days c on c.hub_id = o.hub_id and c.day = o.day
    ),
    hub_open_secs as (
      select ho.hub_id, ho.day, ho.net_mr,
             (select coalesce(sum(${SECONDS('r')}), 0) from unnest(ho.net_mr) r) as secs
      from hub_open ho
    ),
    hub_bucket_open as (
      select hd.hub_id, hd.bucket, coalesce(sum(hos.secs), 0) as secs
      from hub_days hd left join hub_open_secs hos on hos.hub_id = hd.hub_id and hos.day = hd.day
      group by hd.hub_id, hd.bucket
    ),
    lab_closure_loss as (
      select x.lab_id, hd.bucket,
             sum((select coalesce(sum(${SECONDS('r')}), 0) from unnest(hos.net_mr * x.closed_mr) r)) as secs
      from (
        select sl.lab_id, sl.hub_id, g::date as day, range_agg(cl.during) as closed_mr
        from closures cl
        join scope_labs sl on cl.lab_id = sl.lab_id
        cross join lateral generate_series(greatest((lower(cl.during) at time zone sl.tz)::date, ${from}),
                                           least((upper(cl.during) at time zone sl.tz)::date, ${to} - 1), interval '1 day') g
        where cl.during && tstzrange(${from}::timestamp at time zone sl.tz, ${to}::timestamp at time zone sl.tz)
        group by sl.lab_id, sl.hub_id, g::date
      ) x
      join hub_open_secs hos on hos.hub_id = x.hub_id and hos.day = x.day
      join hub_days hd on hd.hub_id = x.hub_id and hd.day = x.day
      group by x.lab_id, hd.bucket
    ),
    lab_bucket_open as (
      select sl.lab_id, hb.bucket, hb.secs - coalesce(ll.secs, 0) as open_secs
      from scope_labs sl
      join hub_bucket_open hb on hb.hub_id = sl.hub_id
      left join lab_closure_loss ll on ll.lab_id = sl.lab_id and ll.bucket = hb.bucket
    ),
    clipped as (
      select b.id, b.lab_id, b.team_id, b.status, b.participants, b.participant_categories, sl.hub_id, sl.tz,
             b.during * tstzrange(${from}::timestamp at time zone sl.tz, ${to}::timestamp at time zone sl.tz) as c
      from bookings b
      join scope_labs sl on sl.lab_id = b.lab_id
      where b.status in (${BOOKED_LIST})
        and b.during && tstzrange((${from} - 2)::timestamp at time zone 'UTC', (${to} + 2)::timestamp at time zone 'UTC')
        and b.during && tstzrange(${from}::timestamp at time zone sl.tz, ${to}::timestamp at time zone sl.tz)
    ),
    ${pieces},
    booked as (
      select lab_id, bucket, ${teamMode ? sql`team_id,` : sql``}
             sum(${SECONDS('piece')}) as booked_secs,
             coalesce(sum(${SECONDS('piece')}) filter (where status = ${USED_STATUS}), 0) as used_secs,
             count(*) filter (where first) as bookings,
             count(*) filter (where first and status = 'no_show') as no_shows,
             coalesce(sum(participants) filter (where first), 0) as participants
      from pieces
      group by lab_id, bucket ${teamMode ? sql`, team_id` : sql``}
    ),
    ${
      teamMode
        ? sql`
    rows_by_lab as (
      select b.lab_id, b.bucket, b.team_id, 0::numeric as open_secs, b.booked_secs, b.used_secs, b.bookings, b.no_shows, b.participants
      from booked b
    ),`
        : sql`
    rows_by_lab as (
      select lo.lab_id, lo.bucket, null::uuid as team_id, lo.open_secs,
             coalesce(bk.booked_secs, 0) as booked_secs, coalesce(bk.used_secs, 0) as used_secs,
             coalesce(bk.bookings, 0) as bookings, coalesce(bk.no_shows, 0) as no_shows, coalesce(bk.participants, 0) as participants
      from lab_bucket_open lo left join booked bk on bk.lab_id = lo.lab_id and bk.bucket = lo.bucket
    ),`
    }
    keyed as (
      select ${k.key} as key, ${k.label} as label, r.bucket, sl.lab_id::text as lab_id, sl.hub_id::text as hub_id, sl.hub_name,
             sl.lab_type, sl.area_id::text as area_id, sl.area_name, sl.nil_id, sl.municipio, sl.is_target,
             r.open_secs, r.booked_secs, r.used_secs, r.bookings, r.no_shows, r.participants
      from rows_by_lab r join scope_labs sl on sl.lab_id = r.lab_id
    ),
    main as (
      select grouping(key) = 1 as is_total, key, label, ${sql.raw(k.extras.map((c) => `${c}`).join(', ') || 'null as none')},
             sum(open_secs) as open_secs, sum(booked_secs) as booked_secs, sum(used_secs) as used_secs,
             sum(bookings) as bookings, sum(no_shows) as no_shows, sum(participants) as participants
      from keyed
      group by grouping sets ((${extrasGroup}), ())
    ),
    keyed_pieces as (
      select ${k.key} as key, r.team_id, r.participant_categories
      from pieces r join scope_labs sl on sl.lab_id = r.lab_id
      where r.first
    ),
    teams as (
      select grouping(key) = 1 as is_total, key, count(distinct team_id) as n
      from keyed_pieces group by grouping sets ((key), ())
    ),
    category_sums as (
      select grouping(kp.key) = 1 as is_total, kp.key, e.key as category, sum((e.value)::numeric) as n
      from keyed_pieces kp
      cross join lateral jsonb_each(case when jsonb_typeof(kp.participant_categories) = 'object' then kp.participant_categories else '{}'::jsonb end) e
      where jsonb_typeof(e.value) = 'number'
      group by grouping sets ((kp.key, e.key), (e.key))
    ),
    categories as (
      select is_total, key, jsonb_object_agg(category, n order by category) as categories
      from category_sums group by is_total, key
    )
    select m.is_total, m.key, m.label, ${extrasMax},
           coalesce(m.open_secs, 0)::float8 as open_secs, coalesce(m.booked_secs, 0)::float8 as booked_secs,
           coalesce(m.used_secs, 0)::float8 as used_secs, coalesce(m.bookings, 0)::int as bookings,
           coalesce(m.no_shows, 0)::int as no_shows, coalesce(m.participants, 0)::int as participants,
           coalesce(t.n, 0)::int as distinct_teams, c.categories
    from main m
    left join teams t on t.is_total = m.is_total and t.key is not distinct from m.key
    left join categories c on c.is_total = m.is_total and c.key is not distinct from m.key
  `.execute(db)
  return result.rows
}

/**
 * Open hours of the labs in scope over `[from, to)`, in seconds: the denominator of a team's share
 * (a team has no opening hours of its own).
 */
export async function scopeOpenSeconds(db: Kysely<Database>, q: Omit<UtilisationQuery, 'groupBy'>): Promise<number> {
  const rows = await utilisationRows(db, { ...q, groupBy: 'type' })
  return rows.find((r) => r.is_total)?.open_secs ?? 0
}
