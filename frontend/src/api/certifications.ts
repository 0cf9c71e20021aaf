import type { z } from 'zod'
import type {
  CertificateView,
  CertificationBody,
  ExpiringView,
  KindBody,
  KindPatch,
  KindView,
} from '../../../backend/features/certifications/schemas.ts'
import { api } from './client.ts'

/** Certifications that expire (CONTRACT §10, docs/certifications-checkin.md). */

/** A kind: what it enables, and for how long a certificate is valid. */
export type CertificationKind = z.output<typeof KindView>
/** What the Comune writes when creating a kind (`enables` and `validityMonths` optional). */
export type KindInput = z.input<typeof KindBody>
/** A team's certificate, with its status as of today in Rome. */
export type Certificate = z.output<typeof CertificateView>
/** A certificate about to lapse, with the upcoming bookings that need it and whether it was renewed. */
export type ExpiringCertificate = z.output<typeof ExpiringView>

export const getKinds = () => api.get<CertificationKind[]>('/certification-kinds')
export const createKind = (body: KindInput) => api.post<CertificationKind>('/certification-kinds', body)
export const patchKind = (id: string, body: z.input<typeof KindPatch>) => api.patch<CertificationKind>(`/certification-kinds/${id}`, body)
export const getTeamCertificates = (teamId: string) => api.get<Certificate[]>(`/teams/${encodeURIComponent(teamId)}/certifications`)
export const addCertificate = (teamId: string, body: z.input<typeof CertificationBody>) =>
  api.post<Certificate>(`/teams/${encodeURIComponent(teamId)}/certifications`, body)
export const removeCertificate = (id: string) => api.delete(`/certifications/${id}`)
export const getExpiring = (withinDays: number, includeExpired: boolean) =>
  api.get<ExpiringCertificate[]>('/certifications/expiring', { withinDays, includeExpired })
