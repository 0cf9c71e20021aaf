import type { Kysely } from 'kysely'
import type { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { canSeeTeam } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { attributeBookings } from './accounting.ts'
import { m } from './messages.ts'
import type { GrantBody, GrantPatch, GrantsQuery } from './schemas.ts'
import { coveredBookingsOfTeams, type GrantRow, grantUsage, toGrantTerms } from './usage.ts'

const teamNotFound = () => problems.notFound('team')
const grantNotFound = () => problems.notFound('grant')

async function withUsage(db: Kysely<Database>, rows: GrantRow[]) {
  if (rows.length === 0) return []
  const usage = await grantUsage(db, { grantIds: rows.map((r) => r.id) })
  return rows.map((r) => {
    const u = usage.find((x) => x.grantId === r.id)!
    return {
      id: r.id,
      teamId: r.team_id,
      hours: r.hours,
      from: r.from_date,
      to: r.to_date,
      hubId: r.hub_id,
      labType: r.lab_type,
      reference: r.reference,
      hoursBooked: u.hoursBooked,
      hoursUsed: u.hoursUsed,
      hoursRemaining: u.hoursRemaining,
    }
  })
}

/** Grants are read by the Comune, by operator staff, and by the team's own members. */
async function assertCanReadTeamGrants(db: Kysely<Database>, user: SessionUser, teamId: string) {
  if (!(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw teamNotFound()
  if (!(await canSeeTeam(db, user, teamId))) throw teamNotFound()
}

export async function listTeamGrants(db: Kysely<Database>, user: SessionUser, teamId: string) {
  await assertCanReadTeamGrants(db, user, teamId)
  const rows = await db.selectFrom('grants').selectAll().where('team_id', '=', teamId).orderBy('from_date').orderBy('created_at').execute()
  return withUsage(db, rows)
}

export async function getGrant(db: Kysely<Database>, user: SessionUser, id: string) {
  const row = await db.selectFrom('grants').selectAll().where('id', '=', id).executeTakeFirst()
  if (!row) throw grantNotFound()
  if (!(await canSeeTeam(db, user, row.team_id))) throw grantNotFound()
  return (await withUsage(db, [row]))[0]
}

export async function listGrants(db: Kysely<Database>, q: z.output<typeof GrantsQuery> & { limit: number; offset: number }) {
  let query = db.selectFrom('grants').innerJoin('teams', 'teams.id', 'grants.team_id')
  if (q.teamId) query = query.where('grants.team_id', '=', q.teamId)
  if (q.callReference) query = query.where('teams.call_reference', '=', q.callReference)
  if (q.reference) query = query.where('grants.reference', '=', q.reference)
  if (q.hubId) query = query.where('grants.hub_id', '=', q.hubId)
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await query
    .selectAll('grants')
    .orderBy('teams.name')
    .orderBy('grants.from_date')
    .orderBy('grants.id')
    .limit(q.limit)
    .offset(q.offset)
    .execute()
  return { items: await withUsage(db, rows), total: Number(total) }
}

async function assertHubExists(db: Kysely<Database>, hubId: string | null | undefined) {
  if (hubId && !(await db.selectFrom('hubs').select('id').where('id', '=', hubId).executeTakeFirst())) {
    throw problems.validation([{ path: 'hubId', message: field.unknownHub() }])
  }
}

export async function createGrant(db: Kysely<Database>, admin: SessionUser, teamId: string, body: z.output<typeof GrantBody>) {
  const row = await db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw teamNotFound()
    await assertHubExists(trx, body.hubId)
    const grant = await trx
      .insertInto('grants')
      .values({
        team_id: teamId,
        hours: body.hours,
        from_date: body.from,
        to_date: body.to,
        hub_id: body.hubId ?? null,
        lab_type: body.labType ?? null,
        reference: body.reference,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'grant.created',
      entity: 'grant',
      entityId: grant.id,
      details: { teamId, ...body },
    })
    return grant
  })
  return (await withUsage(db, [row]))[0]
}

/** Seconds of the team's bookings that its grants (as they would be) leave uncovered. */
async function uncoveredSecondsOfTeam(db: Kysely<Database>, grants: GrantRow[], teamId: string): Promise<number> {
  const bookings = await coveredBookingsOfTeams(db, [teamId])
  const { uncoveredSeconds } = attributeBookings(grants.map(toGrantTerms), bookings)
  return [...uncoveredSeconds.values()].reduce((a, b) => a + b, 0)
}

/**
 * Changes a grant unless the change would leave bookings already made without the hours they were
 * given (409): the grant may grow or widen freely, shrink only down to what is booked.
 */
export async function updateGrant(db: Kysely<Database>, admin: SessionUser, id: string, body: z.output<typeof GrantPatch>) {
  const row = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('grants').select('team_id').where('id', '=', id).executeTakeFirst()
    if (!current) throw grantNotFound()
    const grants = await trx.selectFrom('grants').selectAll().where('team_id', '=', current.team_id).orderBy('id').forUpdate().execute()
    const before = grants.find((g) => g.id === id)!
    const after: GrantRow = {
      ...before,
      ...(body.hours !== undefined && { hours: body.hours }),
      ...(body.from !== undefined && { from_date: body.from }),
      ...(body.to !== undefined && { to_date: body.to }),
      ...(body.hubId !== undefined && { hub_id: body.hubId }),
      ...(body.labType !== undefined && { lab_type: body.labType }),
      ...(body.reference !== undefined && { reference: body.reference }),
    }
    if (after.from_date > after.to_date) throw problems.validation([{ path: 'to', message: field.endBeforeStart() }])
    await assertHubExists(trx, body.hubId)
    const uncoveredBefore = await uncoveredSecondsOfTeam(trx, grants, current.team_id)
    const uncoveredAfter = await uncoveredSecondsOfTeam(
      trx,
      grants.map((g) => (g.id === id ? after : g)),
      current.team_id,
    )
    if (uncoveredAfter > uncoveredBefore) {
      throw problems.conflict(m.wouldUncover())
    }
    const updated = await trx
      .updateTable('grants')
      .set({
        hours: after.hours,
        from_date: after.from_date,
        to_date: after.to_date,
        hub_id: after.hub_id,
        lab_type: after.lab_type,
        reference: after.reference,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, { actorUserId: admin.id, action: 'grant.updated', entity: 'grant', entityId: id, details: body })
    return updated
  })
  return (await withUsage(db, [row]))[0]
}
