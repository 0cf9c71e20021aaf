import { defineMessages } from './i18n.ts'

/** One title per kind of problem (the `title` member: the same for every problem of that type). */
export const problemTitles = defineMessages('problem', {
  validation: { it: 'Dati non validi', en: 'Invalid input' },
  malformed_json: { it: 'JSON non valido', en: 'Malformed JSON body' },
  unauthorized: { it: 'Accesso richiesto', en: 'Not signed in' },
  forbidden: { it: 'Operazione non consentita', en: 'Not allowed' },
  not_found: { it: 'Non trovato', en: 'Not found' },
  no_route: { it: 'Indirizzo dell’API inesistente', en: 'No such API route' },
  conflict: { it: 'Conflitto', en: 'Conflict' },
  payload_too_large: { it: 'Richiesta troppo grande', en: 'Request body too large' },
  unsupported_media_type: { it: 'Formato non supportato', en: 'Unsupported media type' },
  too_many_requests: { it: 'Troppi tentativi', en: 'Too many attempts' },
  internal: { it: 'Errore interno', en: 'Internal error' },
  database_unavailable: { it: 'Database non raggiungibile', en: 'Database unavailable' },
})

/** Texts of the HTTP layer, shared by every feature. */
export const http = defineMessages('http', {
  invalidFields: { it: 'La richiesta contiene campi non validi.', en: 'The request has invalid fields.' },
  fieldInvalid: { it: '{path}: {message}', en: '{path}: {message}' },
  forbidden: { it: 'Non hai il permesso di farlo.', en: 'You are not allowed to do this.' },
  signIn: { it: 'Accedi prima di continuare.', en: 'Sign in first.' },
  tooManyAttempts: { it: 'Troppi tentativi: riprova più tardi.', en: 'Too many attempts; try again later.' },
  bodyTooLarge: { it: 'Il corpo della richiesta supera 1 MiB.', en: 'The request body is larger than 1 MiB.' },
  sendJson: { it: 'Invia il corpo come application/json.', en: 'Send the body as application/json.' },
  malformedJson: { it: 'Il corpo non è JSON valido.', en: 'The body is not valid JSON.' },
  badRequest: { it: 'Richiesta non valida.', en: 'Bad request.' },
  notFound: { it: 'Non trovato.', en: 'Not found.' },
  noRoute: { it: 'L’API non ha {method} {path}.', en: 'No API route {method} {path}.' },
  csrf: { it: 'Richiesta da un altro sito rifiutata (controllo CSRF).', en: 'Cross-site request refused (CSRF check).' },
  slotTaken: { it: 'L’orario è stato occupato nel frattempo.', en: 'The slot was taken in the meantime.' },
  duplicate: { it: 'Esiste già un elemento con lo stesso valore univoco.', en: 'A record with the same unique value already exists.' },
  referenced: {
    it: 'L’elemento si riferisce a un altro elemento, o un altro si riferisce a esso.',
    en: 'The record refers to, or is referred by, another record.',
  },
  outOfRange: { it: 'Un valore è fuori dall’intervallo ammesso.', en: 'A value is out of the allowed range.' },
  concurrentChange: { it: 'Una modifica contemporanea ha interferito: riprova.', en: 'A concurrent change got in the way; try again.' },
  databaseDown: { it: 'Il database non risponde: riprova tra poco.', en: 'The database does not answer; try again shortly.' },
  internal: {
    it: 'Qualcosa non ha funzionato da parte nostra. L’errore è stato registrato.',
    en: 'Something went wrong on our side. The error has been logged.',
  },
  onlyComune: { it: 'Solo il Comune può farlo.', en: 'Only the Comune may do this.' },
  onlyHubManager: { it: 'Solo il Comune o il gestore dell’hub possono farlo.', en: 'Only the Comune or the hub’s operator may do this.' },
})

/** What a 404 names ("Laboratorio non trovato."): one entry per kind of record. */
export const notFound = defineMessages('notFound', {
  resource: { it: 'Elemento non trovato.', en: 'No such resource.' },
  area: { it: 'Zona non trovata.', en: 'No such area.' },
  hub: { it: 'Hub non trovato.', en: 'No such hub.' },
  lab: { it: 'Laboratorio non trovato.', en: 'No such lab.' },
  closure: { it: 'Chiusura non trovata.', en: 'No such closure.' },
  booking: { it: 'Prenotazione non trovata.', en: 'No such booking.' },
  team: { it: 'Gruppo non trovato.', en: 'No such team.' },
  teamMember: { it: 'Membro del gruppo non trovato.', en: 'No such team member.' },
  invitation: { it: 'Invito non trovato, scaduto o già usato.', en: 'No such invitation, or it expired or was already used.' },
  user: { it: 'Utente non trovato.', en: 'No such user.' },
  grant: { it: 'Contributo non trovato.', en: 'No such grant.' },
  operator: { it: 'Gestore non trovato.', en: 'No such operator.' },
  concession: { it: 'Concessione non trovata.', en: 'No such concession.' },
  equipmentType: { it: 'Tipo di attrezzatura non trovato.', en: 'No such equipment type.' },
  asset: { it: 'Attrezzatura non trovata.', en: 'No such equipment.' },
  maintenance: { it: 'Intervento di manutenzione non trovato.', en: 'No such maintenance window.' },
  calendarFeed: { it: 'Calendario non trovato.', en: 'No such calendar feed.' },
  message: { it: 'Messaggio non trovato.', en: 'No such message.' },
  waitlist: { it: 'Richiesta in lista d’attesa non trovata.', en: 'No such waitlist request.' },
  call: { it: 'Bando non trovato.', en: 'No such call.' },
  certificate: { it: 'Attestato non trovato.', en: 'No such certificate.' },
  certificationKind: { it: 'Tipo di attestato non trovato.', en: 'No such certification kind.' },
  progressReport: { it: 'Relazione non trovata.', en: 'No such progress report.' },
  evidence: { it: 'Documento non trovato.', en: 'No such evidence file.' },
  participantCategory: { it: 'Categoria di partecipanti non trovata.', en: 'No such participant category.' },
  year: { it: 'Anno non trovato.', en: 'No such year.' },
  application: { it: 'Domanda non trovata.', en: 'No such application.' },
  attachment: { it: 'Allegato non trovato.', en: 'No such attachment.' },
  award: { it: 'Assegnazione non trovata.', en: 'No such award.' },
  tranche: { it: 'Tranche non trovata.', en: 'No such instalment.' },
})

/** Field messages (`errors[].message`) shared by several features. */
export const field = defineMessages('field', {
  expectedDate: { it: 'atteso AAAA-MM-GG', en: 'expected YYYY-MM-DD' },
  notARealDate: { it: 'data inesistente', en: 'not a real date' },
  expectedTime: { it: 'atteso HH:mm', en: 'expected HH:mm' },
  expectedInstant: {
    it: 'atteso AAAA-MM-GGTHH:mm[:ss] con scostamento facoltativo',
    en: 'expected YYYY-MM-DDTHH:mm[:ss] with an optional offset',
  },
  expectedId: { it: 'atteso un id', en: 'expected an id' },
  endBeforeStart: { it: 'la fine non può precedere l’inizio', en: 'the end cannot come before the start' },
  endAfterStart: { it: 'deve essere successiva a start', en: 'must be later than start' },
  toAfterFrom: { it: 'deve essere successiva a from', en: 'must be later than from' },
  unknownHub: { it: 'hub sconosciuto', en: 'unknown hub' },
  unknownLab: { it: 'laboratorio sconosciuto', en: 'unknown lab' },
  unknownArea: { it: 'zona sconosciuta', en: 'unknown area' },
  unknownOperator: { it: 'gestore sconosciuto', en: 'unknown operator' },
  unknownTeam: { it: 'gruppo sconosciuto', en: 'unknown team' },
  unknownEquipmentType: { it: 'tipo di attrezzatura sconosciuto', en: 'unknown equipment type' },
  nonexistentLocalTime: {
    it: 'orario non valido o inesistente nel fuso dell’hub (cambio dell’ora legale)',
    en: 'not a valid time, or one that does not exist in the hub’s time zone (daylight-saving change)',
  },
  invalidDate: { it: 'data non valida', en: 'not a valid date' },
  unstorableText: {
    it: 'contiene un carattere NUL (U+0000), che non si può salvare',
    en: 'contains a NUL character (U+0000), which cannot be stored',
  },
})
