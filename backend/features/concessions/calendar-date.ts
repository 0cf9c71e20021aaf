import { DateTime } from 'luxon'
import { isoDate } from '../../http/validation.ts'

// The shared isoDate lets Date.parse roll 2027-02-30 over to March; a calendar date must exist.
export const calendarDate = isoDate.refine((s) => DateTime.fromISO(s).isValid, 'data inesistente')
