import { defineMessages } from '../../http/i18n.ts'

/** Problem texts, field messages and conflict explanations of hour grants. */
export const m = defineMessages('grants', {
  twoDecimals: { it: 'al più due decimali', en: 'at most two decimals' },
  wouldUncover: {
    it: 'Il contributo non coprirebbe più ore già prenotate dal gruppo: annulla prima le prenotazioni o riduci di meno.',
    en: 'The grant would no longer cover hours the team has already booked: cancel those bookings first, or reduce it less.',
  },
  noGrant: {
    it: 'Il laboratorio richiede un contributo orario e nessun contributo del gruppo copre questa data.',
    en: 'The lab requires an hour grant and none of the team’s grants covers this date.',
  },
  quotaExceeded: {
    it: 'Ore del contributo esaurite: servono {needed} h, ne restano {left} ({references}).',
    en: 'Grant hours used up: {needed} h needed, {left} left ({references}).',
  },
})
