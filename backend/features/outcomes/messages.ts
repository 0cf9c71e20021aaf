import { defineMessages, type LocalText } from '../../http/i18n.ts'

/** The problem texts of the outcomes feature. */
export const outcomeText = defineMessages('outcomes', {
  onlyComune: { it: 'Solo il Comune può farlo.', en: 'Only the Comune may do this.' },
  onlyMembers: { it: 'Solo i membri del gruppo possono inviare le relazioni.', en: 'Only the team’s members may submit its reports.' },
  onlyReviewers: {
    it: 'Solo il Comune o il gestore dello hub in cui lavora il gruppo possono valutare la relazione.',
    en: 'Only the Comune or the operator of the hub the team works in may review the report.',
  },
  reportsForStaff: { it: 'I report sono per il Comune e i gestori.', en: 'Reports are for the Comune and the hub operators.' },
  notReviewable: { it: 'La relazione è già stata valutata.', en: 'The report has already been reviewed.' },
  periodOverlaps: {
    it: 'Esiste già una relazione inviata o accettata per un periodo che si sovrappone.',
    en: 'A submitted or accepted report already covers part of this period.',
  },
  unknownCategory: { it: 'Categoria di partecipanti non configurata.', en: 'No such participant category.' },
  notReportedIndicator: {
    it: 'Indicatore sconosciuto, calcolato dal sistema o di un bando che non finanzia il gruppo.',
    en: 'Unknown indicator, computed by the system, or of a call that does not fund the team.',
  },
  duplicateIndicator: { it: 'Ogni indicatore può comparire una sola volta.', en: 'Each indicator may appear only once.' },
  countsOnlyComputed: {
    it: 'Solo un indicatore calcolato dice cosa conta (counts), e deve dirlo.',
    en: 'A computed indicator says what it counts (counts); a reported one does not.',
  },
  indicatorNameTaken: { it: 'Il bando ha già un indicatore con questo nome.', en: 'The call already has an indicator of this name.' },
  categoryTaken: { it: 'Esiste già una categoria con questa chiave.', en: 'A category with this key already exists.' },
  periodOrder: { it: 'La fine del periodo deve seguire l’inizio.', en: 'The period must end after it starts.' },
  unknownIndicator: { it: 'indicatore sconosciuto', en: 'unknown indicator' },
  evidenceType: {
    it: 'Come documentazione si accettano PDF e immagini JPEG o PNG (il tipo è letto dal contenuto del file).',
    en: 'Evidence may be a PDF or a JPEG or PNG image (the type is read from the file’s content).',
  },
  evidenceTooLarge: { it: 'Il file supera {mib} MiB.', en: 'The file is larger than {mib} MiB.' },
  evidenceClosed: {
    it: 'La relazione è già stata valutata: la documentazione non si modifica più.',
    en: 'The report has been reviewed: its evidence can no longer change.',
  },
  tooManyEvidence: { it: 'Una relazione ha al massimo {max} file di documentazione.', en: 'A report has at most {max} evidence files.' },
})

export type MessageKey = Exclude<keyof typeof outcomeText, 'evidenceTooLarge' | 'tooManyEvidence'>

export function message(key: MessageKey): LocalText {
  return outcomeText[key]()
}
