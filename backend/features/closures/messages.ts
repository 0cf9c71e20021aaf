import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of closures. */
export const m = defineMessages('closures', {
  hubOrLab: { it: 'indica hubId oppure labId, non entrambi', en: 'give hubId or labId, not both' },
  labNotYours: {
    it: 'Solo il Comune o il gestore dell’hub possono chiudere questo laboratorio.',
    en: 'Only the Comune or the hub’s operator may close this lab.',
  },
  hubNotYours: { it: 'Solo il Comune o il gestore dell’hub possono chiuderlo.', en: 'Only the Comune or the hub’s operator may close it.' },
  everyHubAdminOnly: { it: 'Solo il Comune può chiudere tutti gli hub.', en: 'Only the Comune may close every hub.' },
  affectsBookings: {
    it: 'La chiusura cade su {count} prenotazioni attive: annullale con cancelAffected: true o scegli un altro periodo.',
    en: 'The closure falls on {count} live bookings: cancel them with cancelAffected: true or choose another period.',
  },
  onlyFreeLabsNeedsHub: {
    it: 'si può chiudere solo i laboratori liberi di un hub: indica hubId',
    en: 'only the free labs of a hub can be closed: give hubId',
  },
  onlyFreeLabsOrCancel: {
    it: 'scegli se annullare le prenotazioni o chiudere solo i laboratori liberi, non entrambe le cose',
    en: 'choose either to cancel the bookings or to close only the free labs, not both',
  },
  everyLabBooked: {
    it: 'Tutti i laboratori dell’hub hanno prenotazioni nel periodo ({count}): non ce n’è nessuno libero da chiudere.',
    en: 'Every lab of the hub has bookings in the period ({count}): there is no free lab to close.',
  },
})
