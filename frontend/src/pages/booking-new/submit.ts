/**
 * Submission: one idempotency key per distinct request, so a double click books once. Problems the form can
 * tell show (and take the focus) before any request; the server's answer takes the focus once it comes.
 */
import { batch, createMemo, createSignal, on } from 'solid-js'
import { createBooking } from '../../api/bookings.ts'
import { isProblem } from '../../api/client.ts'
import type { BookingResult } from '../../api/types.ts'
import { createOperation } from '../../components/operation.ts'
import type { BookingFormStore } from './form-store.ts'

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`
}

/** `onConflict`: the server refused for the calendar's sake (409); the preview, which said free, is read again. */
export function createSubmit(store: BookingFormStore, onConflict?: () => void) {
  const op = createOperation()
  const [result, setResult] = createSignal<BookingResult>()
  const [showLocal, setShowLocal] = createSignal(false)
  const key = createMemo(on(store.request, () => newKey()))

  const submit = async (e: Event) => {
    e.preventDefault()
    setShowLocal(true)
    const body = store.request()
    if (store.localProblems().length || !body) {
      document.getElementById('form-problems')?.focus()
      return
    }
    const ok = await op.run(async () => setResult(await createBooking(body, key())), false)
    if (isProblem(op.problem(), 409)) onConflict?.()
    queueMicrotask(() => document.getElementById(ok ? 'booking-success' : 'submit-problem')?.focus())
  }

  /** Another booking: the same lab, team and times, a new title. */
  const reset = () => {
    batch(() => {
      setResult(undefined)
      store.setForm('title', '')
      op.reset()
      setShowLocal(false)
    })
  }

  return { submitting: op.pending, problem: op.problem, result, showLocal, submit, reset }
}

export type Submission = ReturnType<typeof createSubmit>
