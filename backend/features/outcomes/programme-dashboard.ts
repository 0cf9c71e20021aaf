import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { isStaff } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { problems } from '../../http/problem.ts'
import { isoDate } from '../../http/validation.ts'
import { grantUsage } from '../grants/usage.ts'
import type { Period } from './computed-values.ts'
import { progressTowards } from './indicator-values.ts'
import { indicatorsOfCalls } from './indicators.ts'
import { message, outcomeText } from './messages.ts'
import { outcomeRows } from './outcome-rows.ts'
import { projectsOf } from './outcomes-report.ts'
import { type ActivityFact, activityFacts, awardFacts } from './programme-figures.ts'
import { areasOfTeams } from './project-places.ts'

export const DashboardQuery = z
  .object({
    callId: z.uuid().optional(),
    areaId: z.uuid().optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    format: z.enum(['json', 'csv', 'xlsx']).default('json'),
    /** Which table the CSV holds (JSON and the office file hold them all). */
    table: z.enum(['projects', 'areas', 'calls', 'trend']).default('projects'),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: fieldMessage(outcomeText.periodOrder), path: ['to'] })
export type DashboardInput = z.output<typeof DashboardQuery>

/** Figures shared by every level (a call, an area, a project). */
export interface Figures {
  projects: number
  fundingCommittedCents: number
  fundingPaidCents: number
  hoursGranted: number
  hoursBooked: number
  /** Hours of completed activities in the period (attendance recorded). */
  hoursUsed: number
  events: number
  participants: number
  participantsByCategory: Record<string, number>
}

export interface ProjectRow extends Figures {
  teamId: string
  teamName: string
  callId: string
  callTitle: string
  areas: Array<{ areaId: string; name: string; nilId: number | null; municipio: number }>
  /** Participants the team declared in its accepted reports (beside those recorded at attendance). */
  reportedParticipantsByCategory: Record<string, number>
  indicators: Array<{
    indicatorId: string
    name: string
    unit: string
    kind: string
    source: string
    baseline: number | null
    target: number | null
    value: number
    progress: number | null
  }>
}
export interface AreaRow extends Figures {
  areaId: string
  name: string
  nilId: number | null
  municipio: number
  isTarget: boolean
}
export interface CallRow extends Figures {
  callId: string
  title: string
  budgetCents: number
}
export interface TrendRow {
  month: string
  hoursUsed: number
  events: number
  participants: number
}
export interface Dashboard {
  from: string | null
  to: string | null
  calls: CallRow[]
  areas: AreaRow[]
  projects: ProjectRow[]
  trend: TrendRow[]
  totals: Figures
}

const hours = (secs: number) => Math.round((secs / 3600) * 100) / 100
const round2 = (n: number) => Math.round(n * 100) / 100
const emptyFigures = (): Figures => ({
  projects: 0,
  fundingCommittedCents: 0,
  fundingPaidCents: 0,
  hoursGranted: 0,
  hoursBooked: 0,
  hoursUsed: 0,
  events: 0,
  participants: 0,
  participantsByCategory: {},
})
function addCategories(into: Record<string, number>, from: Record<string, number>) {
  for (const [k, v] of Object.entries(from)) into[k] = (into[k] ?? 0) + v
}
function addActivity(into: Figures, facts: ActivityFact[]) {
  let secs = Math.round(into.hoursUsed * 3600)
  for (const f of facts) {
    secs += f.usedSeconds
    into.events += f.events
    into.participants += f.participants
    addCategories(into.participantsByCategory, f.byCategory)
  }
  into.hoursUsed = hours(secs)
}

type Project = { teamId: string; callId: string }

/**
 * The programme's dashboard: per call, per area (the NIL of the hub where an activity happened; money goes to
 * the area of the award's hub, else the application's first area) and per project, with progress against
 * targets, hours granted/booked (the grants' whole life) and used (in the period), participants by
 * category, funding committed and paid, and the monthly trend. The Comune sees every project; an operator
 * the projects working in its hubs (outcomes-report.ts).
 */
export async function programmeDashboard(
  db: Kysely<Database>,
  user: SessionUser,
  q: DashboardInput,
  scope: (projects: Project[]) => Promise<Project[]>,
): Promise<Dashboard> {
  if (!isStaff(user)) throw problems.forbidden(message('reportsForStaff'))
  const period: Period = { from: q.from ?? null, to: q.to ?? null }
  const callRows = await callsOf(db, q.callId)
  const callIds = callRows.map((c) => c.id)
  const scoped = await scope(await projectsOf(db, callIds))
  const facts = await readFacts(db, callIds, scoped, period)
  const places = await placeProjects(db, scoped, facts, q.areaId)
  const projects = projectRowsOf(facts, places, callRows, q.areaId)
  const totals = emptyFigures()
  for (const p of projects) sumInto(totals, p)
  return {
    from: period.from,
    to: period.to,
    calls: callRowsOf(callRows, projects),
    areas: areaRowsOf(facts, places, q.areaId),
    projects,
    trend: trendOf(facts.activity, places.kept, q.areaId),
    totals,
  }
}

/** The calls the dashboard covers: the one asked for, else every call past its draft; by opening. */
function callsOf(db: Kysely<Database>, callId: string | undefined) {
  return (
    callId
      ? db.selectFrom('calls').select(['id', 'title', 'budget_cents']).where('id', '=', callId)
      : db.selectFrom('calls').select(['id', 'title', 'budget_cents']).where('status', '<>', 'draft')
  )
    .orderBy('opens_at')
    .execute()
}
type CallFacts = Awaited<ReturnType<typeof callsOf>>

/** Everything the figures are made of, for the projects in scope, read at once. */
async function readFacts(db: Kysely<Database>, callIds: string[], projects: Project[], period: Period) {
  const teamIds = [...new Set(projects.map((p) => p.teamId))]
  const [placeAreas, awards, activity, usage, outcomes, indicators, teams, reported, grantAreas] = await Promise.all([
    areasOfTeams(db, teamIds),
    awardFacts(db, callIds),
    activityFacts(db, teamIds, period),
    teamIds.length ? grantUsage(db, { teamIds }) : Promise.resolve([]),
    outcomeRows(db, projects, period),
    indicatorsOfCalls(db, callIds),
    teamIds.length ? db.selectFrom('teams').select(['id', 'name']).where('id', 'in', teamIds).execute() : Promise.resolve([]),
    reportedCategories(db, teamIds, period),
    teamIds.length
      ? db
          .selectFrom('grants')
          .innerJoin('hubs', 'hubs.id', 'grants.hub_id')
          .select(['grants.id', 'hubs.area_id'])
          .where('grants.team_id', 'in', teamIds)
          .execute()
      : Promise.resolve([]),
  ])
  return { placeAreas, awards, activity, usage, outcomes, indicators, teams, reported, grantAreas }
}
type Facts = Awaited<ReturnType<typeof readFacts>>

/**
 * Where each project is: the areas it worked in and the area its award's money goes to. The projects kept are
 * those of the area asked for (all without one); the areas read are those of every project in scope.
 */
async function placeProjects(db: Kysely<Database>, scoped: Project[], facts: Facts, areaId: string | undefined) {
  const projectAreas = new Map<string, Set<string>>()
  for (const p of scoped) {
    const set = new Set(facts.placeAreas.get(p.teamId) ?? [])
    for (const a of facts.awards) if (a.teamId === p.teamId && a.callId === p.callId && a.areaId) set.add(a.areaId)
    projectAreas.set(`${p.teamId}:${p.callId}`, set)
  }
  const areasOf = (p: Project) => projectAreas.get(`${p.teamId}:${p.callId}`)
  const projects = areaId ? scoped.filter((p) => areasOf(p)?.has(areaId)) : scoped
  const kept = new Set(projects.map((p) => p.teamId))
  const areaIds = [...new Set([...projectAreas.values()].flatMap((s) => [...s]))]
  const areaRows = areaIds.length ? await db.selectFrom('areas').selectAll().where('id', 'in', areaIds).execute() : []
  return { projects, kept, areasOf, areaRows }
}
type Places = Awaited<ReturnType<typeof placeProjects>>

/** One row per project kept, by call and team name. */
function projectRowsOf(facts: Facts, places: Places, callRows: CallFacts, areaId: string | undefined): ProjectRow[] {
  const { awards, usage, activity, outcomes, teams, reported } = facts
  const areaById = new Map(places.areaRows.map((a) => [a.id, a]))
  const indicatorById = new Map(facts.indicators.map((i) => [i.id, i]))
  const projectRows: ProjectRow[] = places.projects.map((p) => {
    const f = emptyFigures()
    f.projects = 1
    const mine = awards.filter((a) => a.teamId === p.teamId && a.callId === p.callId)
    f.fundingCommittedCents = mine.reduce((s, a) => s + a.fundingCents, 0)
    f.fundingPaidCents = mine.reduce((s, a) => s + a.paidCents, 0)
    const grants = usage.filter((u) => u.teamId === p.teamId)
    f.hoursGranted = round2(grants.reduce((s, g) => s + g.hours, 0))
    f.hoursBooked = hours(grants.reduce((s, g) => s + g.seconds.bookedSeconds, 0))
    addActivity(
      f,
      activity.filter((a) => a.teamId === p.teamId && (!areaId || a.areaId === areaId)),
    )
    const outcome = outcomes.find((r) => r.teamId === p.teamId && r.callId === p.callId)
    return {
      ...f,
      teamId: p.teamId,
      teamName: teams.find((t) => t.id === p.teamId)?.name ?? '',
      callId: p.callId,
      callTitle: callRows.find((c) => c.id === p.callId)?.title ?? '',
      areas: [...(places.areasOf(p) ?? [])]
        .map((id) => areaById.get(id)!)
        .sort((a, b) => (a.nil_id ?? 0) - (b.nil_id ?? 0))
        .map((a) => ({ areaId: a.id, name: a.name, nilId: a.nil_id, municipio: a.municipio })),
      reportedParticipantsByCategory: reported.get(p.teamId) ?? {},
      indicators: (outcome?.indicators ?? []).map((v) => {
        const i = indicatorById.get(v.indicatorId)!
        return {
          ...v,
          name: i.name,
          unit: i.unit,
          kind: i.kind,
          source: i.source,
          progress: progressTowards(v.value, v.baseline, v.target),
        }
      }),
    }
  })
  return projectRows.sort((a, b) => a.callTitle.localeCompare(b.callTitle, 'it') || a.teamName.localeCompare(b.teamName, 'it'))
}

/** Per call: the sum of its projects' rows. */
function callRowsOf(callRows: CallFacts, projectRows: ProjectRow[]): CallRow[] {
  return callRows.map((c) => {
    const f = emptyFigures()
    for (const p of projectRows.filter((r) => r.callId === c.id)) sumInto(f, p)
    return { ...f, callId: c.id, title: c.title, budgetCents: Number(c.budget_cents) }
  })
}

/** Per area: activity where it happened, money where the award points, projects that worked there. */
function areaRowsOf(facts: Facts, places: Places, areaId: string | undefined): AreaRow[] {
  const { awards, usage, activity } = facts
  const { projects, kept } = places
  // a grant of a hub's labs counts its hours in that hub's area (a grant for any hub counts in no area)
  const areaOfGrant = new Map(facts.grantAreas.map((g) => [g.id, g.area_id]))
  return places.areaRows
    .filter((a) => !areaId || a.id === areaId)
    .map((a) => {
      const f = emptyFigures()
      const here = projects.filter((p) => places.areasOf(p)?.has(a.id))
      f.projects = here.length
      const money = awards.filter(
        (w) => w.areaId === a.id && kept.has(w.teamId) && projects.some((p) => p.teamId === w.teamId && p.callId === w.callId),
      )
      f.fundingCommittedCents = money.reduce((s, w) => s + w.fundingCents, 0)
      f.fundingPaidCents = money.reduce((s, w) => s + w.paidCents, 0)
      const grants = usage.filter((u) => areaOfGrant.get(u.grantId) === a.id && kept.has(u.teamId))
      f.hoursGranted = round2(grants.reduce((s, g) => s + g.hours, 0))
      f.hoursBooked = hours(grants.reduce((s, g) => s + g.seconds.bookedSeconds, 0))
      addActivity(
        f,
        activity.filter((x) => x.areaId === a.id && kept.has(x.teamId)),
      )
      return { ...f, areaId: a.id, name: a.name, nilId: a.nil_id, municipio: a.municipio, isTarget: a.is_target }
    })
    .sort((a, b) => (a.nilId ?? 0) - (b.nilId ?? 0))
}

/** The monthly trend of the projects kept (in the area asked for). */
function trendOf(activity: ActivityFact[], kept: Set<string>, areaId: string | undefined): TrendRow[] {
  const months = new Map<string, TrendRow & { secs: number }>()
  for (const x of activity) {
    if (!kept.has(x.teamId) || (areaId && x.areaId !== areaId)) continue
    const m = months.get(x.month) ?? { month: x.month, hoursUsed: 0, events: 0, participants: 0, secs: 0 }
    m.secs += x.usedSeconds
    m.events += x.events
    m.participants += x.participants
    months.set(x.month, m)
  }
  return [...months.values()].sort((a, b) => a.month.localeCompare(b.month)).map(({ secs, ...m }) => ({ ...m, hoursUsed: hours(secs) }))
}

function sumInto(into: Figures, p: Figures) {
  into.projects += p.projects
  into.fundingCommittedCents += p.fundingCommittedCents
  into.fundingPaidCents += p.fundingPaidCents
  into.hoursGranted = round2(into.hoursGranted + p.hoursGranted)
  into.hoursBooked = round2(into.hoursBooked + p.hoursBooked)
  into.hoursUsed = round2(into.hoursUsed + p.hoursUsed)
  into.events += p.events
  into.participants += p.participants
  addCategories(into.participantsByCategory, p.participantsByCategory)
}

/** Participants by category that teams declared in their accepted reports starting in the period. */
async function reportedCategories(db: Kysely<Database>, teamIds: string[], period: Period): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>()
  if (teamIds.length === 0) return out
  let q = db
    .selectFrom('progress_reports')
    .select(['team_id', 'participants_by_category'])
    .where('status', '=', 'accepted')
    .where('team_id', 'in', teamIds)
  if (period.from) q = q.where('from_date', '>=', period.from)
  if (period.to) q = q.where('from_date', '<', period.to)
  for (const r of await q.execute()) {
    const into = out.get(r.team_id) ?? {}
    addCategories(into, r.participants_by_category ?? {})
    out.set(r.team_id, into)
  }
  return out
}
