import { describe, expect, it } from 'vitest'
import type { Role } from '../../db/schema.ts'
import {
  assertMayBook,
  inTeam,
  isAdmin,
  isStaff,
  listScope,
  managesHub,
  mayActFor,
  mayScore,
  resolveConcessionScope,
  scopeIncludes,
  scopeIsEmpty,
  scopeMeets,
  seesBooking,
  seesCall,
  seesEveryTeam,
  type Viewer,
} from './access.ts'
import type { SessionUser } from './context.ts'
import { AppError } from './problem.ts'

const person = (role: Role, operatorId: string | null = null): SessionUser => ({
  id: `u-${role}`,
  email: `${role}@example.it`,
  name: role,
  role,
  operatorId,
  locale: 'it',
})
const admin = person('admin')
const operator = person('operator', 'op-1')
const member = person('member')
const evaluator = person('evaluator')

const viewer = (user: SessionUser, hubs: Viewer['hubs'], teams: string[] = []): Viewer => ({ user, hubs, teams })

/** The problem code an access decision throws, or null when it lets the caller through. */
function refusal(decide: () => void): string | null {
  try {
    decide()
    return null
  } catch (err) {
    if (err instanceof AppError) return err.code
    throw err
  }
}

describe('roles', () => {
  it('staff are the Comune and operators; evaluators and members are not', () => {
    expect([admin, operator, member, evaluator].map(isStaff)).toEqual([true, true, false, false])
    expect([admin, operator, member, evaluator].map(isAdmin)).toEqual([true, false, false, false])
    expect(isStaff(null)).toBe(false)
  })

  it('staff see every team; members and evaluators only their own', () => {
    expect([admin, operator, member, evaluator].map(seesEveryTeam)).toEqual([true, true, false, false])
  })
})

describe('hub scopes', () => {
  it("'all' covers every hub; a list only its own; an empty list none", () => {
    expect(scopeIncludes('all', 'h1')).toBe(true)
    expect(scopeIncludes(['h1'], 'h1')).toBe(true)
    expect(scopeIncludes(['h1'], 'h2')).toBe(false)
    expect(scopeIsEmpty([])).toBe(true)
    expect(scopeIsEmpty('all')).toBe(false)
    expect(scopeMeets(['h1', 'h2'], ['h3', 'h2'])).toBe(true)
    expect(scopeMeets(['h1'], [])).toBe(false)
    expect(scopeMeets('all', [])).toBe(true)
  })
})

describe('bookings', () => {
  const booking = { hub_id: 'h1', team_id: 't1' }

  it('the hub’s staff and the team’s members see a booking; nobody else', () => {
    expect(seesBooking(viewer(admin, 'all'), booking)).toBe(true)
    expect(seesBooking(viewer(operator, ['h1']), booking)).toBe(true)
    expect(seesBooking(viewer(operator, ['h2']), booking)).toBe(false)
    expect(seesBooking(viewer(member, [], ['t1']), booking)).toBe(true)
    expect(seesBooking(viewer(member, [], ['t2']), booking)).toBe(false)
  })

  it('an internal booking (no team) is its hub staff’s only', () => {
    const internal = { hub_id: 'h1', team_id: null }
    expect(seesBooking(viewer(member, [], ['t1']), internal)).toBe(false)
    expect(inTeam(viewer(member, [], ['t1']), null)).toBe(false)
    expect(managesHub(viewer(operator, ['h1']), 'h1')).toBe(true)
  })

  it('staff act for any team in their hubs, members for their own teams', () => {
    expect(mayActFor(viewer(operator, ['h1']), 'h1', 't9')).toBe(true)
    expect(mayActFor(viewer(member, [], ['t1']), 'h1', 't1')).toBe(true)
    expect(mayActFor(viewer(member, [], ['t1']), 'h1', 't2')).toBe(false)
  })

  it('lists are unfiltered for the Comune, else narrowed to the hubs and teams one sees', () => {
    expect(listScope(viewer(admin, 'all', ['t1']))).toBeNull()
    expect(listScope(viewer(member, [], ['t1']))).toEqual({ hubIds: [], teamIds: ['t1'] })
  })

  it('booking: staff for any team or none; a member only for a team it belongs to; others never', () => {
    const team = (actorIsMember: boolean) => ({ actorIsMember })
    expect(refusal(() => assertMayBook({ user: operator, staff: true, teamId: null, team: undefined }))).toBeNull()
    expect(refusal(() => assertMayBook({ user: operator, staff: true, teamId: 't1', team: team(false) }))).toBeNull()
    expect(refusal(() => assertMayBook({ user: member, staff: false, teamId: 't1', team: team(true) }))).toBeNull()
    expect(refusal(() => assertMayBook({ user: member, staff: false, teamId: 't1', team: team(false) }))).toBe('forbidden')
    expect(refusal(() => assertMayBook({ user: member, staff: false, teamId: 't1', team: undefined }))).toBe('not_found')
    // an operator outside its hubs, an evaluator: neither is staff there nor a member
    expect(refusal(() => assertMayBook({ user: operator, staff: false, teamId: 't1', team: team(false) }))).toBe('forbidden')
    expect(refusal(() => assertMayBook({ user: evaluator, staff: false, teamId: null, team: undefined }))).toBe('forbidden')
  })
})

describe('calls', () => {
  it('a draft call exists only for the Comune', () => {
    expect(seesCall(null, { status: 'draft' })).toBe(false)
    expect(seesCall(evaluator, { status: 'draft' })).toBe(false)
    expect(seesCall(admin, { status: 'draft' })).toBe(true)
    expect(seesCall(null, { status: 'open' })).toBe(true)
  })

  it('evaluators and the Comune score; nobody else', () => {
    expect([admin, operator, member, evaluator].map(mayScore)).toEqual([true, false, false, true])
  })
})

describe('reports', () => {
  it('concession compliance: all for the Comune, its own operator’s for an operator, 403 for others', () => {
    expect(resolveConcessionScope(admin, {}).operatorId).toBe('all')
    expect(resolveConcessionScope(operator, { hubId: 'h1' })).toEqual({ operatorId: 'op-1', hubId: 'h1' })
    expect(refusal(() => resolveConcessionScope(member, {}))).toBe('forbidden')
    expect(refusal(() => resolveConcessionScope(person('operator'), {}))).toBe('forbidden')
  })
})
