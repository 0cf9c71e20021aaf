/**
 * The ranking, pure.
 *
 * - An evaluator's score of an application is Σ weight × score over the call's criteria; only complete
 *   evaluations count (every criterion scored, no conflict of interest declared).
 * - The application's score is the mean of its evaluators' scores, rounded to two decimals.
 * - Ties (equal rounded scores) are broken, in order, by the mean weighted score on the heaviest criterion,
 *   then the next heaviest (criteria of equal weight in the call's order), and finally by the protocol
 *   number: the application submitted first comes first. So every admissible application has its own rank.
 * - Inadmissible applications, and admissible ones without a complete evaluation, have no rank or score;
 *   they follow the ranked ones, by protocol number.
 */

export interface RankingCriterion {
  id: string
  weight: number
  position: number
}

export interface RankingEvaluation {
  evaluatorId: string
  conflictOfInterest: boolean
  scores: Record<string, number>
}

export interface RankingApplication {
  id: string
  protocolNumber: number
  admissible: boolean
  evaluations: RankingEvaluation[]
}

export interface RankingRow {
  applicationId: string
  rank: number | null
  score: number | null
  admissible: boolean
}

const round2 = (n: number) => Math.round(n * 100) / 100

function isComplete(e: RankingEvaluation, criteria: RankingCriterion[]): boolean {
  return !e.conflictOfInterest && criteria.every((c) => typeof e.scores[c.id] === 'number')
}

/** Mean over complete evaluations of weight × score on each criterion, heaviest criterion first. */
function tieBreakers(app: RankingApplication, order: RankingCriterion[]): number[] {
  const complete = app.evaluations.filter((e) => isComplete(e, order))
  return order.map((c) => complete.reduce((sum, e) => sum + c.weight * e.scores[c.id], 0) / complete.length)
}

export function applicationScore(app: RankingApplication, criteria: RankingCriterion[]): number | null {
  const complete = app.evaluations.filter((e) => isComplete(e, criteria))
  if (complete.length === 0 || criteria.length === 0) return null
  const totals = complete.map((e) => criteria.reduce((sum, c) => sum + c.weight * e.scores[c.id], 0))
  return round2(totals.reduce((a, b) => a + b, 0) / totals.length)
}

export function rankApplications(criteria: RankingCriterion[], apps: RankingApplication[]): RankingRow[] {
  const order = [...criteria].sort((a, b) => b.weight - a.weight || a.position - b.position)
  const scored = apps
    .map((app) => ({ app, score: app.admissible ? applicationScore(app, criteria) : null }))
    .map((x) => ({ ...x, breakers: x.score === null ? [] : tieBreakers(x.app, order) }))
  const ranked = scored
    .filter((x) => x.score !== null)
    .sort((a, b) => {
      if (b.score! !== a.score!) return b.score! - a.score!
      for (let i = 0; i < order.length; i++) if (b.breakers[i] !== a.breakers[i]) return b.breakers[i] - a.breakers[i]
      return a.app.protocolNumber - b.app.protocolNumber
    })
  const rest = scored.filter((x) => x.score === null).sort((a, b) => a.app.protocolNumber - b.app.protocolNumber)
  return [
    ...ranked.map((x, i) => ({ applicationId: x.app.id, rank: i + 1, score: x.score, admissible: true })),
    ...rest.map((x) => ({ applicationId: x.app.id, rank: null, score: null, admissible: x.app.admissible })),
  ]
}
