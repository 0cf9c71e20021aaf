import type { SessionUser } from '../context.ts'
import { isAdmin } from './people.ts'

/**
 * Operators and their concessions: the Comune reads them all, an operator's staff only their own operator's
 * (callers have already refused non-staff). Another operator's rows do not exist for them (404).
 */

/** No operator has this id: an operator account without an operator sees nothing. */
const NO_OPERATOR = '00000000-0000-0000-0000-000000000000'

/** 'all' for the Comune, else the one operator whose rows the staff may read. */
export function operatorScope(user: SessionUser): 'all' | string {
  return user.role === 'operator' ? (user.operatorId ?? NO_OPERATOR) : 'all'
}

/** Whether the (staff) user reads the operator's rows: its operator, its concessions. */
export function seesOperator(user: SessionUser, operatorId: string): boolean {
  return user.role !== 'operator' || user.operatorId === operatorId
}

/** An operator's calendar feed: the Comune and that operator's own staff. */
export function mayReadOperatorFeed(user: SessionUser, operatorId: string): boolean {
  return isAdmin(user) || (user.role === 'operator' && user.operatorId === operatorId)
}
