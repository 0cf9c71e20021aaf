import { defineMessages } from '../../http/i18n.ts'

/** Problem texts of personal-data requests (export, erasure). */
export const m = defineMessages('privacy', {
  notOwnErasure: {
    it: 'Un amministratore non può cancellare il proprio account: chiedi a un altro amministratore.',
    en: 'An administrator cannot erase their own account; ask another administrator.',
  },
})
