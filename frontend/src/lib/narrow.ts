import { createSignal, onCleanup } from 'solid-js'

/** Phone widths: below Bootstrap's `sm` breakpoint (576 px), as in styles.css. */
const PHONE = '(max-width: 575.98px)'

/** True while the window is phone-wide; follows resizes and rotations. Call inside a component. */
export function createNarrow(): () => boolean {
  const query = typeof window === 'undefined' ? undefined : window.matchMedia(PHONE)
  const [narrow, setNarrow] = createSignal(query?.matches ?? false)
  const update = () => setNarrow(query?.matches ?? false)
  query?.addEventListener('change', update)
  onCleanup(() => query?.removeEventListener('change', update))
  return narrow
}
