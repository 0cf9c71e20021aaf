import type { Team, User } from '../../../db/schema.ts'

/** Row → API shapes of teams and their members. */

export function toTeam(row: Pick<Team, 'id' | 'name' | 'legal_status' | 'contact_email' | 'call_reference'>) {
  return {
    id: row.id,
    name: row.name,
    legalStatus: row.legal_status,
    contactEmail: row.contact_email,
    callReference: row.call_reference,
  }
}
export type TeamView = ReturnType<typeof toTeam>

export function toTeamMember(row: Pick<User, 'id' | 'email' | 'name' | 'role'>) {
  return { id: row.id, email: row.email, name: row.name, role: row.role }
}
