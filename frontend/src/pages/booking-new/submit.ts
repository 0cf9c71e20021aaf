/**
 * Submission: one idempotency key per distinct request, so a double click books once. Problems the form can
 * tell show (and take the focus) before any request; the server's answer takes the focus once it comes.
 */
import { batch, createMemo, createSignal, on } from 'solid-js'
import { createBooking } from '../../api/bookings.ts'
import type { BookingResult } from '../../api/types.ts'
import type { BookingFormStore } from './form-store.ts'

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`
}

export function createSubmit(store: BookingFormStore) {
  const [submitting, setSubmitting] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
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
    setSubmitting(true)
    setProblem(undefined)
    try {
      setResult(await createBooking(body, key()))
      queueMicrotask(() => document.getElementById('booking-success')?.focus())
    } catch (err) {
      setProblem(err)
      queueMicrotask(() => document.getElementById('submit-problem')?.focus())
    } finally {
      setSubmitting(false)
    }
  }

  /** Another booking: the same lab, team and times, a new title. */
  const reset = () => {
    batch(() => {
      setResult(undefined)
      store.setForm('title', '')
      setProblem(undefined)
      setShowLocal(false)
    })
  }

  return { submitting, problem, result, showLocal, submit, reset }
}

export type Submission = ReturnType<typeof createSubmit>
