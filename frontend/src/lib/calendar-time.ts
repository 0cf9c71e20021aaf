/**
 * The wall-clock time of a date the calendar library gives back (select, dateClick, selectConstraint), as
 * `YYYY-MM-DDTHH:mm`. The library hands its callbacks dates whose *local* fields hold the calendar's time,
 * whatever its `timeZone`: reading them in UTC (`toISOString()`) shifts every chosen time by the browser's
 * offset (an hour in Milan in winter, so a drag over 10:00 chose 09:00, or nothing when 09:00 was not free).
 */
export function calendarWall(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`
}
