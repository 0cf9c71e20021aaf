import type { User } from '../../../db/schema.ts'

/** Row → API shape of an account (never the password hash). */
export function toUser(
  row: Pick<User, 'id' | 'email' | 'name' | 'role' | 'locale' | 'operator_id' | 'disabled_at'>,
  teams: Array<{ id: string; name: string }>,
) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    locale: row.locale,
    operatorId: row.operator_id,
    teamIds: teams.map((t) => t.id),
    teams,
    disabled: row.disabled_at !== null,
  }
}
export type UserView = ReturnType<typeof toUser>
