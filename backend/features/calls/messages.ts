/**
 * The call's problem texts, in one place (Italian, as the API answers by default) so that they move into
 * the shared message catalogue in one step.
 */
export const callText = {
  onlyComune: 'Solo il Comune può farlo.',
  invalidInstant: 'istante non valido (YYYY-MM-DDTHH:mm, ora di Roma, o con offset)',
  closesBeforeOpens: 'la chiusura deve seguire l’apertura',
  maxOverBudget: 'il contributo massimo per progetto non può superare il budget',
  unknownArea: 'area sconosciuta',
  notAnEvaluator: 'non è un valutatore',
  duplicateCriterion: 'due criteri con lo stesso nome',
  unknownCriterion: 'criterio sconosciuto',
  criterionScored: 'Un criterio già usato nelle valutazioni non può essere tolto.',
  evaluatorWorked: 'Un valutatore che ha già valutato non può essere tolto dal bando.',
  budgetBelowAwards: 'Il budget non può scendere sotto quanto già assegnato.',
  rankThroughRanking: 'La graduatoria si pubblica con POST /calls/:id/ranking/publish.',
  statusMove: (from: string, to: string) => `Un bando nello stato «${from}» non può passare a «${to}».`,
  hasApplications: 'Il bando ha già delle domande: non può tornare bozza.',
  needsCriteria: 'servono dei criteri di valutazione per aprire il bando',
}
