/**
 * Whether the runtime reports that it is online. Where it has no notion of online
 * (`navigator.onLine` absent: Node, some edge runtimes) it counts as online.
 */
export function isOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: unknown } }).navigator
  return typeof nav?.onLine === 'boolean' ? nav.onLine : true
}

/** Calls `fn` when the runtime comes back online; returns the unsubscribe. No polling. */
export function watchOnline(fn: () => void): () => void {
  const target = globalThis as { addEventListener?: EventTarget['addEventListener']; removeEventListener?: EventTarget['removeEventListener'] }
  if (typeof target.addEventListener !== 'function') return () => {}
  target.addEventListener('online', fn)
  return () => target.removeEventListener?.('online', fn)
}
