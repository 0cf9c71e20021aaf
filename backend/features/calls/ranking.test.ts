import { describe, expect, it } from 'vitest'
import { applicationScore, type RankingApplication, rankApplications } from './ranking.ts'

const impact = { id: 'impact', weight: 2, position: 0 }
const feasibility = { id: 'feasibility', weight: 1, position: 1 }
const criteria = [impact, feasibility]

function app(
  id: string,
  protocolNumber: number,
  evaluations: Array<[number, number] | 'abstain' | [number]>,
  admissible = true,
): RankingApplication {
  return {
    id,
    protocolNumber,
    admissible,
    evaluations: evaluations.map((e, i) =>
      e === 'abstain'
        ? { evaluatorId: `e${i}`, conflictOfInterest: true, scores: {} }
        : { evaluatorId: `e${i}`, conflictOfInterest: false, scores: Object.fromEntries(e.map((s, j) => [criteria[j].id, s])) },
    ),
  }
}

describe('the ranking', () => {
  it('scores an application as the mean over evaluators of Σ weight × score', () => {
    // (2×8 + 1×6) = 22 and (2×6 + 1×9) = 21 → 21.5
    expect(
      applicationScore(
        app('a', 1, [
          [8, 6],
          [6, 9],
        ]),
        criteria,
      ),
    ).toBe(21.5)
  })

  it('leaves out abstentions and incomplete evaluations', () => {
    expect(applicationScore(app('a', 1, [[8, 6], 'abstain', [10]]), criteria)).toBe(22)
    expect(applicationScore(app('a', 1, ['abstain']), criteria)).toBeNull()
  })

  it('orders by score, highest first, with ranks 1..n', () => {
    const rows = rankApplications(criteria, [app('low', 1, [[5, 5]]), app('high', 2, [[9, 9]])])
    expect(rows).toEqual([
      { applicationId: 'high', rank: 1, score: 27, admissible: true },
      { applicationId: 'low', rank: 2, score: 15, admissible: true },
    ])
  })

  it('breaks a tie by the heaviest criterion, then by the earlier protocol number', () => {
    // both 20: a = 2×8 + 4, b = 2×6 + 8 → a is stronger on impact (the heaviest)
    const rows = rankApplications(criteria, [app('b', 1, [[6, 8]]), app('a', 2, [[8, 4]])])
    expect(rows.map((r) => r.applicationId)).toEqual(['a', 'b'])
    const same = rankApplications(criteria, [app('later', 5, [[7, 7]]), app('earlier', 3, [[7, 7]])])
    expect(same.map((r) => [r.applicationId, r.rank])).toEqual([
      ['earlier', 1],
      ['later', 2],
    ])
  })

  it('puts inadmissible and unscored applications after the ranked ones, without rank or score', () => {
    const rows = rankApplications(criteria, [app('out', 1, [[10, 10]], false), app('none', 2, []), app('in', 3, [[1, 1]])])
    expect(rows).toEqual([
      { applicationId: 'in', rank: 1, score: 3, admissible: true },
      { applicationId: 'out', rank: null, score: null, admissible: false },
      { applicationId: 'none', rank: null, score: null, admissible: true },
    ])
  })
})
