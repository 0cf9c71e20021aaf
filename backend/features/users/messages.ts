import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of accounts. */
export const m = defineMessages('users', {
  onlyComune: { it: 'Solo il Comune gestisce gli account.', en: 'Only the Comune manages accounts.' },
  emailTaken: { it: 'Esiste già un utente con questa email.', en: 'A user with this email already exists.' },
  alreadyRegistered: { it: 'già registrata', en: 'already registered' },
  keepOwnAdmin: {
    it: 'Non puoi togliere a te stesso il ruolo di amministratore né disattivare il tuo account.',
    en: 'You cannot remove your own admin role or disable your own account.',
  },
  operatorRequired: { it: 'obbligatorio per i gestori', en: 'required for operators' },
  operatorOnlyForOperators: { it: 'solo i gestori appartengono a un gestore', en: 'only operators belong to an operator' },
  teamsOnlyForMembers: { it: 'solo i membri appartengono a gruppi', en: 'only members belong to teams' },
  ownPrivileged: {
    it: 'Non puoi cambiare da solo {fields}: chiedi al Comune.',
    en: 'You cannot change your own {fields}; ask the Comune.',
  },
  wrongCurrentPassword: { it: 'La password attuale non è corretta.', en: 'The current password is not correct.' },
  passwordLength: { it: 'almeno 10 caratteri', en: 'at least 10 characters' },
})
