/**
 * A read the page shows and reads again after a change, without going back to «Caricamento in corso…».
 *
 * The first read suspends like any other (the nearest AsyncBoundary shows its spinner); `reload()` asks the
 * server again and puts the answer in place of the old one only when it has arrived, so the page stays
 * mounted meanwhile: the form keeps its nodes, what is being typed, the focus and the scroll. `set()` puts an
 * answer the server already gave (a save's) in place without asking again. A new source (another id) is a
 * new read: that one suspends.
 *
 * The value is a store reconciled by `id`: a list read again keeps each item that is still there (its node,
 * the state of the components drawn for it — a message, a field), a record keeps its object and only the
 * fields that changed are redrawn.
 */
import { type Accessor, createResource, type Setter, untrack } from 'solid-js'
import { createStore, reconcile, unwrap } from 'solid-js/store'

export interface Reloadable<T> {
  /** The value: undefined before the first answer (read under an AsyncBoundary, which waits for it). */
  (): T | undefined
  /** Reads it again; resolves once the new value is in place. A failure is thrown, and the old value stays. */
  reload: () => Promise<void>
  /** Puts a value the server answered in place. */
  set: (value: T) => void
}

/** The resource's storage: a store whose value is reconciled by `id` (a copy: the answer given stays as it is). */
function reconciled<T>(init: T | undefined): [Accessor<T | undefined>, Setter<T | undefined>] {
  const [store, setStore] = createStore<{ value: T | undefined }>({ value: init === undefined ? init : structuredClone(init) })
  const set = (next: unknown) => {
    const value = typeof next === 'function' ? next(unwrap(store.value)) : next
    setStore('value', reconcile(value === undefined ? value : structuredClone(value), { key: 'id' }))
    return store.value
  }
  return [() => store.value, set as Setter<T | undefined>]
}

export function createReloadable<S, T>(source: Accessor<S | undefined | null | false>, fetch: (source: S) => Promise<T>): Reloadable<T> {
  const [value, { mutate }] = createResource(source, (s) => fetch(s), { storage: reconciled })
  // only the last reload's answer is put in place (an earlier one arriving late is older)
  let generation = 0
  const read = (() => value()) as Reloadable<T>
  read.reload = async () => {
    const s = untrack(source)
    if (s === undefined || s === null || s === false) return
    const mine = ++generation
    const next = await fetch(s)
    if (mine === generation && untrack(source) === s) mutate(() => next)
  }
  read.set = (next) => {
    generation++
    mutate(() => next)
  }
  return read
}
