// The job handlers of the control tests. They live apart from `control.worker.ts` so that Node
// tests can run them inline (`handlers: controlJobs`) without calling `serveJobs` in their own
// thread. Handlers report to the test through a BroadcastChannel named in their data: that
// works from a module Worker to the page in Chromium, and within one thread in Node.
import type { JobContext } from 'docket/worker'

/** What a handler reports: which job, which attempt, and what happened. */
export interface Note {
  tag: string
  id: string
  attempt: number
  event: 'started' | 'ran' | 'finished'
}

/** A message from the test to a `gate` handler. */
export interface Release {
  release: string
}

const channels = new Map<string, BroadcastChannel>()

/** One channel per name and thread; unref'd in Node so it never holds the process open. */
function channel(name: string): BroadcastChannel {
  let ch = channels.get(name)
  if (!ch) {
    ch = new BroadcastChannel(name)
    ;(ch as { unref?: () => void }).unref?.()
    channels.set(name, ch)
  }
  return ch
}

function note(data: { channel: string; tag: string }, ctx: JobContext, event: Note['event']): void {
  const message: Note = { tag: data.tag, id: ctx.id, attempt: ctx.attempt, event }
  channel(data.channel).postMessage(message)
}

/** Resolves never; rejects with the signal's reason once it aborts. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) return reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })
}

/** Resolves when the test posts `{ release: tag }`; rejects as soon as the signal aborts. */
function released(data: { channel: string; tag: string }, signal: AbortSignal): Promise<void> {
  const ch = channel(data.channel)
  let onMessage!: (event: MessageEvent) => void
  const release = new Promise<void>((resolve) => {
    onMessage = (event) => {
      if ((event.data as Partial<Release>)?.release === data.tag) resolve()
    }
    ch.addEventListener('message', onMessage)
  })
  return Promise.race([release, untilAborted(signal)]).finally(() => ch.removeEventListener('message', onMessage))
}

/** Runs of each job id in this thread, for `failsOnce`. */
const runs = new Map<string, number>()

export const controlJobs = {
  /** Returns its data. */
  echo<T>(data: T): T {
    return data
  },

  /** Notes that it ran (with the data it got), then returns its tag. */
  record(data: { channel: string; tag: string }, ctx: JobContext): string {
    note(data, ctx, 'ran')
    return data.tag
  },

  /**
   * Notes `started`, then waits for the test to release it, honouring its signal: an abort
   * rejects at once with the signal's reason. Once released it fails with `fail`, if given.
   */
  async gate(data: { channel: string; tag: string; fail?: string }, ctx: JobContext): Promise<{ tag: string; attempt: number }> {
    note(data, ctx, 'started')
    await released(data, ctx.signal)
    note(data, ctx, 'finished')
    if (data.fail !== undefined) throw new Error(data.fail)
    return { tag: data.tag, attempt: ctx.attempt }
  },

  /** Ignores its signal: notes `started`, then blocks its thread for `ms`. Only terminating its worker stops it. */
  busy(data: { channel: string; tag: string; ms: number }, ctx: JobContext): string {
    note(data, ctx, 'started')
    const end = Date.now() + data.ms
    while (Date.now() < end) {
      // Spin: a handler that never yields and never looks at its signal.
    }
    note(data, ctx, 'finished')
    return 'finished'
  },

  /** Ignores its signal without blocking: waits `ms`, then notes `finished`. */
  async ignore(data: { channel: string; tag: string; ms: number }, ctx: JobContext): Promise<string> {
    note(data, ctx, 'started')
    await new Promise((resolve) => setTimeout(resolve, data.ms))
    note(data, ctx, 'finished')
    return 'finished'
  },

  /** Attempt 1 waits until its signal aborts (a timeout) and rethrows; later attempts return their number. */
  async slowFirst(_data: Record<string, never>, ctx: JobContext): Promise<number> {
    if (ctx.attempt === 1) await untilAborted(ctx.signal)
    return ctx.attempt
  },

  /** Fails the first time this thread runs the job id, succeeds after: for `retry()` of a failed job. */
  failsOnce(_data: Record<string, never>, ctx: JobContext): { attempt: number; runs: number } {
    const n = (runs.get(ctx.id) ?? 0) + 1
    runs.set(ctx.id, n)
    if (n === 1) throw new Error('first run fails')
    return { attempt: ctx.attempt, runs: n }
  },

  /** Reports progress and writes a log row, for the job's own events. */
  async report(data: { steps: number[]; row: string }, ctx: JobContext): Promise<string> {
    for (const step of data.steps) ctx.progress(step)
    await ctx.log(data.row)
    return 'reported'
  },
}

/** The job map that types the control test queues. */
export type ControlJobs = typeof controlJobs
