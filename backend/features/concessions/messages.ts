import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of operators and concessions. */
export const m = defineMessages('concessions', {
  staffOnly: {
    it: 'Le concessioni sono visibili solo al Comune e ai gestori.',
    en: 'Concessions are visible only to the Comune and the operators.',
  },
  overlap: {
    it: 'L’hub ha già una concessione in questo periodo: due concessioni dello stesso hub non possono sovrapporsi.',
    en: 'The hub already has a concession in this period: two concessions of one hub may not overlap.',
  },
  transition: { it: 'Una concessione {from} non può diventare {to}.', en: 'A concession that is {from} cannot become {to}.' },
  final: { it: 'Una concessione {status} non si modifica più.', en: 'A concession that is {status} can no longer be changed.' },
  operatorsStaffOnly: {
    it: 'I gestori sono visibili solo al Comune e ai gestori stessi.',
    en: 'Operators are visible only to the Comune and to the operators themselves.',
  },
  taxCodeTaken: { it: 'Esiste già un gestore con questo codice fiscale.', en: 'An operator with this tax code already exists.' },
})

/** A concession's status in words, for the texts above. */
export const statusLabel = defineMessages('concessionStatus', {
  draft: { it: 'bozza', en: 'a draft' },
  active: { it: 'attiva', en: 'active' },
  expired: { it: 'scaduta', en: 'expired' },
  terminated: { it: 'revocata', en: 'terminated' },
})
