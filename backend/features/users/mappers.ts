import type { User } from '../../../db/schema.ts'

/**
 * Row → API shape of an account (never the password hash). Only the person itself (`/me`) and the Comune's
 * admins (`/users`) ever see an account, so the codice fiscale is shown to them and to nobody else.
 */
export function toUser(
  row: Pick<User, 'id' | 'email' | 'name' | 'role' | 'locale' | 'operator_id' | 'disabled_at' | 'fiscal_code'>,
  teams: Array<{ id: string; name: string }>,
) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    fiscalCode: row.fiscal_code,
    locale: row.locale,
    operatorId: row.operator_id,
    teamIds: teams.map((t) => t.id),
    teams,
    disabled: row.disabled_at !== null,
  }
}
export type UserView = ReturnType<typeof toUser>
