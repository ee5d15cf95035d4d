/** Time as the in-page measurements read it. */

/** Milliseconds since page start, with sub-millisecond resolution. */
export const now = (): number => performance.now()

/** Yields to the event loop for `ms`, so that timers and messages queued by a previous step run first. */
export const settle = (ms = 0): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
