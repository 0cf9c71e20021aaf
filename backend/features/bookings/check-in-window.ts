/**
 * The check-in window of a booking: from `beforeMinutes` before its start to `afterMinutes` after it (15 and 15
 * by default). Members check in inside it; a booking of a lab that requires check-in and is not checked in when
 * it closes is released (release.ts).
 */
export interface CheckInPolicy {
  beforeMinutes: number
  afterMinutes: number
}

export function checkInWindow(start: Date, policy: CheckInPolicy): { opensAt: Date; closesAt: Date } {
  return {
    opensAt: new Date(start.getTime() - policy.beforeMinutes * 60_000),
    closesAt: new Date(start.getTime() + policy.afterMinutes * 60_000),
  }
}

/** Whether a member may check in at `now` (both ends included). */
export function insideCheckInWindow(start: Date, policy: CheckInPolicy, now: Date): boolean {
  const { opensAt, closesAt } = checkInWindow(start, policy)
  return now >= opensAt && now <= closesAt
}
