/**
 * The texts of certification and check-in problems, in one place per language (Italian is the default;
 * English for `Accept-Language: en` once the shared catalogue carries them).
 */
export const certificationMessages = {
  it: {
    training_required: (kind: string) => `${kind}: serve un attestato valido di almeno una persona del gruppo.`,
    training_expired: (kind: string) => `${kind}: l’attestato del gruppo è scaduto prima di questa data; va rinnovato.`,
    kindNotFound: 'Tipo di attestato non trovato.',
    unknownKind: 'tipo di attestato sconosciuto',
    unknownEquipmentType: 'tipo di attrezzatura sconosciuto',
    teamNotFound: 'Gruppo non trovato.',
    certificateNotFound: 'Attestato non trovato.',
    expiresBeforeObtained: 'non può precedere obtainedOn',
    duplicateKind: 'Esiste già un tipo di attestato con questo nome.',
    staffOnly: 'Solo il Comune o un gestore con una concessione in vigore registrano gli attestati.',
    adminOnly: 'Solo il Comune configura i tipi di attestato.',
  },
  en: {
    training_required: (kind: string) => `${kind}: someone of the team must hold a valid certificate.`,
    training_expired: (kind: string) => `${kind}: the team’s certificate lapsed before this date; it must be renewed.`,
    kindNotFound: 'No such certification kind.',
    unknownKind: 'unknown certification kind',
    unknownEquipmentType: 'unknown equipment type',
    teamNotFound: 'No such team.',
    certificateNotFound: 'No such certificate.',
    expiresBeforeObtained: 'cannot precede obtainedOn',
    duplicateKind: 'A certification kind with this name exists already.',
    staffOnly: 'Only the Comune or an operator with a concession in force record certificates.',
    adminOnly: 'Only the Comune configures certification kinds.',
  },
} as const

export const checkInMessages = {
  it: {
    window: (from: string, to: string) => `Il check-in è possibile tra le ${from} e le ${to}.`,
    notLive: 'La prenotazione non è confermata: non serve il check-in.',
    released: 'La prenotazione è stata liberata perché nessuno ha fatto il check-in in tempo.',
    notReleased: 'La prenotazione non è stata liberata.',
    slotTaken: 'Lo spazio è stato nel frattempo prenotato da altri: la prenotazione non si può ripristinare.',
    staffOrTeam: 'Il check-in lo fa il gruppo della prenotazione, o il gestore dell’hub.',
    unknownCode: 'Codice QR non valido o sostituito: chiedi al gestore il nuovo cartello.',
    noBookingNow: 'Nessuna prenotazione del tuo gruppo in questo laboratorio da registrare ora.',
  },
  en: {
    window: (from: string, to: string) => `Check-in is possible between ${from} and ${to}.`,
    notLive: 'The booking is not confirmed: no check-in is needed.',
    released: 'The booking was released because nobody checked in in time.',
    notReleased: 'The booking was not released.',
    slotTaken: 'The space has been booked by someone else meanwhile: the booking cannot be reinstated.',
    staffOrTeam: 'Check-in is done by the booking’s team or the hub’s operator.',
    unknownCode: 'Invalid or replaced QR code: ask the operator for the new poster.',
    noBookingNow: 'No booking of your team in this lab to check in now.',
  },
} as const
