import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { SessionUser } from '../../http/context.ts'
import { AppError, problems } from '../../http/problem.ts'
import { text } from '../../http/validation.ts'
import { message } from './messages.ts'

/**
 * Participant categories (young people, women, people over 50…): counted at attendance and in progress
 * reports, never as personal data. The Comune configures them; a category is retired (inactive), never
 * deleted, so the figures that used it keep their meaning.
 */
export interface ParticipantCategory {
  key: string
  labelIt: string
  labelEn: string
  position: number
  active: boolean
}

export const CategoryKey = z.string().regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ (at most 40)')

export const CategoryBody = z.object({
  key: CategoryKey,
  labelIt: text(100),
  labelEn: text(100),
  position: z.number().int().min(0).max(1000).default(0),
})
export const CategoryPatch = z
  .object({
    labelIt: text(100).optional(),
    labelEn: text(100).optional(),
    position: z.number().int().min(0).max(1000).optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change')

type Row = { key: string; label_it: string; label_en: string; position: number; active: boolean }
const toCategory = (r: Row): ParticipantCategory => ({
  key: r.key,
  labelIt: r.label_it,
  labelEn: r.label_en,
  position: r.position,
  active: r.active,
})

export async function listCategories(db: Kysely<Database>, onlyActive = false): Promise<ParticipantCategory[]> {
  let q = db.selectFrom('participant_categories').select(['key', 'label_it', 'label_en', 'position', 'active'])
  if (onlyActive) q = q.where('active', '=', true)
  return (await q.orderBy('position').orderBy('key').execute()).map(toCategory)
}

/** Throws 400 unless every key names an active category. */
export async function assertActiveCategories(db: Kysely<Database>, keys: string[], path: string): Promise<void> {
  if (keys.length === 0) return
  const known = new Set((await listCategories(db, true)).map((c) => c.key))
  const unknown = keys.filter((k) => !known.has(k))
  if (unknown.length) throw problems.validation(unknown.map((k) => ({ path: `${path}.${k}`, message: message('unknownCategory') })))
}

export async function createCategory(db: Kysely<Database>, admin: SessionUser, body: z.output<typeof CategoryBody>) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('participant_categories')
      .values({ key: body.key, label_it: body.labelIt, label_en: body.labelEn, position: body.position })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning(['key', 'label_it', 'label_en', 'position', 'active'])
      .executeTakeFirst()
    if (!row) throw new AppError('conflict', message('categoryTaken'))
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'participant_category.create',
      entity: 'participant_category',
      details: { key: body.key },
    })
    return toCategory(row)
  })
}

export async function updateCategory(db: Kysely<Database>, admin: SessionUser, key: string, patch: z.output<typeof CategoryPatch>) {
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('participant_categories')
      .set({
        ...(patch.labelIt !== undefined ? { label_it: patch.labelIt } : {}),
        ...(patch.labelEn !== undefined ? { label_en: patch.labelEn } : {}),
        ...(patch.position !== undefined ? { position: patch.position } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
      })
      .where('key', '=', key)
      .returning(['key', 'label_it', 'label_en', 'position', 'active'])
      .executeTakeFirst()
    if (!row) throw problems.notFound('participantCategory')
    await recordAudit(trx, {
      actorUserId: admin.id,
      action: 'participant_category.update',
      entity: 'participant_category',
      details: { key, ...patch },
    })
    return toCategory(row)
  })
}
