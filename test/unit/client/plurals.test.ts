import { afterAll, describe, expect, it } from 'vitest'
import { setLocale, tn } from '../../../frontend/src/i18n/index.ts'

afterAll(() => setLocale('it'))

describe('plurals through tn() (Intl.PluralRules of the current language)', () => {
  it('agrees in Italian: one, zero and many', () => {
    setLocale('it')
    expect(tn('catalogue.capacity', 1)).toBe('1 posto')
    expect(tn('catalogue.capacity', 12)).toBe('12 posti')
    expect(tn('catalogue.results', 0)).toBe('0 laboratori trovati')
    expect(tn('lab.units', 1)).toBe('1 disponibile')
    expect(tn('booking.cancelled', 1)).toBe('1 appuntamento annullato.')
    expect(tn('booking.cancelled', 3)).toBe('3 appuntamenti annullati.')
    expect(tn('find.freeOf', 1, { total: 13 })).toBe('Libero in 1 data su 13')
    expect(tn('find.freeOf', 11, { total: 13 })).toBe('Libero in 11 date su 13')
    expect(tn('form.previewAllFree', 1)).toBe('L’appuntamento è libero.')
    expect(tn('form.previewAllFree', 4)).toBe('Tutti i 4 appuntamenti sono liberi.')
  })

  it('formats the number for the language: decimals and thousands', () => {
    setLocale('it')
    expect(tn('common.hours', 1)).toBe('1 ora')
    expect(tn('common.hours', 1.5)).toBe('1,5 ore')
    // Italian groups thousands from five digits (CLDR): 1200, but 12.000.
    expect(tn('common.people', 12000)).toBe('12.000 persone')
    setLocale('en')
    expect(tn('common.hours', 1.5)).toBe('1.5 hours')
    expect(tn('common.people', 1200)).toBe('1,200 people')
  })

  it('agrees in English', () => {
    setLocale('en')
    expect(tn('catalogue.capacity', 1)).toBe('1 seat')
    expect(tn('common.people', 1)).toBe('1 person')
    expect(tn('common.minutes', 30)).toBe('30 minutes')
    expect(tn('booking.cancelled', 1)).toMatch(/^1 session/)
    expect(tn('form.previewSummary', 1, { total: 4 })).toBe('1 of 4 sessions is free.')
    expect(tn('form.successSkipped', 2)).toBe('2 sessions skipped because of conflicts.')
  })

  it('agrees on the staff pages too (participants, selections, attendance, inventory, registers)', () => {
    setLocale('it')
    expect(tn('staff.common.expected', 1)).toBe('1 partecipante previsto')
    expect(tn('staff.common.expected', 12)).toBe('12 partecipanti previsti')
    expect(tn('staff.approvals.selectedN', 1)).toBe('1 selezionata')
    expect(tn('staff.approvals.selectedN', 0)).toBe('0 selezionate')
    expect(tn('staff.attendance.recorded', 1)).toBe('Presenze registrate: 1 partecipante.')
    expect(tn('staff.attendance.recorded', 8)).toBe('Presenze registrate: 8 partecipanti.')
    expect(tn('staff.equipment.count', 1)).toBe('1 attrezzatura')
    expect(tn('staff.equipment.count', 3)).toBe('3 attrezzature')
    expect(tn('staff.admin.count', 1)).toBe('1 elemento')
    expect(tn('staff.admin.count', 1200)).toBe('1200 elementi')
    expect(tn('toast.restored', 1)).toBe('1 appuntamento ripristinato.')
    setLocale('en')
    expect(tn('staff.common.expected', 1)).toBe('1 participant expected')
    expect(tn('staff.attendance.recorded', 2)).toBe('Attendance recorded: 2 participants.')
    expect(tn('staff.equipment.count', 1)).toBe('1 item')
    expect(tn('staff.admin.count', 1200)).toBe('1,200 items')
    expect(tn('toast.restored', 2)).toBe('2 sessions restored.')
  })
})
