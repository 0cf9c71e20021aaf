import './toast.css'
import { createRoot, createSignal, For, onCleanup, Show } from 'solid-js'
import { t } from '../i18n/index.ts'
import { returnFocus } from '../lib/focus.ts'
import { ProblemAlert } from './ProblemAlert.tsx'

/**
 * The app's one toast: messages about an action just done, in live regions present on every page (the Layout
 * mounts `<Toaster/>` once), so screen readers announce them wherever the focus is. Successes are polite
 * (role=status) and leave by themselves after a while, unless they offer an action (undo), which stays until
 * its deadline; problems are assertive (role=alert) and stay until closed. Nothing leaves while the focus or
 * the pointer is on it.
 */

interface ToastAction {
  label: string
  /** Runs the action; a thrown problem becomes an error toast. */
  run: () => Promise<void>
  /** When the action stops being possible (epoch ms): the toast leaves then. */
  until?: number
  /** The id of the control that gets the focus once the action is done (the toast itself goes). */
  focusAfter?: string
}

interface ToastItem {
  id: number
  kind: 'success' | 'error'
  message?: string
  problem?: unknown
  /** Under a problem: what it concerns ("«Corso» — 3 marzo 2027 10:00"), when the toast cannot say it otherwise. */
  about?: string
  action?: ToastAction
}

const SUCCESS_MS = 8000

const state = createRoot(() => {
  const [items, setItems] = createSignal<ToastItem[]>([])
  return { items, setItems }
})
let lastId = 0

function add(item: Omit<ToastItem, 'id'>): number {
  const id = ++lastId
  // at most three on screen: the oldest give way
  state.setItems((items) => [...items.slice(-2), { ...item, id }])
  return id
}

export const toast = {
  /** "Prenotazione annullata", with an optional action (Ripristina) offered until `action.until`. */
  success: (message: string, action?: ToastAction) => add({ kind: 'success', message, action }),
  /** A problem (an ApiProblem or any error), in words as ProblemAlert says it; `about` names what failed. */
  error: (problem: unknown, about?: string) => add({ kind: 'error', problem, about }),
  dismiss: (id: number) => state.setItems((items) => items.filter((i) => i.id !== id)),
}

/** The element of a toast, to give it the focus when the control that opened a dialog is gone. */
export function latestToast(): HTMLElement | null {
  const all = document.querySelectorAll<HTMLElement>('.sc-toast')
  return all.length > 0 ? all[all.length - 1] : null
}

function ToastView(props: { item: ToastItem }) {
  const [pending, setPending] = createSignal(false)
  let held = false
  let timer: ReturnType<typeof setTimeout> | undefined
  const schedule = (ms: number) => {
    clearTimeout(timer)
    timer = setTimeout(() => (held ? schedule(1000) : toast.dismiss(props.item.id)), ms)
  }
  if (props.item.kind === 'success') {
    const until = props.item.action?.until
    schedule(until ? Math.max(0, until - Date.now()) : SUCCESS_MS)
  }
  onCleanup(() => clearTimeout(timer))
  const run = async (action: ToastAction) => {
    setPending(true)
    try {
      await action.run()
      toast.dismiss(props.item.id)
      if (action.focusAfter) returnFocus(action.focusAfter, latestToast)
    } catch (err) {
      toast.dismiss(props.item.id)
      toast.error(err)
    } finally {
      setPending(false)
    }
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the pointer only holds the toast; nothing is activated
    <div
      class="sc-toast"
      classList={{ 'sc-toast-error': props.item.kind === 'error' }}
      tabindex="-1"
      data-toast-id={props.item.id}
      onFocusIn={() => (held = true)}
      onFocusOut={() => (held = false)}
      onMouseEnter={() => (held = true)}
      onMouseLeave={() => (held = false)}
    >
      <div class="sc-toast-body">
        <Show when={props.item.kind === 'error'} fallback={<p class="mb-0">{props.item.message}</p>}>
          <ProblemAlert problem={props.item.problem}>
            <Show when={props.item.about}>
              <p class="mb-0 small">{props.item.about}</p>
            </Show>
          </ProblemAlert>
        </Show>
      </div>
      <div class="sc-toast-actions">
        <Show when={props.item.action}>
          {(action) => (
            <button type="button" class="btn btn-sm btn-primary" disabled={pending()} aria-busy={pending()} onClick={() => run(action())}>
              {action().label}
            </button>
          )}
        </Show>
        <button type="button" class="btn btn-sm btn-link" onClick={() => toast.dismiss(props.item.id)}>
          {t('toast.close')}
        </button>
      </div>
    </div>
  )
}

/** The live regions of the toasts: mounted once, by the Layout, so they exist before any message. */
export function Toaster() {
  const of = (kind: ToastItem['kind']) => state.items().filter((i) => i.kind === kind)
  return (
    <div class="sc-toaster">
      <section role="status" aria-live="polite" aria-label={t('toast.region')} class="sc-toast-region">
        <For each={of('success')}>{(item) => <ToastView item={item} />}</For>
      </section>
      {/* each problem is a role=alert of its own (ProblemAlert), announced as it appears */}
      <section aria-label={t('toast.errors')} class="sc-toast-region">
        <For each={of('error')}>{(item) => <ToastView item={item} />}</For>
      </section>
    </div>
  )
}
