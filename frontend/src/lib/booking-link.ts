/** The booking form, opened on a lab, a day and times (the form reads them from its query). */
export function bookingFormHref(slot: { labId?: string; date: string; start: string; end: string }): string {
  const q = new URLSearchParams({ ...(slot.labId ? { labId: slot.labId } : {}), date: slot.date, start: slot.start, end: slot.end })
  return `/bookings/new?${q.toString()}`
}
