import { query } from '@solidjs/router'
import { api } from './client.ts'
import type { Closure } from './types.ts'

/** Closures for the calendars: public reads of GET /closures. */

/** The closures that apply to a lab (its own, its hub's, every hub's) overlapping [from, to). */
export const getLabClosures = query(
  (labId: string, from: string, to: string) => api.get<Closure[]>('/closures', { labId, from, to, limit: 1000 }),
  'lab-closures',
)

/** Every closure overlapping [from, to) (every hub's, each hub's, each lab's): the page keeps those that concern it. */
export const getClosuresBetween = query(
  (from: string, to: string) => api.get<Closure[]>('/closures', { from, to, limit: 1000 }),
  'closures-between',
)

/**
 * One-click subscriptions to an iCalendar feed: `webcal://` (Apple Calendar and most device calendars), Google
 * Calendar's and Outlook's "add from the web" pages. The feed URL is secret: it only goes to those sites.
 */
export function subscriptionLinks(feedUrl: string, name: string) {
  const webcal = feedUrl.replace(/^https?:\/\//, 'webcal://')
  return {
    webcal,
    google: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
    outlook: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(feedUrl)}&name=${encodeURIComponent(name)}`,
  }
}
