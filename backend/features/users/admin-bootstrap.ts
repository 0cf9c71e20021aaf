import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { newToken } from '../auth/tokens.ts'

/** How long the sign-in link that `npm run admin:create` prints stays valid. */
export const ADMIN_LINK_HOURS = 24

export interface AdminBootstrap {
  userId: string
  created: boolean
  /** `PUBLIC_URL/login?token=T`: one use, ADMIN_LINK_HOURS hours; the magic-link verify accepts it. */
  link: string
}

/**
 * Creates the account as an `admin`, or makes the existing one with that email an admin (enabled again if
 * it was disabled), and issues a one-time sign-in link. No password is set or printed: the administrator
 * signs in with the link and may then choose one. Both in one transaction, audited.
 */
export async function createOrPromoteAdmin(
  db: Kysely<Database>,
  input: { email: string; name?: string },
  publicUrl: string,
): Promise<AdminBootstrap> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('users').select(['id', 'role']).where('email', '=', input.email).forUpdate().executeTakeFirst()
    let userId: string
    if (existing) {
      await trx
        .updateTable('users')
        .set({ role: 'admin', operator_id: null, disabled_at: null, ...(input.name ? { name: input.name } : {}) })
        .where('id', '=', existing.id)
        .execute()
      userId = existing.id
    } else {
      const row = await trx
        .insertInto('users')
        .values({ email: input.email, name: input.name ?? input.email, role: 'admin', password_hash: null })
        .returning('id')
        .executeTakeFirstOrThrow()
      userId = row.id
    }
    const { token, hash } = newToken()
    await trx
      .insertInto('magic_links')
      .values({ token_hash: hash, user_id: userId, expires_at: new Date(Date.now() + ADMIN_LINK_HOURS * 3_600_000) })
      .execute()
    await recordAudit(trx, {
      actorUserId: null,
      action: existing ? 'user.promoted_admin' : 'user.created_admin',
      entity: 'user',
      entityId: userId,
      details: { by: 'admin:create', previousRole: existing?.role ?? null },
    })
    return { userId, created: !existing, link: `${publicUrl}/login?token=${encodeURIComponent(token)}` }
  })
}
