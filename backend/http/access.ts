/**
 * The one place where who-may-do-what is decided: features ask here, never decide themselves.
 *
 * - admin (the Comune): everything.
 * - operator: the hubs its operator holds under a concession in force (status active, today within its
 *   period), and what lives in them: labs, bookings, waitlists, equipment, reports.
 * - member: its own teams, and what hangs from them (bookings, grants, awards, progress reports).
 * - evaluator: the calls it is assigned to (their submitted applications, scores, ranking before publication).
 *
 * Ids the caller may not see answer 404 (the thing does not exist for them); a thing they see but may not
 * change answers 403. One module per subject under `access/`; this file is the entry point.
 */

export * from './access/bookings.ts'
export * from './access/calls.ts'
export * from './access/equipment.ts'
export * from './access/hubs.ts'
export * from './access/operators.ts'
export * from './access/outcomes.ts'
export * from './access/people.ts'
export * from './access/reports.ts'
export * from './access/teams.ts'
