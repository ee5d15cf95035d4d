/**
 * A barrier across tabs, for handlers in their workers: `meetPages(n)` resolves once workers of
 * `n` different pages have called it for the same database. Each worker says hello on a
 * channel of the database; every worker that hears a hello answers with its own page, so a
 * worker that starts late still learns of the pages that came before it.
 */
interface Hello {
  page: string
  /** Whether the sender is new and wants to hear who is there. */
  hello: boolean
}

const pages = new Set<string>()
const waiters: Array<{ count: number; resolve(): void }> = []
let channel: BroadcastChannel | undefined

function heard(page: string): void {
  pages.add(page)
  for (const waiter of [...waiters]) {
    if (pages.size < waiter.count) continue
    waiters.splice(waiters.indexOf(waiter), 1)
    waiter.resolve()
  }
}

/** Resolves once workers of `count` pages (this one's included) met on database `db`. */
export function meetPages(db: string, page: string, count: number): Promise<void> {
  if (!channel) {
    const opened = new BroadcastChannel(`faults-meet-${db}`)
    opened.onmessage = (event: MessageEvent<Hello>) => {
      heard(event.data.page)
      if (event.data.hello) opened.postMessage({ page, hello: false } satisfies Hello)
    }
    opened.postMessage({ page, hello: true } satisfies Hello)
    channel = opened
  }
  const met = new Promise<void>((resolve) => waiters.push({ count, resolve }))
  heard(page)
  return met
}
