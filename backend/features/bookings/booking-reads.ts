import type { Kysely } from 'kysely'
import { jsonObjectFrom } from 'kysely/helpers/postgres'
import { precompiled } from '../../../db/precompiled.ts'
import type { Database } from '../../../db/schema.ts'
import type { Interval } from '../../time.ts'
import { type TeamWithContact, teamWithContactQuery, toTeamWithContact } from '../teams/queries.ts'
import { forgetExpired, keptAnswer, type StoredAnswer } from './idempotency.ts'
import {
  calendarColumns,
  isoWindow,
  LAB_FOR_BOOKING,
  type LabCalendar,
  type LabForBooking,
  type TeamRules,
  teamRulesColumns,
  toCalendar,
} from './queries.ts'

/** What a new booking reads before it is checked: nothing here is guarded by a lock (see labCalendar, teamRules). */
export interface BookingReads {
  lab: LabForBooking
  calendar: LabCalendar
  /** The team asked for, with its contact and whether the actor is a member; undefined when there is none. */
  team: TeamWithContact | undefined
  /** The team's rules; null without a team id. */
  rules: TeamRules | null
  /** The answer kept under the Idempotency-Key; null without a key or when none holds. */
  prior: StoredAnswer | null
}

/**
 * One statement, built and compiled once (issue 18: one round trip, one socket write, no Kysely work per
 * request where there were four statements): the lab with its hub and its calendar for the window, the team
 * with its contact, the team's rules, and the answer kept under the key (an expired one forgotten in the same
 * statement). A missing team or key is a null parameter, which matches nothing: the statement's text is the same
 * for every booking, as its prepared plan. Ids must be UUIDs (the caller decides what another value means).
 */
const readsOfBooking = precompiled((db, a: { labId: string; from: string; to: string; teamId: string; actorId: string; key: string }) =>
  db
    .with('forgotten', (w) => forgetExpired(w, a.actorId, a.key))
    .selectFrom('labs')
    .innerJoin('hubs', 'hubs.id', 'labs.hub_id')
    .select([
      ...LAB_FOR_BOOKING,
      ...calendarColumns(db, a.labId, { start: a.from, end: a.to }),
      jsonObjectFrom(teamWithContactQuery(db, a.teamId, a.actorId)).as('team'),
      ...teamRulesColumns(db, a.teamId),
      jsonObjectFrom(keptAnswer(db, a.actorId, a.key)).as('prior'),
    ])
    .where('labs.id', '=', a.labId),
)

/** The reads of a new booking (readsOfBooking), or undefined when the lab does not exist. */
export async function readForBooking(
  db: Kysely<Database>,
  r: { labId: string; window: Interval; teamId: string | null; actorId: string; key: string | undefined },
): Promise<BookingReads | undefined> {
  const { start, end } = isoWindow(r.window)
  const [row] = await readsOfBooking(db, { labId: r.labId, from: start, to: end, teamId: r.teamId, actorId: r.actorId, key: r.key ?? null })
  if (!row) return undefined
  const { hours, closures, team, grants, kinds, held, prior, ...lab } = row
  return {
    lab,
    calendar: toCalendar({ hours, closures }),
    team: team ? toTeamWithContact(team) : undefined,
    rules: r.teamId ? { grants, kinds, held } : null,
    prior: prior ? { status: prior.status_code, body: prior.response } : null,
  }
}
