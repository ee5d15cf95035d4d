/**
 * Pause, as stored: every queue, or some named ones. Pure functions both storages share.
 * @module
 */

/** The paused queues, as stored. */
export interface PauseState {
  all: boolean
  queues: string[]
}

/** No queue paused. */
export function noPause(): PauseState {
  return { all: false, queues: [] }
}

/** Whether jobs of `queue` may not be claimed because of pause; no queue: whether every queue is paused. */
export function isPaused(pause: PauseState, queue?: string): boolean {
  return pause.all || (queue !== undefined && pause.queues.includes(queue))
}

/** The pause state after a pause or resume. */
export function nextPauseState(pause: PauseState, queue: string | undefined, paused: boolean): PauseState {
  if (queue === undefined) return { all: paused, queues: paused ? pause.queues : [] }
  const queues = pause.queues.filter((q) => q !== queue)
  return { all: pause.all, queues: paused ? [...queues, queue] : queues }
}

