import { defineMessages } from '../../http/i18n.ts'

/** The call's problem texts and field messages. */
export const callText = defineMessages('calls', {
  onlyComune: { it: 'Solo il Comune può farlo.', en: 'Only the Comune may do this.' },
  invalidInstant: {
    it: 'istante non valido (YYYY-MM-DDTHH:mm, ora di Roma, o con offset)',
    en: 'not a valid instant (YYYY-MM-DDTHH:mm, Rome time, or with an offset)',
  },
  closesBeforeOpens: { it: 'la chiusura deve seguire l’apertura', en: 'the closing must follow the opening' },
  maxOverBudget: {
    it: 'il contributo massimo per progetto non può superare il budget',
    en: 'the maximum funding per project cannot exceed the budget',
  },
  unknownArea: { it: 'area sconosciuta: {id}', en: 'unknown area: {id}' },
  notAnEvaluator: { it: 'non è un valutatore: {id}', en: 'not an evaluator: {id}' },
  duplicateCriterion: { it: 'due criteri con lo stesso nome', en: 'two criteria with the same name' },
  unknownCriterion: { it: 'criterio sconosciuto', en: 'unknown criterion' },
  criterionScored: {
    it: 'Un criterio già usato nelle valutazioni non può essere tolto.',
    en: 'A criterion already used in evaluations cannot be removed.',
  },
  evaluatorWorked: {
    it: 'Un valutatore che ha già valutato non può essere tolto dal bando.',
    en: 'An evaluator who has already scored cannot be removed from the call.',
  },
  budgetBelowAwards: {
    it: 'Il budget non può scendere sotto quanto già assegnato.',
    en: 'The budget cannot go below what is already awarded.',
  },
  rankThroughRanking: {
    it: 'La graduatoria si pubblica con POST /calls/:id/ranking/publish.',
    en: 'The ranking is published with POST /calls/:id/ranking/publish.',
  },
  statusMove: { it: 'Un bando nello stato «{from}» non può passare a «{to}».', en: 'A call in status «{from}» cannot move to «{to}».' },
  hasApplications: {
    it: 'Il bando ha già delle domande: non può tornare bozza.',
    en: 'The call already has applications: it cannot go back to draft.',
  },
  needsCriteria: { it: 'servono dei criteri di valutazione per aprire il bando', en: 'the call needs evaluation criteria to open' },
})
