import '@event-calendar/core/index.css'
import { type Calendar, createCalendar, destroyCalendar } from '@event-calendar/core'
import { createEffect, on, onCleanup, onMount } from 'solid-js'

const GRID_ROLES = '[role="table"],[role="rowgroup"],[role="row"],[role="columnheader"],[role="rowheader"],[role="cell"]'
const TABLE_ATTRS = ['aria-colindex', 'aria-rowindex', 'aria-colcount', 'aria-rowcount', 'aria-colspan', 'aria-rowspan']
const GRID_ATTRS = TABLE_ATTRS.map((a) => `[${a}]`).join(',')

/**
 * The calendar marks its grid as an ARIA table whose rows also hold toolbars, sidebars and event layers,
 * which is not a valid table for assistive technology (axe: aria-required-children). We drop the table
 * roles, so screen readers read plain text (every page also lists the same times as text), and keep events
 * as buttons only when they do something on click.
 */
function repairAria(root: HTMLElement, clickable: boolean) {
  for (const el of root.querySelectorAll(GRID_ROLES)) el.removeAttribute('role')
  for (const el of root.querySelectorAll(GRID_ATTRS)) for (const attr of TABLE_ATTRS) el.removeAttribute(attr)
  for (const el of root.querySelectorAll('nav.ec-toolbar, aside.ec-sidebar')) {
    if (el.getAttribute('role') !== 'presentation') el.setAttribute('role', 'presentation')
  }
  // A closure is a shaded band with its reason, not something to press.
  for (const el of root.querySelectorAll('.ec-event.sc-closure-event[role], .ec-event.sc-closure-event[tabindex]')) {
    el.removeAttribute('role')
    el.removeAttribute('tabindex')
  }
  if (!clickable) {
    for (const el of root.querySelectorAll('.ec-event[role="button"], .ec-event[tabindex]')) {
      el.removeAttribute('role')
      el.removeAttribute('tabindex')
    }
  }
}

/**
 * Thin wrapper of @event-calendar/core: mounted in onMount, destroyed in onCleanup; every change of
 * `options` is pushed with setOption. Import this module only from lazily loaded pages.
 */
export function EventCalendar(props: { plugins: Calendar.Plugin[]; options: Calendar.Options; class?: string; label?: string }) {
  let el: HTMLElement | undefined
  let calendar: Calendar | undefined
  let observer: MutationObserver | undefined
  onMount(() => {
    if (!el) return
    const root = el
    calendar = createCalendar(root, props.plugins, { ...props.options })
    const repair = () => repairAria(root, Boolean(props.options.eventClick))
    repair()
    observer = new MutationObserver(repair)
    observer.observe(root, { subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'tabindex', ...TABLE_ATTRS] })
  })
  createEffect(
    on(
      () => ({ ...props.options }),
      (options) => {
        if (!calendar) return
        for (const [name, value] of Object.entries(options)) {
          if (calendar.getOption(name as keyof Calendar.Options) !== value) calendar.setOption(name as keyof Calendar.Options, value)
        }
      },
      { defer: true },
    ),
  )
  onCleanup(() => {
    observer?.disconnect()
    if (calendar) void destroyCalendar(calendar)
  })
  return <section ref={el} class={props.class} aria-label={props.label} />
}
