import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import type { Database, IndicatorsTable } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { fieldMessage } from '../../http/i18n.ts'
import { AppError, problems } from '../../http/problem.ts'
import { optionalText, text } from '../../http/validation.ts'
import { assertCallVisible } from './call-link.ts'
import { assertActiveCategories } from './categories.ts'
import { message, outcomeText } from './messages.ts'

/** What a computed indicator counts, from bookings and attendance (never typed in by a team). */
export const Counts = z.union([
  z.enum(['hoursUsed', 'participants', 'events']),
  z.string().regex(/^participants:[a-z0-9_]{1,40}$/, 'hoursUsed, participants, events or participants:<category>'),
])

export const IndicatorBody = z
  .object({
    name: text(200),
    unit: text(50),
    kind: z.enum(['output', 'outcome']),
    source: z.enum(['computed', 'reported']),
    counts: Counts.nullish(),
    direction: z.enum(['increase', 'decrease']).default('increase'),
    description: optionalText(1000),
    position: z.number().int().min(0).max(1000).optional(),
  })
  .refine((b) => (b.source === 'computed') === !!b.counts, { message: fieldMessage(outcomeText.countsOnlyComputed), path: ['counts'] })

export const TargetsBody = z
  .array(z.object({ indicatorId: z.uuid(), baseline: z.number().min(0).max(1e12).default(0), target: z.number().min(0).max(1e12) }))
  .max(200)
  .refine((items) => new Set(items.map((i) => i.indicatorId)).size === items.length, fieldMessage(outcomeText.duplicateIndicator))

export const IndicatorViewSchema = z.object({
  id: z.uuid(),
  callId: z.uuid(),
  name: z.string(),
  unit: z.string(),
  kind: z.enum(['output', 'outcome']),
  source: z.enum(['computed', 'reported']),
  counts: z.string().optional().describe('What a computed indicator counts (absent for a reported one)'),
  direction: z.enum(['increase', 'decrease']),
  description: z.string().nullable(),
  position: z.number().int(),
})
type IndicatorView = z.infer<typeof IndicatorViewSchema>

export type IndicatorRow = Selectable<IndicatorsTable>

export function toIndicator(r: IndicatorRow): IndicatorView {
  return {
    id: r.id,
    callId: r.call_id,
    name: r.name,
    unit: r.unit,
    kind: r.kind,
    source: r.source,
    ...(r.counts ? { counts: r.counts } : {}),
    direction: r.direction,
    description: r.description,
    position: r.position,
  }
}

export async function indicatorsOfCalls(db: Kysely<Database>, callIds: string[]): Promise<IndicatorRow[]> {
  if (callIds.length === 0) return []
  return db
    .selectFrom('indicators')
    .selectAll()
    .where('call_id', 'in', callIds)
    .orderBy('call_id')
    .orderBy('position')
    .orderBy('created_at')
    .execute()
}

export async function listIndicators(db: Kysely<Database>, user: SessionUser | null, callId: string): Promise<IndicatorView[]> {
  await assertCallVisible(db, user, callId)
  return (await indicatorsOfCalls(db, [callId])).map(toIndicator)
}

export async function createIndicator(db: Kysely<Database>, admin: SessionUser, callId: string, body: z.output<typeof IndicatorBody>) {
  await assertCallVisible(db, admin, callId)
  const category = body.counts?.startsWith('participants:') ? body.counts.slice('participants:'.length) : null
  if (category) await assertActiveCategories(db, [category], 'counts')
  return db.transaction().execute(async (trx) => {
    const position =
      body.position ??
      Number(
        (
          await trx
            .selectFrom('indicators')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('call_id', '=', callId)
            .executeTakeFirst()
        )?.n ?? 0,
      )
    const row = await trx
      .insertInto('indicators')
      .values({
        call_id: callId,
        name: body.name,
        unit: body.unit,
        kind: body.kind,
        source: body.source,
        counts: body.source === 'computed' ? (body.counts ?? null) : null,
        direction: body.direction,
        description: body.description ?? null,
        position,
        created_by: admin.id,
      })
      .onConflict((oc) => oc.columns(['call_id', 'name']).doNothing())
      .returningAll()
      .executeTakeFirst()
    if (!row) throw new AppError('conflict', message('indicatorNameTaken'))
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'indicator.create',
      entity: 'indicator',
      entityId: row.id,
      details: { callId, ...body },
    })
    return toIndicator(row)
  })
}

/** Baselines and targets set per team and indicator. */
export async function targetsOfTeams(
  db: Kysely<Database>,
  teamIds: string[],
): Promise<Map<string, Map<string, { baseline: number; target: number }>>> {
  const byTeam = new Map<string, Map<string, { baseline: number; target: number }>>()
  if (teamIds.length === 0) return byTeam
  const rows = await db
    .selectFrom('indicator_targets')
    .select(['team_id', 'indicator_id', 'baseline', 'target'])
    .where('team_id', 'in', teamIds)
    .execute()
  for (const r of rows) {
    const m = byTeam.get(r.team_id) ?? new Map()
    m.set(r.indicator_id, { baseline: Number(r.baseline), target: Number(r.target) })
    byTeam.set(r.team_id, m)
  }
  return byTeam
}

/** Sets the team's baselines and targets (the indicators named; others stay as they are). */
export async function putTargets(db: Kysely<Database>, admin: SessionUser, teamId: string, items: z.output<typeof TargetsBody>) {
  const team = await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst()
  if (!team) throw problems.notFound('team')
  if (items.length) {
    const known = await db
      .selectFrom('indicators')
      .select('id')
      .where(
        'id',
        'in',
        items.map((i) => i.indicatorId),
      )
      .execute()
    const knownIds = new Set(known.map((k) => k.id))
    const unknown = items.map((it, index) => ({ it, index })).filter(({ it }) => !knownIds.has(it.indicatorId))
    if (unknown.length)
      throw problems.validation(unknown.map(({ index }) => ({ path: `${index}.indicatorId`, message: message('unknownIndicator') })))
  }
  await db.transaction().execute(async (trx) => {
    for (const it of items) {
      await trx
        .insertInto('indicator_targets')
        .values({ team_id: teamId, indicator_id: it.indicatorId, baseline: it.baseline, target: it.target, updated_by: admin.id })
        .onConflict((oc) =>
          oc
            .columns(['team_id', 'indicator_id'])
            .doUpdateSet({ baseline: it.baseline, target: it.target, updated_by: admin.id, updated_at: new Date() }),
        )
        .execute()
    }
    await recordAudit(trx, { actorUserId: admin.id, action: 'indicator_targets.set', entity: 'team', entityId: teamId, details: { items } })
  })
}
