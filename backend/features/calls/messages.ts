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

export const applicationText = {
  callClosed: 'Il bando è chiuso: le domande non sono più accettate.',
  callNotOpen: 'Il bando non è ancora aperto alle domande.',
  unknownArea: 'area sconosciuta',
  notDraft: 'La domanda è già stata presentata: non si può più modificare.',
  requiredToSubmit: 'obbligatorio per presentare la domanda',
  notAssigned: 'Non sei tra i valutatori di questo bando.',
  notPdf: 'Il file non è un PDF.',
  tooLarge: (mib: number) => `Il file supera ${mib} MiB.`,
  notSubmitted: 'La domanda non è ancora stata presentata.',
  alreadyDecided: 'L’ammissibilità si decide prima della pubblicazione della graduatoria.',
  notAdmissible: 'Si valutano solo le domande ammesse.',
  scoringClosed: 'La valutazione si svolge dopo la chiusura del bando e prima della pubblicazione della graduatoria.',
  unknownCriterion: 'criterio sconosciuto per questo bando',
  duplicateCriterion: 'un criterio valutato due volte',
  overMax: (max: number) => `oltre il punteggio massimo del criterio (${max})`,
}

export const rankingText = {
  notPublic: 'La graduatoria sarà pubblica dopo la sua approvazione.',
  notClosed: 'La graduatoria si pubblica dopo la chiusura del bando.',
  undecided: 'Alcune domande attendono la verifica di ammissibilità.',
  unscored: 'Alcune domande ammesse non hanno ancora una valutazione completa.',
}

export const awardText = {
  notRanked: 'Si assegna dopo la pubblicazione della graduatoria.',
  notInRanking: 'La domanda non è in graduatoria.',
  already: 'La domanda ha già un’assegnazione.',
  budgetExceeded: 'L’assegnazione supererebbe il budget del bando.',
  overMax: 'oltre il contributo massimo per progetto',
  unknownHub: 'hub sconosciuto',
  unknownTeam: 'gruppo sconosciuto',
  unknownConcession: 'concessione sconosciuta',
  notConditional: 'L’assegnazione è già confermata.',
  conditional: 'Nessun pagamento finché l’assegnazione è condizionata al codice fiscale del nuovo ente.',
  overAward: 'Le tranche supererebbero l’importo assegnato.',
  staffApplicant: 'Chi ha presentato la domanda è personale del Comune e non può entrare in un gruppo.',
}
