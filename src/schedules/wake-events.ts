/**
 * Calls `fn` when this context may have slept through slots: the page shows again
 * (`visibilitychange`, `pageshow`), the network returns, or a service worker gets a
 * `periodicsync` (where Periodic Background Sync exists; the event waits for `fn`).
 * Returns the unsubscribe. Nothing is read at import time.
 */
export function watchWakes(fn: () => Promise<void>): () => void {
  type Target = { addEventListener?: EventTarget['addEventListener']; removeEventListener?: EventTarget['removeEventListener'] }
  const scope = globalThis as Target & { document?: Target & { visibilityState?: string } }
  const unsubscribe: Array<() => void> = []
  const listen = (target: Target | undefined, type: string, listener: (event: Event) => void): void => {
    if (typeof target?.addEventListener !== 'function') return
    target.addEventListener(type, listener)
    unsubscribe.push(() => target.removeEventListener?.(type, listener))
  }
  const wake = (): void => void fn()
  listen(scope.document, 'visibilitychange', () => {
    if (scope.document?.visibilityState !== 'hidden') wake()
  })
  listen(scope, 'pageshow', wake)
  listen(scope, 'online', wake)
  listen(scope, 'periodicsync', (event) => (event as Event & { waitUntil?(promise: Promise<unknown>): void }).waitUntil?.(fn()))
  return () => unsubscribe.splice(0).forEach((stop) => stop())
}
