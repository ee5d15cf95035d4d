/**
 * Lets a timer or a Node worker stop holding the process open, where the runtime can (Node,
 * Deno, Bun): a script that forgets `queue.close()` still exits once no job runs. Browsers have
 * no such notion, and these calls do nothing there.
 */
export function unref<T>(handle: T): T {
  ;(handle as { unref?: () => void } | undefined)?.unref?.()
  return handle
}

/** Lets a Node worker hold the process open again while it runs a job. */
export function ref<T>(handle: T): T {
  ;(handle as { ref?: () => void } | undefined)?.ref?.()
  return handle
}
