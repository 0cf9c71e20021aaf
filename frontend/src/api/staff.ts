/**
 * API of the staff pages (/operator, /reports, /admin): the resources they read and write, as the contract
 * (docs/api.md, the contract's §3) describes them, plus the fields the server adds. Reads go through the router's
 * `query()` cache so that `revalidate()` after a change refreshes every list showing the data.
 */
import { query } from '@solidjs/router'
import type { z } from 'zod'
import type { MailboxEntry, MailboxMessageView, OutboxMessageView } from '../../../backend/features/admin/schemas.ts'
import type { ApproveBody, AttendanceBody, BookingsQuery, RejectBody } from '../../../backend/features/bookings/schemas.ts'
import type { AreaBody, HubBody, HubPatch, LabBody, LabPatch } from '../../../backend/features/catalogue/schemas.ts'
import type { ClosureBody, ClosureCreated } from '../../../backend/features/closures/schemas.ts'
import type { ConcessionBody, ConcessionPatch, OperatorBody, OperatorPatch } from '../../../backend/features/concessions/schemas.ts'
import type { CheckinBody, CheckoutBody } from '../../../backend/features/equipment/loans.ts'
import type { MaintenanceBody, MaintenancePatch, MaintenanceView } from '../../../backend/features/equipment/maintenance.ts'
import type {
  AssetBody,
  AssetPatch,
  ChangedAssetView,
  CreatedWindowView,
  LoanView,
  TypeBody,
} from '../../../backend/features/equipment/schemas.ts'
import type { GrantBody } from '../../../backend/features/grants/schemas.ts'
import type { AttendanceView } from '../../../backend/features/reports/attendance-report.ts'
import type { ConcessionCompliance } from '../../../backend/features/reports/concessions-report.ts'
import type { GrantReportRow } from '../../../backend/features/reports/grants-report.ts'
import type { HeatmapReport } from '../../../backend/features/reports/heatmap-report.ts'
import type {
  AttendanceQuery,
  ConcessionsQuery,
  GrantsQuery,
  HeatmapQuery,
  UtilisationQuery,
} from '../../../backend/features/reports/schemas.ts'
import type { UtilisationReport, UtilisationRow } from '../../../backend/features/reports/utilisation-report.ts'
import type { MemberBody, TeamBody, TeamMemberView, TeamPatch } from '../../../backend/features/teams/schemas.ts'
import type { CreateUserBody, UpdateUserBody, UserView } from '../../../backend/features/users/schemas.ts'
import type { paginationQuery } from '../../../backend/http/validation.ts'
import { ApiProblem, api, apiHeaders, apiUrl, type Query } from './client.ts'
import type {
  Area,
  Booking,
  Closure,
  Concession,
  EquipmentAsset,
  EquipmentType,
  Grant,
  Hub,
  Lab,
  OpeningHours,
  Operator,
  Team,
} from './types.ts'

// ---------------------------------------------------------------------------------------------------------
// Types the staff pages need beyond api/types.ts

/** A booking as staff read it: the server's booking, with its lab, hub and team names. */
export type StaffBooking = Booking

// The report shapes are the server's own (type-only imports: nothing of the server reaches the bundle).
export type { ConcessionCompliance, GrantReportRow, HeatmapReport, UtilisationReport, UtilisationRow }

/** A concession as the operator's pages read it; without `inForce`, its status and dates decide (managed-hubs.ts). */
export type ConcessionView = Omit<Concession, 'inForce'> & { inForce?: boolean }

/** `POST /teams/:id/grants`: the server's request schema. */
export type GrantRequest = z.input<typeof GrantBody>

/** An account as admins read it (`GET /users`): the server's UserView. */
export type UserAccount = z.output<typeof UserView>

export type TeamMember = z.output<typeof TeamMemberView>

/** A maintenance window of an asset (in progress or coming). */
export type MaintenanceWindow = z.output<typeof MaintenanceView>

export type AssetCondition = EquipmentAsset['condition']
export const ASSET_CONDITIONS = ['new', 'good', 'fair', 'worn', 'damaged', 'needs_repair'] as const satisfies readonly AssetCondition[]

/** An asset as staff read it: with its type's name, hub, open loan (null when in the lab) and maintenance windows. */
export type StaffAsset = EquipmentAsset

/** A message of the email outbox (admin). */
export type OutboxMessage = z.output<typeof OutboxMessageView>

/** A message of the demo mailbox (emails written as files instead of sent): in the list, and read one by one. */
export type MailboxMessage = z.output<typeof MailboxEntry> & Partial<z.output<typeof MailboxMessageView>>

// ---------------------------------------------------------------------------------------------------------
// Pages of a list (`?limit=&offset=` with X-Total-Count)

/** A page of a list: its items, the list's X-Total-Count, and the server's `limit` and `offset` (paginationQuery). */
export type ListPage<T> = { items: T[]; total: number } & {
  [K in keyof typeof paginationQuery]: z.output<(typeof paginationQuery)[K]>
}

/** GET of a paged list: the array and its X-Total-Count (the items' count when the header is missing). */
export async function getPage<T>(path: string, q: Query & { limit: number; offset?: number }): Promise<ListPage<T>> {
  let res: Response
  try {
    res = await fetch(apiUrl(path, q), { credentials: 'same-origin', headers: apiHeaders() })
  } catch {
    throw new ApiProblem(0, { title: 'Network error', detail: '' })
  }
  const text = await res.text()
  let body: unknown = null
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    body = null
  }
  if (!res.ok)
    throw new ApiProblem(res.status, body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {})
  const items = Array.isArray(body) ? (body as T[]) : []
  const header = Number(res.headers.get('X-Total-Count'))
  const offset = q.offset ?? 0
  return { items, total: Number.isFinite(header) && header > 0 ? header : offset + items.length, offset, limit: q.limit }
}

/** Every page of a list, up to `max` items (lists the staff pages aggregate: bookings of a week or a month). */
export async function getAll<T>(path: string, q: Query, max = 5000): Promise<{ items: T[]; total: number }> {
  const items: T[] = []
  let total = 0
  for (let offset = 0; offset < max; offset += 1000) {
    const page = await getPage<T>(path, { ...q, limit: 1000, offset })
    items.push(...page.items)
    total = page.total
    if (page.items.length < 1000 || items.length >= total) break
  }
  return { items, total: Math.max(total, items.length) }
}

const listPageQuery = query((path: string, q: Query & { limit: number; offset: number }) => getPage<unknown>(path, q), 'staff-list-page')

/** One page of any list, cached by path and query: `revalidate(listPage.key)` refreshes them all. */
export const listPage = Object.assign(
  <T>(path: string, q: Query & { limit: number; offset: number }) => listPageQuery(path, q) as Promise<ListPage<T>>,
  { key: listPageQuery.key },
)

// ---------------------------------------------------------------------------------------------------------
// Reads

export const getConcessions = query(() => api.get<Concession[]>('/concessions', { limit: 1000 }), 'staff-concessions')
export const getOperators = query(() => api.get<Operator[]>('/operators', { limit: 1000 }), 'staff-operators')
export const getHubLabs = query((hubId: string) => api.get<Lab[]>('/labs', { hubId, limit: 1000 }), 'staff-hub-labs')
export const getHubOpeningHours = query(
  (hubId: string) => api.get<OpeningHours[]>(`/hubs/${encodeURIComponent(hubId)}/opening-hours`),
  'staff-opening-hours',
)
export const getTeamsLookup = query(async () => {
  try {
    return (await getAll<Team>('/teams', {}, 5000)).items
  } catch {
    // Operators may not read every team: the pages then show bookings without team names.
    return [] as Team[]
  }
}, 'staff-teams-lookup')

/** `GET /bookings`'s filters (the server's query schema; from/to as local `YYYY-MM-DDTHH:mm` in the hub's zone). */
export type BookingFilter = Omit<z.input<typeof BookingsQuery>, 'limit' | 'offset'>

export const getBookings = query((f: BookingFilter) => getAll<StaffBooking>('/bookings', { ...f }), 'staff-bookings')
export const getClosures = query(
  (hubId: string, from: string) => api.get<Closure[]>('/closures', { hubId, from, limit: 1000 }),
  'staff-closures',
)
export const getEquipmentTypesList = query(() => api.get<EquipmentType[]>('/equipment-types', { limit: 1000 }), 'staff-equipment-types')
export const getHubEquipment = query(
  (hubId: string, labId?: string) => api.get<StaffAsset[]>('/equipment', { hubId, labId, limit: 1000 }),
  'staff-equipment',
)

/** A report's query parameters as the server's query schema reads them (JSON: `format` is the CSV link's, csvUrl). */
type ReportQuery<T extends z.ZodType> = Omit<z.input<T>, 'format'>

export const getUtilisation = query(
  (q: ReportQuery<typeof UtilisationQuery>) => api.get<UtilisationReport>('/reports/utilisation', q),
  'staff-utilisation',
)
export const getConcessionsReport = query(
  (q: ReportQuery<typeof ConcessionsQuery>) => api.get<ConcessionCompliance[]>('/reports/concessions', q),
  'staff-concessions-report',
)
/** Check-ins and no-shows by lab or team (`GET /reports/attendance`, docs/certifications-checkin.md). */
export type AttendanceReport = z.output<typeof AttendanceView>
export type AttendanceRow = AttendanceReport['rows'][number]
export const getAttendance = query(
  (q: ReportQuery<typeof AttendanceQuery>) => api.get<AttendanceReport>('/reports/attendance', q),
  'staff-attendance',
)

/** Booked hours by weekday (row 0 = Monday) and wall-clock hour, from the usage roll-up (docs/reports.md). */
export const getHeatmap = query((q: ReportQuery<typeof HeatmapQuery>) => api.get<HeatmapReport>('/reports/heatmap', q), 'staff-heatmap')
export const getGrantsReport = query(
  (q: ReportQuery<typeof GrantsQuery>) => api.get<GrantReportRow[]>('/reports/grants', q),
  'staff-grants-report',
)

export const getTeamMembers = query(
  (teamId: string) => api.get<TeamMember[]>(`/teams/${encodeURIComponent(teamId)}/members`),
  'staff-team-members',
)
export const getTeamGrants = query((teamId: string) => api.get<Grant[]>(`/teams/${encodeURIComponent(teamId)}/grants`), 'staff-team-grants')
export const getMailboxMessage = query(
  (id: string) => api.get<MailboxMessage>(`/admin/mailbox/${encodeURIComponent(id)}`),
  'staff-mailbox-message',
)

/** Link of a report as CSV (`?format=csv`), with the same filters as on screen. */
export function csvUrl(path: string, q: Query): string {
  return apiUrl(path, { ...q, format: 'csv' })
}

// ---------------------------------------------------------------------------------------------------------
// Writes

const id = (value: string) => encodeURIComponent(value)

/** A request body as the server's request schema reads it (defaults and nulls optional). */
type Body<T extends z.ZodType> = z.input<T>

export const staffApi = {
  approve: (bookingId: string) =>
    api.post<StaffBooking>(`/bookings/${id(bookingId)}/approve`, { scope: 'occurrence' } satisfies Body<typeof ApproveBody>),
  reject: (bookingId: string, reason: string) =>
    api.post<StaffBooking>(`/bookings/${id(bookingId)}/reject`, { scope: 'occurrence', reason } satisfies Body<typeof RejectBody>),
  attendance: (bookingId: string, participants: number, categories?: Record<string, number>) =>
    api.post<StaffBooking>(`/bookings/${id(bookingId)}/attendance`, {
      participants,
      ...(categories ? { categories } : {}),
    } satisfies Body<typeof AttendanceBody>),
  noShow: (bookingId: string) => api.post<StaffBooking>(`/bookings/${id(bookingId)}/no-show`),

  createClosure: (body: Omit<Body<typeof ClosureBody>, 'onlyFreeLabs'>) => api.post<Closure>('/closures', body),
  /** A hub closure that spares the booked labs: each free lab is closed, the booked ones are listed as left open. */
  createClosureOfFreeLabs: (body: Omit<Body<typeof ClosureBody>, 'onlyFreeLabs' | 'cancelAffected'>) =>
    api.post<Extract<z.output<typeof ClosureCreated>, { closures: unknown }>>('/closures', { ...body, onlyFreeLabs: true }),
  deleteClosure: (closureId: string) => api.delete(`/closures/${id(closureId)}`),
  putOpeningHours: (hubId: string, hours: OpeningHours[]) => api.put<OpeningHours[]>(`/hubs/${id(hubId)}/opening-hours`, hours),

  maintenance: (assetId: string, body: Body<typeof MaintenanceBody>) =>
    api.post<z.output<typeof CreatedWindowView>>(`/equipment/${id(assetId)}/maintenance`, body),
  updateMaintenance: (assetId: string, windowId: string, body: Body<typeof MaintenancePatch>) =>
    api.patch<MaintenanceWindow>(`/equipment/${id(assetId)}/maintenance/${id(windowId)}`, body),
  deleteMaintenance: (assetId: string, windowId: string) => api.delete(`/equipment/${id(assetId)}/maintenance/${id(windowId)}`),
  checkout: (assetId: string, body: Body<typeof CheckoutBody>) =>
    api.post<z.output<typeof LoanView>>(`/equipment/${id(assetId)}/checkout`, body),
  checkin: (assetId: string, body: Body<typeof CheckinBody>) => api.post(`/equipment/${id(assetId)}/checkin`, body),

  createArea: (body: Body<typeof AreaBody>) => api.post<Area>('/areas', body),
  createHub: (body: Body<typeof HubBody>) => api.post<Hub>('/hubs', body),
  updateHub: (hubId: string, body: Body<typeof HubPatch>) => api.patch<Hub>(`/hubs/${id(hubId)}`, body),
  createLab: (body: Body<typeof LabBody>) => api.post<Lab>('/labs', body),
  updateLab: (labId: string, body: Body<typeof LabPatch>) => api.patch<Lab>(`/labs/${id(labId)}`, body),
  createOperator: (body: Body<typeof OperatorBody>) => api.post<Operator>('/operators', body),
  updateOperator: (operatorId: string, body: Body<typeof OperatorPatch>) => api.patch<Operator>(`/operators/${id(operatorId)}`, body),
  createConcession: (body: Body<typeof ConcessionBody>) => api.post<Concession>('/concessions', body),
  updateConcession: (concessionId: string, body: Body<typeof ConcessionPatch>) =>
    api.patch<Concession>(`/concessions/${id(concessionId)}`, body),
  createTeam: (body: Body<typeof TeamBody>) => api.post<Team>('/teams', body),
  updateTeam: (teamId: string, body: Body<typeof TeamPatch>) => api.patch<Team>(`/teams/${id(teamId)}`, body),
  addMember: (teamId: string, body: Body<typeof MemberBody>) => api.post<TeamMember>(`/teams/${id(teamId)}/members`, body),
  createGrant: (teamId: string, body: GrantRequest) => api.post<Grant>(`/teams/${id(teamId)}/grants`, body),
  createUser: (body: Body<typeof CreateUserBody>) => api.post<UserAccount>('/users', body),
  createEquipmentType: (body: Body<typeof TypeBody>) => api.post<EquipmentType>('/equipment-types', body),
  createAsset: (body: Body<typeof AssetBody>) => api.post<EquipmentAsset>('/equipment', body),
  updateAsset: (assetId: string, body: Body<typeof AssetPatch>) =>
    api.patch<z.output<typeof ChangedAssetView>>(`/equipment/${id(assetId)}`, body),
  updateUser: (userId: string, body: Body<typeof UpdateUserBody>) => api.patch<UserAccount>(`/users/${id(userId)}`, body),
  resendOutbox: (messageId: string) => api.post<OutboxMessage>(`/admin/outbox/${id(messageId)}/resend`),
}
