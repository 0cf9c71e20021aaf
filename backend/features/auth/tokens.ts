import { createHash, randomBytes } from 'node:crypto'

/** How long a sign-in link opens the account (magic-links.ts makes it, the outbox's email says it). */
export const MAGIC_LINK_MINUTES = 15

/** A secret for a cookie, link or feed URL; only its hash is stored. */
export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url')
  return { token, hash: hashToken(token) }
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url')
}
