import { defineMessages } from '../../http/i18n.ts'

/** Problem texts of the administration endpoints. */
export const m = defineMessages('admin', {
  alreadyQueued: {
    it: 'Il messaggio è già in coda: sarà inviato a breve.',
    en: 'The message is already queued; it will be sent shortly.',
  },
})
