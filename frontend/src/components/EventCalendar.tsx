import '@event-calendar/core/index.css'
import { type Calendar, createCalendar, destroyCalendar } from '@event-calendar/core'
import { createEffect, on, onCleanup, onMount } from 'solid-js'

/**
 * Thin wrapper of @event-calendar/core: mounted in onMount, destroyed in onCleanup; every change of
 * `options` is pushed with setOption. Import this module only from lazily loaded pages.
 */
export function EventCalendar(props: { plugins: Calendar.Plugin[]; options: Calendar.Options; class?: string; label?: string }) {
  let el: HTMLElement | undefined
  let calendar: Calendar | undefined
  onMount(() => {
    if (el) calendar = createCalendar(el, props.plugins, { ...props.options })
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
    if (calendar) void destroyCalendar(calendar)
  })
  return <section ref={el} class={props.class} aria-label={props.label} />
}
