import type { Deps } from '../../http/context.ts'
import { notify } from '../../outbox/notify.ts'
import { passwordAllowed } from './password-policy.ts'
import { hashToken, MAGIC_LINK_MINUTES, newToken } from './tokens.ts'

type Db = Deps['db']

/** Links sent to one account per validity window: more requests are answered alike but send nothing. */
const MAGIC_LINKS_PER_WINDOW = 5

/** The account of an email address, unless disabled. */
export function activeUserByEmail(db: Db, email: string) {
  return db.selectFrom('users').selectAll().where('email', '=', email).where('disabled_at', 'is', null).executeTakeFirst()
}

/**
 * Sends a sign-in link when the account exists and has not had too many lately. Each new link revokes
 * the older unused ones: only the latest email opens the account. An account that must use SPID/CIE
 * (AUTH_PASSWORD) gets no link: its mailbox is told so instead.
 */
export async function sendMagicLink({ db, config }: Deps, address: string): Promise<void> {
  const user = await activeUserByEmail(db, address)
  if (!user) return
  if (!passwordAllowed(config.passwordPolicy, user.role)) {
    if ((await recentOidcReminders(db, address)) >= MAGIC_LINKS_PER_WINDOW) return
    await db.transaction().execute((trx) => notify(trx, { type: 'auth.use_oidc', userId: user.id, url: `${config.publicUrl}/login` }))
    return
  }
  if ((await recentMagicLinks(db, user.id)) >= MAGIC_LINKS_PER_WINDOW) return
  const { token, hash } = newToken()
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('magic_links').set({ used_at: new Date() }).where('user_id', '=', user.id).where('used_at', 'is', null).execute()
    await trx
      .insertInto('magic_links')
      .values({ token_hash: hash, user_id: user.id, expires_at: new Date(Date.now() + MAGIC_LINK_MINUTES * 60_000) })
      .execute()
    await notify(trx, { type: 'auth.magic_link', userId: user.id, url: `${config.publicUrl}/login?token=${token}` })
  })
}

/** Uses up a sign-in link: its account, when the link is unused, unexpired and the account not disabled. */
export async function redeemMagicLink(db: Db, token: string) {
  const used = await db
    .updateTable('magic_links')
    .set({ used_at: new Date() })
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning('user_id')
    .executeTakeFirst()
  if (!used) return undefined
  return db.selectFrom('users').selectAll().where('id', '=', used.user_id).where('disabled_at', 'is', null).executeTakeFirst()
}

const windowStart = () => new Date(Date.now() - MAGIC_LINK_MINUTES * 60_000)

/** Messages telling a person to use SPID/CIE sent to one address within the window. */
async function recentOidcReminders(db: Db, email: string): Promise<number> {
  const { n } = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('kind', '=', 'auth.use_oidc')
    .where('recipient', '=', email)
    .where('created_at', '>', windowStart())
    .executeTakeFirstOrThrow()
  return Number(n)
}

async function recentMagicLinks(db: Db, userId: string): Promise<number> {
  const { n } = await db
    .selectFrom('magic_links')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', windowStart())
    .executeTakeFirstOrThrow()
  return Number(n)
}
