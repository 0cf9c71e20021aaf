import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of bookings, availability and the waitlist. */
export const m = defineMessages('bookings', {
  onlyStaffInternal: {
    it: 'Solo il Comune o il gestore di questo hub possono prenotarlo per uso interno.',
    en: 'Only the Comune or this hub’s operator may book it for internal use.',
  },
  teamRequired: { it: 'obbligatorio: indica il team per cui prenoti', en: 'required: name the team you book for' },
  onlyOwnTeams: { it: 'Puoi prenotare solo per i team di cui fai parte.', en: 'You may book only for teams you belong to.' },
  overCapacity: {
    it: 'supera la capienza del laboratorio ({capacity} persone)',
    en: 'exceeds the lab’s capacity ({capacity} people)',
  },
  invalidRecurrence: { it: 'Ricorrenza non valida: {reason}.', en: 'Invalid recurrence: {reason}.' },
  notBookable: { it: 'Lo spazio non è prenotabile in quell’orario.', en: 'The space cannot be booked at that time.' },
  noOccurrenceBookable: { it: 'Nessuna occorrenza della serie è prenotabile.', en: 'No occurrence of the series can be booked.' },
  someOccurrencesBlocked: {
    it: '{blocked} occorrenze su {total} non sono prenotabili: non è stato prenotato nulla (usa skipConflicts per prenotare le altre).',
    en: '{blocked} of {total} occurrences cannot be booked: nothing was booked (use skipConflicts to book the others).',
  },
  onlyPendingOrConfirmedChange: {
    it: 'Si possono modificare solo le prenotazioni in attesa o confermate.',
    en: 'Only pending or confirmed bookings can be changed.',
  },
  startedCannotMove: {
    it: 'La prenotazione è già iniziata: non si può spostare.',
    en: 'The booking has already started: it cannot be moved.',
  },
  newTimeNotBookable: { it: 'Il nuovo orario non è prenotabile.', en: 'The new time cannot be booked.' },
  notRestorable: {
    it: 'Questo annullamento non si può più ritirare: solo chi l’ha fatto può ripristinare la prenotazione, entro {seconds} secondi.',
    en: 'This cancellation can no longer be withdrawn: only its author may restore the booking, within {seconds} seconds.',
  },
  restoreTaken: {
    it: 'Nel frattempo l’orario (o l’attrezzatura) è stato prenotato da altri: la prenotazione non si può ripristinare.',
    en: 'The time (or the equipment) has been booked by someone else meanwhile: the booking cannot be restored.',
  },
  notLive: { it: 'La prenotazione non è attiva: non c’è nulla da annullare.', en: 'The booking is not live: there is nothing to cancel.' },
  startedOnlyStaffCancel: {
    it: 'La prenotazione è già iniziata: solo il gestore può annullarla.',
    en: 'The booking has already started: only the operator may cancel it.',
  },
  onlyPendingApproved: { it: 'Solo le prenotazioni in attesa si approvano.', en: 'Only pending bookings can be approved.' },
  nonePendingToApprove: { it: 'Nessuna prenotazione in attesa da approvare.', en: 'No pending booking to approve.' },
  onlyPendingRejected: { it: 'Solo le prenotazioni in attesa si respingono.', en: 'Only pending bookings can be rejected.' },
  nonePendingToReject: { it: 'Nessuna prenotazione in attesa da respingere.', en: 'No pending booking to reject.' },
  notStarted: { it: 'La prenotazione non è ancora iniziata.', en: 'The booking has not started yet.' },
  stillPending: { it: 'La prenotazione è ancora da approvare.', en: 'The booking still awaits approval.' },
  cancelledOrRejected: { it: 'La prenotazione è stata annullata o respinta.', en: 'The booking was cancelled or rejected.' },
  changedMeanwhile: { it: 'La prenotazione è cambiata nel frattempo.', en: 'The booking changed in the meantime.' },
  overParticipants: { it: 'supera il numero di partecipanti', en: 'exceeds the number of participants' },
  waitlistOwnTeams: {
    it: 'Puoi mettere in lista d’attesa solo i team di cui fai parte.',
    en: 'You may put on the waitlist only teams you belong to.',
  },
  neverBookable: {
    it: 'Questo orario non è prenotabile anche se si liberasse.',
    en: 'This time could not be booked even if it became free.',
  },
  alreadyFree: {
    it: 'Lo spazio è libero in quell’orario: prenotalo direttamente.',
    en: 'The space is free at that time: book it directly.',
  },
  noLongerWaiting: { it: 'La richiesta non è più in attesa.', en: 'The request is no longer waiting.' },
  availabilitySpan: { it: 'al massimo {days} giorni dopo from', en: 'at most {days} days after from' },
  idempotencyKeyField: { it: 'da 1 a 200 caratteri ASCII visibili', en: '1 to 200 visible ASCII characters' },
  idempotencyKeyInvalid: { it: 'L’intestazione Idempotency-Key non è valida.', en: 'The Idempotency-Key header is not valid.' },
  // a conflict's explanation (its `detail`)
  pastSlot: { it: 'L’orario è già passato.', en: 'The time has already passed.' },
  durationLimits: {
    it: 'La durata deve essere tra {min} e {max} minuti.',
    en: 'The duration must be between {min} and {max} minutes.',
  },
  outsideOpeningHours: { it: 'Fuori dall’orario di apertura dell’hub.', en: 'Outside the hub’s opening hours.' },
  equipmentShort: { it: 'Attrezzatura insufficiente.', en: 'Not enough equipment.' },
})

/** Why a recurrence rule is refused (the message of a RecurrenceError). */
export const rruleText = defineMessages('rrule', {
  notInteger: { it: '{part}={raw} non è un numero intero', en: '{part}={raw} is not an integer' },
  outOfRange: {
    it: '{part}={raw} è fuori dall’intervallo ammesso ({min}…{max}, diverso da 0)',
    en: '{part}={raw} is outside the allowed range ({min}…{max}, not 0)',
  },
  emptyItem: { it: '{part} contiene un elemento vuoto', en: '{part} has an empty item' },
  untilFormat: {
    it: 'UNTIL={raw} non è una data valida (AAAAMMGG o AAAAMMGGTHHMMSS[Z])',
    en: 'UNTIL={raw} is not a valid date (YYYYMMDD or YYYYMMDDTHHMMSS[Z])',
  },
  untilInvalid: { it: 'UNTIL={raw} non è una data valida', en: 'UNTIL={raw} is not a valid date' },
  exdateFormat: {
    it: 'EXDATE {raw} non è una data valida (AAAAMMGG o AAAAMMGGTHHMMSS[Z])',
    en: 'EXDATE {raw} is not a valid date (YYYYMMDD or YYYYMMDDTHHMMSS[Z])',
  },
  exdateInvalid: { it: 'EXDATE {raw} non è una data valida', en: 'EXDATE {raw} is not a valid date' },
  exdateNoValues: { it: 'riga EXDATE senza valori: {line}', en: 'EXDATE line without values: {line}' },
  exdateUnknownZone: { it: 'EXDATE: fuso orario sconosciuto {zone}', en: 'EXDATE: unknown time zone {zone}' },
  exdateBadParameter: { it: 'EXDATE: parametro non ammesso {param}', en: 'EXDATE: parameter not allowed {param}' },
  empty: { it: 'la regola è vuota', en: 'the rule is empty' },
  noDtstart: {
    it: 'DTSTART non va indicato: l’inizio della serie è start',
    en: 'do not give DTSTART: the series starts at start',
  },
  unsupportedLine: { it: '{name} non è supportato', en: '{name} is not supported' },
  oneRule: { it: 'una sola regola RRULE per serie', en: 'one RRULE per series' },
  missingRule: { it: 'manca la regola RRULE', en: 'the RRULE is missing' },
  badPart: { it: 'parte non valida «{part}»: atteso NOME=VALORE', en: 'invalid part «{part}»: expected NAME=VALUE' },
  repeated: { it: '{key} è ripetuto', en: '{key} is repeated' },
  freqRequired: { it: 'FREQ è obbligatorio (DAILY, WEEKLY o MONTHLY)', en: 'FREQ is required (DAILY, WEEKLY or MONTHLY)' },
  freqNotAllowed: {
    it: 'FREQ={freq} non è ammessa: usa DAILY, WEEKLY o MONTHLY',
    en: 'FREQ={freq} is not allowed: use DAILY, WEEKLY or MONTHLY',
  },
  countPositive: { it: 'COUNT={value} deve essere un intero positivo', en: 'COUNT={value} must be a positive integer' },
  countTooHigh: { it: 'COUNT={value} supera il massimo di {max} occorrenze', en: 'COUNT={value} exceeds the maximum of {max} occurrences' },
  badDay: {
    it: 'BYDAY: «{item}» non è un giorno (MO, TU, WE, TH, FR, SA, SU, eventualmente con ordinale come 2TU o -1FR)',
    en: 'BYDAY: «{item}» is not a day (MO, TU, WE, TH, FR, SA, SU, optionally with an ordinal such as 2TU or -1FR)',
  },
  ordinalOnlyMonthly: {
    it: 'BYDAY={item}: l’ordinale vale solo con FREQ=MONTHLY',
    en: 'BYDAY={item}: an ordinal applies only with FREQ=MONTHLY',
  },
  monthDayNotWeekly: { it: 'BYMONTHDAY non si usa con FREQ=WEEKLY', en: 'BYMONTHDAY does not go with FREQ=WEEKLY' },
  badWkst: { it: 'WKST={value} non è un giorno della settimana', en: 'WKST={value} is not a weekday' },
  timeFromStart: { it: '{key} non è ammesso: l’ora viene da start', en: '{key} is not allowed: the time comes from start' },
  yearlyOnly: {
    it: '{key} non è ammesso: vale solo con FREQ=YEARLY, che non è ammessa',
    en: '{key} is not allowed: it applies only with FREQ=YEARLY, which is not allowed',
  },
  unknownPart: { it: '{key} non è una parte di RRULE riconosciuta', en: '{key} is not a known RRULE part' },
  mustEnd: { it: 'COUNT o UNTIL è obbligatorio: una serie deve finire', en: 'COUNT or UNTIL is required: a series must end' },
  countAndUntil: { it: 'COUNT e UNTIL non possono stare insieme', en: 'COUNT and UNTIL cannot go together' },
  setPosNeedsBy: { it: 'BYSETPOS richiede anche BYDAY, BYMONTHDAY o BYMONTH', en: 'BYSETPOS also needs BYDAY, BYMONTHDAY or BYMONTH' },
  exdatesDate: { it: 'exdates: {value} non è una data valida', en: 'exdates: {value} is not a valid date' },
  exdatesValue: { it: 'exdates: {value} non è una data o un istante valido', en: 'exdates: {value} is not a valid date or instant' },
  startEndInvalid: { it: 'inizio o fine non validi', en: 'invalid start or end' },
  endAfterStart: { it: 'la fine deve seguire l’inizio', en: 'the end must follow the start' },
  untilTooFar: {
    it: 'UNTIL supera il limite di {years} anni dall’inizio della serie',
    en: 'UNTIL is beyond the limit of {years} years from the start of the series',
  },
  untilBeforeStart: { it: 'UNTIL precede l’inizio della serie', en: 'UNTIL comes before the start of the series' },
  tooManyOccurrences: { it: 'la regola produce più di {max} occorrenze', en: 'the rule yields more than {max} occurrences' },
  tooLong: {
    it: 'la serie supera il limite di {years} anni dall’inizio',
    en: 'the series goes beyond the limit of {years} years from its start',
  },
  noOccurrence: { it: 'la regola non produce alcuna occorrenza', en: 'the rule yields no occurrence' },
})

/** Why a slot or a period is refused before any work is done on it (period-bounds.ts). */
export const bounds = defineMessages('bounds', {
  slotTooLong: { it: 'un’occorrenza dura al massimo {hours} ore', en: 'an occurrence lasts at most {hours} hours' },
  slotTooLongDetail: {
    it: 'Periodo troppo lungo: un’occorrenza dura al massimo {hours} ore.',
    en: 'Period too long: an occurrence lasts at most {hours} hours.',
  },
  outsideHorizon: {
    it: 'fuori dall’orizzonte di prenotazione (da {past} anni fa a {future} anni da oggi)',
    en: 'outside the booking horizon ({past} years back to {future} years ahead of today)',
  },
  outsideHorizonDetail: {
    it: 'Periodo non valido: fuori dall’orizzonte di prenotazione (da {past} anni fa a {future} anni da oggi).',
    en: 'Invalid period: outside the booking horizon ({past} years back to {future} years ahead of today).',
  },
})
