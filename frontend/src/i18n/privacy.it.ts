/** Italian texts of the built-in privacy notice (/privacy), used when PRIVACY_URL is not set. */
export const privacyIt = {
  footerLink: 'Informativa sulla privacy',
  title: 'Informativa sul trattamento dei dati personali',
  lead: 'Ai sensi degli articoli 13 e 14 del Regolamento (UE) 2016/679 (GDPR).',
  controllerTitle: 'Titolare del trattamento',
  controller:
    'Il Comune di Milano, Piazza della Scala 2, 20121 Milano, è titolare del trattamento dei dati raccolti da Spazi Comuni. Il Responsabile della protezione dei dati del Comune è raggiungibile dalle pagine del sito istituzionale del Comune.',
  purposeTitle: 'Finalità e base giuridica',
  purpose:
    'Trattiamo i dati per gestire le prenotazioni dei laboratori degli hub di comunità e dei CFL, i gruppi e le associazioni che li usano, le concessioni ai gestori e le statistiche di utilizzo degli spazi. La base giuridica è l’esecuzione di un compito di interesse pubblico del Comune (art. 6, par. 1, lett. e del GDPR).',
  dataTitle: 'Quali dati',
  data: 'Nome, indirizzo email, ruolo e lingua dell’account; il codice fiscale quando accedi con SPID o CIE; le squadre di cui fai parte; le prenotazioni che fai e i messaggi che ti inviamo; le date delle sessioni di accesso e dei tentativi di accesso non riusciti; le modifiche che fai, nel registro delle attività.',
  retentionTitle: 'Per quanto tempo',
  retention:
    'Le sessioni scadono dopo 14 giorni e vengono cancellate; i tentativi di accesso falliti dopo 24 ore; i link di accesso usati o scaduti dopo 7 giorni. Il registro delle attività è conservato per il periodo stabilito dal Comune (10 anni, salvo diversa configurazione). Le prenotazioni restano per le statistiche del Comune; se il tuo account viene cancellato, restano senza il tuo nome né la tua email.',
  rightsTitle: 'I tuoi diritti',
  rights:
    'Puoi chiedere l’accesso ai tuoi dati, la loro rettifica o cancellazione, la limitazione del trattamento e opporti al trattamento; puoi proporre reclamo al Garante per la protezione dei dati personali (www.garanteprivacy.it). Per la cancellazione dell’account scrivi al Comune: un amministratore la esegue.',
  exportTitle: 'Scarica i tuoi dati',
  exportText: 'Con l’accesso effettuato puoi scaricare in un file JSON tutti i dati che Spazi Comuni conserva su di te.',
  exportButton: 'Scarica i miei dati (JSON)',
  exportSignIn: 'Accedi per scaricare i tuoi dati.',
}
