import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/** Binds a flow to the browser that started it: a callback from another browser (login CSRF) finds no flow. */
export const FLOW_COOKIE = 'sc_oidc'
export const FLOW_COOKIE_PATH = '/api/v1/auth/oidc'

/** How long a person has to sign in at the provider and come back. */
export const FLOW_MINUTES = 10

export interface NewFlow {
  state: string
  /** Hash of the random value in the browser's flow cookie: the callback must come from the browser that started. */
  browserHash: string
  nonce: string
  codeVerifier: string
  nextPath: string
}

/** Stored in the database, so the callback may reach any server process behind the load balancer. */
export async function saveFlow(db: Kysely<Database>, flow: NewFlow): Promise<void> {
  await db
    .insertInto('oidc_flows')
    .values({
      state: flow.state,
      browser_hash: flow.browserHash,
      nonce: flow.nonce,
      code_verifier: flow.codeVerifier,
      next_path: flow.nextPath,
      expires_at: new Date(Date.now() + FLOW_MINUTES * 60_000),
    })
    .execute()
  // Keep the table small without a job: forget flows that ended more than a day ago.
  await db
    .deleteFrom('oidc_flows')
    .where('expires_at', '<', new Date(Date.now() - 86_400_000))
    .execute()
}

/**
 * Takes the flow of a state, once: a second callback with the same state finds nothing, whichever
 * process it reaches (the update is atomic). Expired flows are not taken.
 */
export async function takeFlow(db: Kysely<Database>, state: string) {
  return db
    .updateTable('oidc_flows')
    .set({ used_at: new Date() })
    .where('state', '=', state)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['state', 'browser_hash', 'nonce', 'code_verifier', 'next_path'])
    .executeTakeFirst()
}
