import { setImmediate } from 'node:timers/promises'

/** How long a loop may hold the event loop before it lets other requests (and /health) run. */
const SLICE_MS = 20

/**
 * A yield point for long loops over a request's data (issue 11 item 1: no request may hold the event loop
 * for more than ~50 ms). `const pause = cooperative()`, then `await pause()` in each round: it costs a
 * clock read, and once the loop has run for SLICE_MS it waits for the next turn of the event loop.
 */
export function cooperative(sliceMs = SLICE_MS): () => Promise<void> | undefined {
  let since = performance.now()
  return () => {
    if (performance.now() - since < sliceMs) return undefined
    return setImmediate().then(() => {
      since = performance.now()
    })
  }
}
