import type { z } from 'zod'
import type {
  BookingView,
  CheckedInView,
  CheckInByCodeBody,
  CheckInCodeView,
  CheckInPageView,
} from '../../../backend/features/bookings/schemas.ts'
import { api } from './client.ts'

/** Check-in: by a lab's QR code, from a booking's page, and the lab's poster (staff). Types: the server's schemas. */

/** `GET /check-in/:code`: the lab and the caller's bookings there today, each saying whether it may check in now. */
export type CheckInPage = z.output<typeof CheckInPageView>
export type CheckedIn = z.output<typeof CheckedInView>
/** A lab's check-in code, its address and the QR code as an SVG document made by the server. */
export type CheckInCode = z.output<typeof CheckInCodeView>

const enc = encodeURIComponent

export const getCheckInPage = (code: string) => api.get<CheckInPage>(`/check-in/${enc(code)}`)
export const checkInByCode = (code: string, bookingId: string) =>
  api.post<CheckedIn>(`/check-in/${enc(code)}`, { bookingId } satisfies z.input<typeof CheckInByCodeBody>)
export const checkInBooking = (id: string) => api.post<CheckedIn>(`/bookings/${enc(id)}/check-in`)
export const reinstateBooking = (id: string) => api.post<z.output<typeof BookingView>>(`/bookings/${enc(id)}/reinstate`)
export const getCheckInCode = (labId: string) => api.get<CheckInCode>(`/labs/${enc(labId)}/check-in-code`)
export const rotateCheckInCode = (labId: string) => api.post<CheckInCode>(`/labs/${enc(labId)}/check-in-code`)
