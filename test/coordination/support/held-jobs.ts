// Jobs that hold until the test lets them go, so that no test depends on a job finishing
// within some time: each run announces itself on the job's BroadcastChannel and waits there.

/** What a run says on the job's channel. */
export interface RunNotice {
  type: 'running'
  id: string
  page: string
  attempt: number
  at: number
}

/** The handlers of a page called `page`: `hold` runs until the test posts `{ type: 'release', id }`. */
export function holdHandlers(page: string) {
  return {
    hold(data: { channel: string }, ctx: { id: string; attempt: number }) {
      const channel = new BroadcastChannel(data.channel)
      return new Promise<{ page: string }>((resolve) => {
        channel.onmessage = (event: MessageEvent<{ type?: string; id?: string }>) => {
          if (event.data.type !== 'release' || event.data.id !== ctx.id) return
          channel.close()
          resolve({ page })
        }
        channel.postMessage({ type: 'running', id: ctx.id, page, attempt: ctx.attempt, at: Date.now() } satisfies RunNotice)
      })
    },
  }
}

/** The test's side of the jobs' channel: every run announced, in order, and a way to let one finish. */
export function runsOn(name: string) {
  const channel = new BroadcastChannel(name)
  const runs: RunNotice[] = []
  const waiters: Array<() => void> = []
  channel.onmessage = (event: MessageEvent<RunNotice>) => {
    if (event.data.type !== 'running') return
    runs.push(event.data)
    waiters.splice(0).forEach((wake) => wake())
  }
  return {
    name,
    runs,
    /** Resolves once `count` runs have been announced. */
    async until(count: number): Promise<RunNotice> {
      while (runs.length < count) await new Promise<void>((resolve) => waiters.push(resolve))
      return runs[count - 1]!
    },
    release(id: string): void {
      channel.postMessage({ type: 'release', id })
    },
    close(): void {
      channel.close()
    },
  }
}
