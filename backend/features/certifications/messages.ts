import { defineMessages } from '../../http/i18n.ts'

/** The texts of certification problems and of the booking conflicts they cause. */
export const certificationMessages = defineMessages('certifications', {
  training_required: {
    it: '{kind}: serve un attestato valido di almeno una persona del gruppo.',
    en: '{kind}: someone of the team must hold a valid certificate.',
  },
  training_expired: {
    it: '{kind}: l’attestato del gruppo è scaduto prima di questa data; va rinnovato.',
    en: '{kind}: the team’s certificate lapsed before this date; it must be renewed.',
  },
  unknownKind: { it: 'tipo di attestato sconosciuto', en: 'unknown certification kind' },
  expiresBeforeObtained: { it: 'non può precedere obtainedOn', en: 'cannot precede obtainedOn' },
  duplicateKind: { it: 'Esiste già un tipo di attestato con questo nome.', en: 'A certification kind with this name exists already.' },
  staffOnly: {
    it: 'Solo il Comune o un gestore con una concessione in vigore registrano gli attestati.',
    en: 'Only the Comune or an operator with a concession in force record certificates.',
  },
  adminOnly: { it: 'Solo il Comune configura i tipi di attestato.', en: 'Only the Comune configures certification kinds.' },
  notTeamMember: { it: 'non è un membro del gruppo', en: 'not a member of the team' },
})

/** The texts of check-in problems. */
export const checkInMessages = defineMessages('checkIn', {
  window: { it: 'Il check-in è possibile tra le {from} e le {to}.', en: 'Check-in is possible between {from} and {to}.' },
  notLive: { it: 'La prenotazione non è confermata: non serve il check-in.', en: 'The booking is not confirmed: no check-in is needed.' },
  released: {
    it: 'La prenotazione è stata liberata perché nessuno ha fatto il check-in in tempo.',
    en: 'The booking was released because nobody checked in in time.',
  },
  notReleased: { it: 'La prenotazione non è stata liberata.', en: 'The booking was not released.' },
  slotTaken: {
    it: 'Lo spazio è stato nel frattempo prenotato da altri: la prenotazione non si può ripristinare.',
    en: 'The space has been booked by someone else meanwhile: the booking cannot be reinstated.',
  },
  staffOrTeam: {
    it: 'Il check-in lo fa il gruppo della prenotazione, o il gestore dell’hub.',
    en: 'Check-in is done by the booking’s team or the hub’s operator.',
  },
  unknownCode: {
    it: 'Codice QR non valido o sostituito: chiedi al gestore il nuovo cartello.',
    en: 'Invalid or replaced QR code: ask the operator for the new poster.',
  },
  onlyStaffReinstate: {
    it: 'Solo il Comune o il gestore dell’hub possono ripristinarla.',
    en: 'Only the Comune or the hub’s operator may reinstate it.',
  },
  onlyStaffQr: {
    it: 'Solo il Comune o il gestore dell’hub vedono il codice QR del laboratorio.',
    en: 'Only the Comune or the hub’s operator see the lab’s QR code.',
  },
  noBookingNow: {
    it: 'Nessuna prenotazione del tuo gruppo in questo laboratorio da registrare ora.',
    en: 'No booking of your team in this lab to check in now.',
  },
})
