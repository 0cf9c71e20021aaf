import { describe, expect, it } from 'vitest'
import {
  daysBetween,
  hoursFromSeconds,
  monthLabel,
  socialSharePercent,
  utilisationRatio,
  weekFallsShort,
  weekLabel,
} from './utilisation.ts'

describe('utilisation maths', () => {
  it('turns seconds into hours to the hundredth', () => {
    expect(hoursFromSeconds(5400)).toBe(1.5)
    expect(hoursFromSeconds(60)).toBe(0.02)
    expect(hoursFromSeconds(0)).toBe(0)
  })

  it('is booked over open, and 0 where nothing was open', () => {
    expect(utilisationRatio(3600 * 9.5, 3600 * 161)).toBe(0.059)
    expect(utilisationRatio(3600, 0)).toBe(0)
    expect(utilisationRatio(7200, 3600)).toBe(2)
  })

  it('gives the social share as a percentage, 0 when nothing was booked', () => {
    expect(socialSharePercent(3, 4)).toBe(75)
    expect(socialSharePercent(1, 3)).toBe(33.33)
    expect(socialSharePercent(0, 0)).toBe(0)
  })

  it('names weeks the ISO way and months in Italian', () => {
    expect(weekLabel('2027-01-04')).toBe('2027-W01')
    expect(weekLabel('2027-12-27')).toBe('2027-W52')
    expect(weekLabel('2026-12-28')).toBe('2026-W53')
    expect(monthLabel('2027-03')).toBe('marzo 2027')
  })

  it('counts the days of a half-open period across a DST change', () => {
    expect(daysBetween('2027-03-22', '2027-03-29')).toBe(7)
    expect(daysBetween('2027-01-01', '2028-01-01')).toBe(365)
  })

  it('holds a cut week to its share of the weekly obligation', () => {
    const whole = { days: 7, scheduledSeconds: 60 * 3600, weekScheduledSeconds: 60 * 3600 }
    expect(weekFallsShort(30 * 3600, 30, whole)).toBe(false)
    expect(weekFallsShort(30 * 3600 - 1, 30, whole)).toBe(true)
    // Three days that carry 30 of the week's 60 scheduled hours owe half the obligation.
    const head = { days: 3, scheduledSeconds: 30 * 3600, weekScheduledSeconds: 60 * 3600 }
    expect(weekFallsShort(15 * 3600, 30, head)).toBe(false)
    expect(weekFallsShort(15 * 3600 - 1, 30, head)).toBe(true)
    // A Monday tail when the hub never opens on Mondays owes nothing.
    expect(weekFallsShort(0, 30, { days: 1, scheduledSeconds: 0, weekScheduledSeconds: 60 * 3600 })).toBe(false)
    // No schedule at all: days count alike.
    expect(weekFallsShort(13 * 3600, 30, { days: 3, scheduledSeconds: 0, weekScheduledSeconds: 0 })).toBe(false)
    expect(weekFallsShort(12 * 3600, 30, { days: 3, scheduledSeconds: 0, weekScheduledSeconds: 0 })).toBe(true)
  })
})
