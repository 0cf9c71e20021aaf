import { defineMessages } from '../../http/i18n.ts'

/** Problem texts, field messages and conflict explanations of equipment. */
export const m = defineMessages('equipment', {
  trainingRequired: {
    it: '{type}: serve la formazione registrata di almeno una persona del gruppo.',
    en: '{type}: at least one person of the team needs a recorded training.',
  },
  noLongerAvailable: {
    it: 'L’attrezzatura scelta non è più disponibile: riprova.',
    en: 'The chosen equipment is no longer available; try again.',
  },
  takenMeanwhile: {
    it: 'L’attrezzatura scelta è stata assegnata nel frattempo a un’altra prenotazione: riprova.',
    en: 'The chosen equipment was given to another booking in the meantime; try again.',
  },
  inMaintenance: {
    it: '{type}: {maintenance} in manutenzione, ne restano {free} liberi su {quantity} richiesti.',
    en: '{type}: {maintenance} under maintenance, {free} free of the {quantity} requested.',
  },
  notEnough: {
    it: '{type}: {free} liberi su {quantity} richiesti ({total} nel laboratorio).',
    en: '{type}: {free} free of the {quantity} requested ({total} in the lab).',
  },
  staffOnly: {
    it: 'L’inventario è visibile solo al Comune e ai gestori degli hub.',
    en: 'The inventory is visible only to the Comune and the hub operators.',
  },
  notYourLab: {
    it: 'Solo il Comune o il gestore dell’hub possono gestire l’attrezzatura di questo laboratorio.',
    en: 'Only the Comune or the hub’s operator may manage this lab’s equipment.',
  },
  concessionNeeded: { it: 'Serve una concessione in vigore per farlo.', en: 'This needs a concession in force.' },
  typeNameTaken: { it: 'Esiste già un tipo di attrezzatura con questo nome.', en: 'An equipment type with this name already exists.' },
  tagTaken: {
    it: 'L’etichetta {tag} è già usata da un’altra attrezzatura.',
    en: 'The asset tag {tag} is already used by other equipment.',
  },
  cannotMove: {
    it: 'L’attrezzatura è assegnata a prenotazioni future che nessun’altra può servire: non si sposta.',
    en: 'The equipment is allocated to future bookings that no other equipment can serve: it does not move.',
  },
  importFailed: {
    it: 'Il file ha {rows} righe non valide: nessuna attrezzatura è stata importata.',
    en: 'The file has {rows} invalid rows: no equipment was imported.',
  },
  unknownLabInCsv: { it: 'laboratorio sconosciuto', en: 'unknown lab' },
  notYourHubLab: { it: 'non gestisci l’hub di questo laboratorio', en: 'you do not manage this lab’s hub' },
  tagOfOtherHub: { it: 'etichetta già usata da un’attrezzatura di un altro hub', en: 'asset tag already used by equipment of another hub' },
  outOfService: {
    it: 'L’attrezzatura non è in servizio (manutenzione o dismessa): non si presta.',
    en: 'The equipment is not in service (maintenance or retired): it cannot be lent.',
  },
  alreadyLent: {
    it: 'L’attrezzatura è già in prestito a {holder} dal {since}.',
    en: 'The equipment is already lent to {holder} since {since}.',
  },
  noSuchBookingOfLab: { it: 'nessuna prenotazione di questo laboratorio con questo id', en: 'no booking of this lab has this id' },
  notLent: { it: 'L’attrezzatura non risulta in prestito.', en: 'The equipment is not on loan.' },
  nonexistentTime: { it: 'ora inesistente nel fuso dell’hub', en: 'a time that does not exist in the hub’s time zone' },
  endAfterStart: { it: 'la fine deve seguire l’inizio', en: 'the end must follow the start' },
  notInProgress: {
    it: 'La manutenzione non è in corso: modificane le date o eliminala.',
    en: 'The maintenance is not in progress: change its dates or remove it.',
  },
  neededByBookings: {
    it: 'In quel periodo l’attrezzatura serve a prenotazioni per cui non c’è un’altra attrezzatura dello stesso tipo libera.',
    en: 'In that period the equipment serves bookings for which no other free equipment of the same type exists.',
  },
  sendCsv: {
    it: 'Invia il file come text/csv, oppure come JSON con il campo csv.',
    en: 'Send the file as text/csv, or as JSON with a csv member.',
  },
  // the CSV import, row by row
  required: { it: 'obbligatorio', en: 'required' },
  notAnId: { it: 'non è un id', en: 'not an id' },
  notALabId: { it: 'non è un id di laboratorio', en: 'not a lab id' },
  cents: { it: 'un numero intero di centesimi', en: 'a whole number of cents' },
  typeIdOrName: { it: 'serve typeId o typeName', en: 'typeId or typeName is needed' },
  emptyFile: { it: 'il file è vuoto: serve la riga di intestazione', en: 'the file is empty: a header row is needed' },
  unreadable: { it: 'CSV non leggibile: {reason}', en: 'unreadable CSV: {reason}' },
  missingColumn: { it: 'colonna mancante', en: 'missing column' },
  typeColumn: { it: 'serve la colonna typeId o typeName', en: 'a typeId or typeName column is needed' },
  noRows: { it: 'nessuna riga da importare', en: 'no rows to import' },
  repeatsTag: { it: 'ripete l’etichetta della riga {row}', en: 'repeats the asset tag of row {row}' },
})
