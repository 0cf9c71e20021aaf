import type { Me } from '../api/types.ts'
import type { TKey } from '../i18n/index.ts'

export interface NavItem {
  href: string
  label: TKey
  /** Who sees the link: 'all' (also signed out) or the roles listed. */
  show: 'all' | Me['role'][]
  /** Match only the exact path (for "/"). */
  end?: boolean
  /** A number beside the link: the booking requests waiting for approval. */
  badge?: 'pendingApprovals'
}

/** The main navigation, by role. Staff pages add themselves here. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'nav.catalogue', show: 'all', end: true },
  { href: '/find', label: 'nav.find', show: 'all' },
  { href: '/calls', label: 'calls.nav', show: 'all' },
  { href: '/applications', label: 'calls.myApplications', show: ['member', 'admin', 'evaluator'] },
  { href: '/bookings', label: 'nav.bookings', show: ['member', 'admin', 'operator'], end: true },
  { href: '/bookings/new', label: 'nav.newBooking', show: ['member', 'admin', 'operator'] },
  { href: '/operator', label: 'nav.operator', show: ['operator', 'admin'], badge: 'pendingApprovals' },
  { href: '/reports', label: 'nav.reports', show: ['admin', 'operator'] },
  { href: '/progress-reports', label: 'outcomes.nav.reports', show: ['member', 'admin', 'operator'] },
  { href: '/certifications', label: 'certs.nav', show: ['member', 'admin', 'operator'] },
  { href: '/programme', label: 'outcomes.nav.programme', show: ['admin', 'operator'] },
  { href: '/admin', label: 'nav.admin', show: ['admin'] },
  { href: '/trasparenza', label: 'outcomes.nav.transparency', show: 'all' },
]

export function navFor(me: Me | null | undefined): NavItem[] {
  return NAV_ITEMS.filter((item) => item.show === 'all' || (me && item.show.includes(me.role)))
}
