// A page that runs its own queue (inline handlers) for the network tests: requiresNetwork
// jobs, and jobs whose request fails while the browser is offline.
import { createQueue, indexedDBStorage, type JobContext } from 'docket'

let openGate: () => void = () => {}
const gate = new Promise<void>((resolve) => (openGate = resolve))

async function request(): Promise<number> {
  return (await fetch('/test/e2e/sw/network.html', { cache: 'no-store' })).status
}

const handlers = {
  request,
  local: (data: { n: number }) => data.n,
  /** Waits for the test to open the gate, then makes its request. */
  async gated(_data: null, ctx: JobContext) {
    if (ctx.attempt === 1) await gate
    return request()
  },
}
const queue = createQueue({ storage: indexedDBStorage({ name: 'network-e2e' }), handlers })

const seen: Array<{ event: string; id: string }> = []
const listeners = new Set<() => void>()
for (const event of ['active', 'completed', 'failed', 'retrying'] as const) {
  queue.on(event, ({ job }: { job: { id: string } }) => {
    seen.push({ event, id: job.id })
    for (const fn of listeners) fn()
  })
}

const api = {
  async add(name: keyof typeof handlers, data: unknown, options?: Record<string, unknown>): Promise<string> {
    return (await queue.add(name, data as never, options)).id
  },
  async job(id: string) {
    const job = (await queue.get(id))!
    return { state: job.state, attempts: job.attempts, result: job.result, errors: job.errors.map((e) => ({ name: e.name, at: e.at })) }
  },
  /** Resolves once `event` of job `id` happened here. */
  event(event: string, id: string): Promise<void> {
    return new Promise((resolve) => {
      const check = (): void => {
        if (!seen.some((e) => e.event === event && e.id === id)) return
        listeners.delete(check)
        resolve()
      }
      listeners.add(check)
      check()
    })
  },
  /** Resolves once job `id` has settled, whichever way. */
  async settled(id: string): Promise<void> {
    await (await queue.get(id))!.waitForResult().catch(() => undefined)
  },
  open: () => openGate(),
}

;(globalThis as { networkTest?: typeof api }).networkTest = api
export type NetworkApi = typeof api
