/**
 * Gives the focus back to the control that opened a dialog (WCAG 2.4.3), even when the list it sits in is
 * drawn again after the action: the control is found again by its id (a stable one, built from the row's
 * key: `bk-cancel-<bookingId>`). For a short while it keeps watching: if the page replaces the control (the
 * list re-rendered once the data came back), the new one gets the focus; if the control never comes back
 * (the action removed it: a cancelled booking has no "Annulla"), `fallback` gets it (the toast telling what
 * happened, or the page's main region).
 */
export function returnFocus(to: HTMLElement | string | null, fallback?: () => HTMLElement | null, watchMs = 10_000): void {
  const opener = typeof to === 'string' ? null : to
  const id = (typeof to === 'string' ? to : to?.id) || undefined
  const find = () => (opener?.isConnected ? opener : id ? document.getElementById(id) : null)
  const deadline = performance.now() + watchMs
  // still in the closing dialog, on <body>, or on an element the page removed
  const lost = () => {
    const active = document.activeElement
    return !active || active === document.body || !active.isConnected || active.closest('[role="dialog"]') !== null
  }
  let target: HTMLElement | null = null
  let lostSince: number | null = null
  const tryFocus = () => {
    const found = find()
    if (found && document.activeElement !== found) {
      target = found
      found.focus()
    }
  }
  tryFocus()
  const step = () => {
    // the person (or the page, on purpose) moved the focus elsewhere: stop watching
    if (!lost() && document.activeElement !== target) return
    if (lost()) tryFocus()
    if (!lost()) lostSince = null
    else {
      // the control is gone and has not come back for a moment (longer when only its id is known: it comes
      // with the data being read again): the fallback gets the focus
      lostSince ??= performance.now()
      if (performance.now() - lostSince > (opener ? 400 : 3000)) {
        ;(fallback?.() ?? document.getElementById('main'))?.focus()
        return
      }
    }
    if (performance.now() < deadline) requestAnimationFrame(step)
  }
  requestAnimationFrame(step)
}
