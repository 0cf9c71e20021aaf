import type { BookingView } from '../../../backend/features/bookings/views.ts'
import { api } from './client.ts'

/** Check-in: by a lab's QR code, from a booking's page, and the lab's poster (staff). */

export interface CheckInLab {
  id: string
  name: string
  hubName: string
  checkInRequired: boolean
}

export interface CheckInPage {
  lab: CheckInLab
  bookings: Array<BookingView & { canCheckInNow: boolean }>
}

export interface CheckedIn {
  bookingId: string
  checkedInAt: string
}

export interface CheckInCode {
  labId: string
  labName: string
  hubName: string
  checkInRequired: boolean
  code: string
  url: string
  /** The QR code as an SVG document, made by the server. */
  svg: string
}

const enc = encodeURIComponent

export const getCheckInPage = (code: string) => api.get<CheckInPage>(`/check-in/${enc(code)}`)
export const checkInByCode = (code: string, bookingId: string) => api.post<CheckedIn>(`/check-in/${enc(code)}`, { bookingId })
export const checkInBooking = (id: string) => api.post<CheckedIn>(`/bookings/${enc(id)}/check-in`)
export const reinstateBooking = (id: string) => api.post<BookingView>(`/bookings/${enc(id)}/reinstate`)
export const getCheckInCode = (labId: string) => api.get<CheckInCode>(`/labs/${enc(labId)}/check-in-code`)
export const rotateCheckInCode = (labId: string) => api.post<CheckInCode>(`/labs/${enc(labId)}/check-in-code`)
