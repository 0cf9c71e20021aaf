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

/** Applications, their attachments and their scores. */
export const applicationText = defineMessages('applications', {
  callClosed: {
    it: 'Il bando è chiuso: le domande non sono più accettate.',
    en: 'The call is closed: applications are no longer accepted.',
  },
  callNotOpen: { it: 'Il bando non è ancora aperto alle domande.', en: 'The call is not open for applications yet.' },
  unknownArea: { it: 'area sconosciuta', en: 'unknown area' },
  notDraft: {
    it: 'La domanda è già stata presentata: non si può più modificare.',
    en: 'The application has already been submitted: it can no longer be changed.',
  },
  requiredToSubmit: { it: 'obbligatorio per presentare la domanda', en: 'required to submit the application' },
  notAssigned: { it: 'Non sei tra i valutatori di questo bando.', en: 'You are not one of this call’s evaluators.' },
  notPdf: { it: 'Il file non è un PDF.', en: 'The file is not a PDF.' },
  tooLarge: { it: 'Il file supera {mib} MiB.', en: 'The file is larger than {mib} MiB.' },
  notSubmitted: { it: 'La domanda non è ancora stata presentata.', en: 'The application has not been submitted yet.' },
  alreadyDecided: {
    it: 'L’ammissibilità si decide prima della pubblicazione della graduatoria.',
    en: 'Admissibility is decided before the ranking is published.',
  },
  notAdmissible: { it: 'Si valutano solo le domande ammesse.', en: 'Only admissible applications are scored.' },
  scoringClosed: {
    it: 'La valutazione si svolge dopo la chiusura del bando e prima della pubblicazione della graduatoria.',
    en: 'Scoring happens after the call closes and before the ranking is published.',
  },
  unknownCriterion: { it: 'criterio sconosciuto per questo bando', en: 'not a criterion of this call' },
  duplicateCriterion: { it: 'un criterio valutato due volte', en: 'a criterion scored twice' },
  overMax: { it: 'oltre il punteggio massimo del criterio ({max})', en: 'above the criterion’s maximum score ({max})' },
  exclusionReason: { it: 'serve il motivo dell’esclusione', en: 'the reason for the exclusion is needed' },
  abstainNoScores: { it: 'chi si astiene non assegna punteggi', en: 'an evaluator who abstains gives no scores' },
})

/** The ranking. */
export const rankingText = defineMessages('ranking', {
  notPublic: { it: 'La graduatoria sarà pubblica dopo la sua approvazione.', en: 'The ranking becomes public once approved.' },
  notClosed: { it: 'La graduatoria si pubblica dopo la chiusura del bando.', en: 'The ranking is published after the call closes.' },
  undecided: { it: 'Alcune domande attendono la verifica di ammissibilità.', en: 'Some applications await the admissibility check.' },
  unscored: {
    it: 'Alcune domande ammesse non hanno ancora una valutazione completa.',
    en: 'Some admissible applications are not fully scored yet.',
  },
})

/** Awards and their payments. */
export const awardText = defineMessages('awards', {
  notRanked: { it: 'Si assegna dopo la pubblicazione della graduatoria.', en: 'Awards follow the publication of the ranking.' },
  notInRanking: { it: 'La domanda non è in graduatoria.', en: 'The application is not in the ranking.' },
  already: { it: 'La domanda ha già un’assegnazione.', en: 'The application already has an award.' },
  budgetExceeded: { it: 'L’assegnazione supererebbe il budget del bando.', en: 'The award would exceed the call’s budget.' },
  overMax: { it: 'oltre il contributo massimo per progetto', en: 'above the maximum funding per project' },
  positive: { it: 'deve essere positivo', en: 'must be positive' },
  paidOnRequired: { it: 'serve la data del pagamento', en: 'the payment date is needed' },
  unknownHub: { it: 'hub sconosciuto', en: 'unknown hub' },
  unknownTeam: { it: 'gruppo sconosciuto', en: 'unknown team' },
  unknownConcession: { it: 'concessione sconosciuta', en: 'unknown concession' },
  notConditional: { it: 'L’assegnazione è già confermata.', en: 'The award is already confirmed.' },
  conditional: {
    it: 'Nessun pagamento finché l’assegnazione è condizionata al codice fiscale del nuovo ente.',
    en: 'No payment while the award waits for the new entity’s tax code.',
  },
  overAward: { it: 'Le tranche supererebbero l’importo assegnato.', en: 'The instalments would exceed the amount awarded.' },
  staffApplicant: {
    it: 'Chi ha presentato la domanda è personale del Comune e non può entrare in un gruppo.',
    en: 'The applicant is Comune staff and cannot join a team.',
  },
})
