import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of the catalogue (areas, hubs, opening hours, labs). */
export const m = defineMessages('catalogue', {
  nilTaken: { it: 'Esiste già una zona con NIL {nilId}.', en: 'An area with NIL {nilId} already exists.' },
  openingHoursInvalid: {
    it: 'Le fasce di apertura non devono sovrapporsi e devono chiudere dopo l’apertura.',
    en: 'Opening intervals must not overlap and must close after they open.',
  },
  closeAfterOpen: { it: 'deve essere successiva all’apertura', en: 'must be later than open' },
  overlapsInterval: {
    it: 'si sovrappone a {open}–{close} dello stesso giorno',
    en: 'overlaps {open}–{close} of the same weekday',
  },
  maxBelowMin: { it: 'deve essere almeno minDurationMinutes', en: 'must be at least minDurationMinutes' },
  needsEquipmentType: { it: 'richiede equipmentTypeId', en: 'needs equipmentTypeId' },
  notATimeZone: { it: 'non è un fuso orario IANA (es. Europe/Rome)', en: 'not an IANA time zone (e.g. Europe/Rome)' },
})
