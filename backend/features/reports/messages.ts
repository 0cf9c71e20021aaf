import { defineMessages } from '../../http/i18n.ts'

/** Problem texts and field messages of reports. */
export const m = defineMessages('reports', {
  staffOnly: { it: 'I report sono per il Comune e i gestori degli hub.', en: 'Reports are for the Comune and the hub operators.' },
  notYourHub: { it: 'Questo hub non è tra i tuoi.', en: 'This hub is not one of yours.' },
  notYourLab: { it: 'Questo laboratorio non è in uno dei tuoi hub.', en: 'This lab is not in one of your hubs.' },
  toAfterFrom: { it: 'to deve essere successiva a from', en: 'to must be after from' },
  periodTooLong: { it: 'un report copre al massimo {days} giorni', en: 'a report covers at most {days} days' },
})
