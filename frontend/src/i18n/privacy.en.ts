import type { privacyIt } from './privacy.it.ts'

/** English texts of the built-in privacy notice; same keys as privacy.it.ts. */
export const privacyEn: typeof privacyIt = {
  footerLink: 'Privacy notice',
  title: 'How we process personal data',
  lead: 'Under Articles 13 and 14 of Regulation (EU) 2016/679 (GDPR).',
  controllerTitle: 'Controller',
  controller:
    'The Comune di Milano, Piazza della Scala 2, 20121 Milan, is the controller of the data Spazi Comuni collects. The Comune’s Data Protection Officer can be reached through the Comune’s institutional website.',
  purposeTitle: 'Purpose and legal basis',
  purpose:
    'We process data to manage bookings of the labs of the community hubs and CFLs, the groups and associations that use them, the concessions to operators and the statistics on how the spaces are used. The legal basis is a task carried out in the public interest by the Comune (Art. 6(1)(e) GDPR).',
  dataTitle: 'Which data',
  data: 'Your account’s name, email address, role and language; your codice fiscale when you sign in with SPID or CIE; the teams you belong to; the bookings you make and the messages we send you; the dates of your sign-in sessions and of failed sign-in attempts; the changes you make, in the activity log.',
  retentionTitle: 'For how long',
  retention:
    'Sessions expire after 14 days and are deleted; failed sign-in attempts after 24 hours; used or expired sign-in links after 7 days. The activity log is kept for the period the Comune sets (10 years unless configured otherwise). Bookings remain for the Comune’s statistics; if your account is erased, they remain without your name or email.',
  rightsTitle: 'Your rights',
  rights:
    'You may ask for access to your data, its correction or erasure, the restriction of processing, and object to processing; you may lodge a complaint with the Garante per la protezione dei dati personali (www.garanteprivacy.it). To have your account erased, write to the Comune: an administrator carries it out.',
  exportTitle: 'Download your data',
  exportText: 'Signed in, you can download as a JSON file every datum Spazi Comuni holds about you.',
  exportButton: 'Download my data (JSON)',
  exportSignIn: 'Sign in to download your data.',
}
