import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of teams and their members. */
export const m = defineMessages('teams', {
  onlyComuneOrMember: {
    it: 'Solo il Comune o un membro del gruppo possono cambiarne i membri.',
    en: 'Only the Comune or a member of the team may change its members.',
  },
  staffCannotJoin: {
    it: 'Questa email appartiene a un account del personale, che non può entrare in un gruppo.',
    en: 'This email belongs to a staff account, which cannot join a team.',
  },
  staffAccount: { it: 'account del personale', en: 'staff account' },
  invitationForAnother: {
    it: 'Questo invito è per un altro indirizzo email: accedi con l’account dell’indirizzo invitato.',
    en: 'This invitation is for another email address: sign in with the account of the invited address.',
  },
  invitationSignInFirst: {
    it: 'Esiste già un account con questo indirizzo: accedi, poi accetta l’invito.',
    en: 'An account with this address already exists: sign in, then accept the invitation.',
  },
  nameNeeded: { it: 'scrivi il tuo nome', en: 'write your name' },
})
