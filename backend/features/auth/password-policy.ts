import type { Config, PasswordPolicy } from '../../config.ts'
import { AppError } from '../../http/problem.ts'
import { m as oidcText } from '../oidc/messages.ts'

/**
 * Whether an account may sign in with a password or an emailed link under AUTH_PASSWORD: `on` everyone,
 * `staff` the Comune's and operators' staff (every role but `member`: team members use SPID/CIE), `off` nobody.
 */
export function passwordAllowed(policy: PasswordPolicy, role: string): boolean {
  if (policy === 'on') return true
  if (policy === 'off') return false
  return role !== 'member'
}

/** A clear refusal when AUTH_PASSWORD keeps this account (or everyone) from passwords and links. */
export function useOidcInstead(config: Pick<Config, 'passwordPolicy' | 'oidc'>): AppError {
  const text = config.passwordPolicy === 'off' ? oidcText.password_off() : oidcText.use_oidc()
  return new AppError('forbidden', text, { reason: 'use_oidc', signIn: config.oidc ? '/api/v1/auth/oidc/start' : null })
}
