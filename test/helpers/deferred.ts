/**
 * A promise and the function that fulfils it, for tests that make two transactions take turns at chosen points
 * (Node 20 has no Promise.withResolvers).
 */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((fulfil) => {
    resolve = fulfil
  })
  return { promise, resolve }
}
