import type { Kysely, Transaction } from 'kysely'
import type { Database, User } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import type { OidcIdentity } from './claims.ts'

export type AccountOutcome =
  | { kind: 'signed_in'; user: User; created: boolean }
  | { kind: 'disabled' }
  /** The email belongs to an account already linked to another codice fiscale. */
  | { kind: 'conflict' }

/** An account needs an email; a person whose provider gave none gets an address that can never receive mail. */
export function placeholderEmail(fiscalCode: string): string {
  return `${fiscalCode.toLowerCase()}@spid.invalid`
}

async function resolve(trx: Transaction<Database>, identity: OidcIdentity): Promise<AccountOutcome> {
  const byCode = await trx.selectFrom('users').selectAll().where('fiscal_code', '=', identity.fiscalCode).forUpdate().executeTakeFirst()
  if (byCode) return byCode.disabled_at ? { kind: 'disabled' } : { kind: 'signed_in', user: byCode, created: false }

  if (identity.email && identity.emailVerified) {
    const byEmail = await trx.selectFrom('users').selectAll().where('email', '=', identity.email).forUpdate().executeTakeFirst()
    if (byEmail) {
      if (byEmail.disabled_at) return { kind: 'disabled' }
      // Linked once: an account keeps the first codice fiscale it was linked to.
      if (byEmail.fiscal_code) return { kind: 'conflict' }
      const user = await trx
        .updateTable('users')
        .set({ fiscal_code: identity.fiscalCode })
        .where('id', '=', byEmail.id)
        .returningAll()
        .executeTakeFirstOrThrow()
      await recordAudit(trx, {
        actorUserId: user.id,
        action: 'user.fiscal_code_linked',
        entity: 'user',
        entityId: user.id,
        details: { by: 'email' },
      })
      return { kind: 'signed_in', user, created: false }
    }
  }

  const email = identity.email && identity.emailVerified ? identity.email : placeholderEmail(identity.fiscalCode)
  const user = await trx
    .insertInto('users')
    .values({ email, name: identity.name, role: 'member', fiscal_code: identity.fiscalCode })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, {
    actorUserId: user.id,
    action: 'user.created',
    entity: 'user',
    entityId: user.id,
    details: { role: 'member', via: 'oidc' },
  })
  return { kind: 'signed_in', user, created: true }
}

/**
 * The account of the person who signed in at the provider: by codice fiscale, else by email (then linked to the
 * code), else a new `member` with no team. Two first sign-ins of one person at once: the second finds the first.
 */
export async function accountForIdentity(db: Kysely<Database>, identity: OidcIdentity): Promise<AccountOutcome> {
  try {
    return await db.transaction().execute((trx) => resolve(trx, identity))
  } catch (err) {
    if ((err as { code?: string }).code !== '23505') throw err
    return db.transaction().execute((trx) => resolve(trx, identity))
  }
}
