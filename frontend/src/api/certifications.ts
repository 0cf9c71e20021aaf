import { api } from './client.ts'
import type { LabType } from './types.ts'

/** Certifications that expire (CONTRACT §10, docs/certifications-checkin.md). */

export interface CertificationKind {
  id: string
  name: string
  enables: { equipmentTypeIds: string[]; labTypes: LabType[] }
  validityMonths: number | null
}

export interface KindInput {
  name: string
  enables: { equipmentTypeIds: string[]; labTypes: LabType[] }
  validityMonths: number | null
}

export interface Certificate {
  id: string
  teamId: string
  teamName: string
  kindId: string
  kindName: string
  personName: string
  userId: string | null
  obtainedOn: string
  expiresOn: string | null
  status: 'valid' | 'expiring' | 'expired'
}

export interface ExpiringCertificate extends Certificate {
  upcomingBookings: number
  renewed: boolean
}

export const getKinds = () => api.get<CertificationKind[]>('/certification-kinds')
export const createKind = (body: KindInput) => api.post<CertificationKind>('/certification-kinds', body)
export const patchKind = (id: string, body: Partial<KindInput>) => api.patch<CertificationKind>(`/certification-kinds/${id}`, body)
export const getTeamCertificates = (teamId: string) => api.get<Certificate[]>(`/teams/${encodeURIComponent(teamId)}/certifications`)
export const addCertificate = (
  teamId: string,
  body: { kindId: string; personName: string; obtainedOn: string; expiresOn?: string | null },
) => api.post<Certificate>(`/teams/${encodeURIComponent(teamId)}/certifications`, body)
export const removeCertificate = (id: string) => api.delete(`/certifications/${id}`)
export const getExpiring = (withinDays: number, includeExpired: boolean) =>
  api.get<ExpiringCertificate[]>('/certifications/expiring', { withinDays, includeExpired })
