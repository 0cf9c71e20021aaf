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
})
