import { defineMessages } from '../../http/i18n.ts'

/** Problem texts of signing in. */
export const m = defineMessages('auth', {
  badCredentials: { it: 'Email o password non corretti.', en: 'Email or password is not correct.' },
  linkInvalid: {
    it: 'Questo link di accesso non è più valido: chiedine uno nuovo.',
    en: 'This sign-in link is not valid any more; ask for a new one.',
  },
})
