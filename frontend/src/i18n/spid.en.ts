import type { spidIt } from './spid.it.ts'

/** English texts of SPID/CIE sign-in. Same keys as spid.it.ts. */
export const spidEn: typeof spidIt = {
  buttonHelp: 'For teams and citizens: sign in with your SPID digital identity or your electronic identity card (CIE).',
  staffTitle: 'Staff sign-in',
  staffOnly: 'Email and password, and the emailed link, are for the staff of the Comune and of the operators.',
  passwordOff: 'On this service you sign in with SPID or CIE only.',
  fiscalCode: 'Codice fiscale',
  welcome: {
    title: 'Welcome',
    signedInAs: 'You are signed in as {{ name }}.',
    noTeam: 'Your account is not part of a team yet. Booking the hubs’ labs needs a team:',
    joinTeam:
      'If your group already has a team, ask whoever runs it to add you, giving your account’s email ({{ email }}): the Comune adds you to the team.',
    applyCall: 'If your group has no team yet, apply to one of the Comune’s calls: funded projects become teams with lab hours.',
    browse: 'Meanwhile you can browse the labs',
    myBookings: 'Go to your team’s bookings',
  },
}
