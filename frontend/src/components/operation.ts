/**
 * The one way a page writes: an operation's progress, success and problem (`OperationStatus` in kit.tsx says
 * them in words). Its own module, without the staff kit's styles, so that public pages can use it too.
 */
import { createSignal } from 'solid-js'
import { t } from '../i18n/index.ts'
import { toast } from './Toast.tsx'

/**
 * The life of one operation: in progress, done (with a message) or failed (with the problem). With
 * `{ toast: true }` the success is said by the shared toast (announced to screen readers wherever the focus
 * is) instead of a line beside the form; the problem stays beside the action, where the person is looking.
 */
export function createOperation(options: { toast?: boolean } = {}) {
  const [pending, setPending] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
  const [done, setDone] = createSignal<string>()
  return {
    pending,
    problem,
    done,
    reset() {
      setProblem(undefined)
      setDone(undefined)
    },
    /**
     * Runs `work`; returns true on success. A failure is kept to be shown, never thrown. `successMessage`
     * false: the success is told elsewhere (a toast), nothing is kept to be shown here.
     */
    async run(work: () => Promise<unknown>, successMessage?: string | false): Promise<boolean> {
      setPending(true)
      setProblem(undefined)
      setDone(undefined)
      try {
        await work()
        const message = successMessage === false ? undefined : (successMessage ?? t('common.done'))
        if (message && options.toast) toast.success(message)
        else if (message) setDone(message)
        return true
      } catch (err) {
        setProblem(err)
        return false
      } finally {
        setPending(false)
      }
    },
    setDone,
    setProblem,
  }
}
export type Operation = ReturnType<typeof createOperation>
