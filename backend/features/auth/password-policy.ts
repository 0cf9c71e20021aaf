import type { PasswordPolicy } from '../../config.ts'

/**
 * Whether an account may sign in with a password or an emailed link under AUTH_PASSWORD: `on` everyone,
 * `staff` the Comune's and operators' staff (every role but `member`: team members use SPID/CIE), `off` nobody.
 */
export function passwordAllowed(policy: PasswordPolicy, role: string): boolean {
  if (policy === 'on') return true
  if (policy === 'off') return false
  return role !== 'member'
}
