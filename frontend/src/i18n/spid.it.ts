/** Italian texts of SPID/CIE sign-in (the login page's button, the welcome page of a new person). */
export const spidIt = {
  buttonHelp: 'Per i team e le persone: accedi con la tua identità digitale SPID o con la Carta d’Identità Elettronica.',
  staffTitle: 'Accesso del personale',
  staffOnly: 'Email e password e il link via email sono riservati al personale del Comune e dei gestori.',
  passwordOff: 'Su questo servizio si accede solo con SPID o CIE.',
  fiscalCode: 'Codice fiscale',
  welcome: {
    title: 'Benvenuta, benvenuto',
    signedInAs: 'Hai effettuato l’accesso come {{ name }}.',
    noTeam: 'Il tuo account non fa ancora parte di un team. Per prenotare i laboratori degli hub serve un team:',
    joinTeam:
      'Se il tuo gruppo ha già un team, chiedi a chi lo gestisce di aggiungerti, indicando l’email del tuo account ({{ email }}): il Comune ti aggiunge al team.',
    applyCall:
      'Se il tuo gruppo non ha ancora un team, partecipa a un bando del Comune: i progetti finanziati diventano team con ore di laboratorio.',
    browse: 'Intanto puoi sfogliare i laboratori',
    myBookings: 'Vai alle prenotazioni del tuo team',
  },
}
