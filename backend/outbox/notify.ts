import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { NotificationEvent } from './events.ts'

/**
 * Writes the messages an event causes into the outbox, in the caller's transaction.
 * Placeholder until the emails feature renders templates: a plain message per event.
 */
export async function notify(trx: Transaction<Database>, event: NotificationEvent): Promise<void> {
  if (event.type === 'auth.magic_link') {
    const user = await trx.selectFrom('users').select(['email', 'locale']).where('id', '=', event.userId).executeTakeFirstOrThrow()
    const text = `Per accedere a Spazi Comuni apri questo link entro 15 minuti:\n${event.url}\n`
    await trx
      .insertInto('outbox')
      .values({
        kind: event.type,
        recipient: user.email,
        locale: user.locale,
        subject: 'Il tuo link di accesso a Spazi Comuni',
        text,
        html: `<p>${text}</p>`,
      })
      .execute()
  }
}
