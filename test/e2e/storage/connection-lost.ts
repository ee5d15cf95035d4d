/**
 * A page whose IndexedDB server goes away under it (WebKit's network process killed, as iOS
 * does to pages in the background). WebDriver's session dies with that process, so the page
 * speaks for itself: it sends reports to the test server (`/__report`).
 */
import { createQueue, indexedDBStorage } from 'docket'

const params = new URLSearchParams(location.search)
const name = params.get('db') ?? 'connection-lost'
const queue = createQueue({
  storage: indexedDBStorage({ name }),
  handlers: { double: (data: { n: number }) => data.n * 2 },
})
const errors: string[] = []
queue.on('error', ({ error }) => errors.push(`${error.name}: ${error.message}`))

/** One job through the queue: add, run, settle. */
async function roundTrip(n: number): Promise<unknown> {
  const job = await queue.add('double', { n })
  return job.waitForResult()
}

/**
 * Sends a report; a send that fails while WebKit brings its network process back is tried
 * again (the page's script is the only one left to speak: WebDriver's session is gone).
 */
async function report(body: Record<string, unknown>): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      const response = await fetch('/__report', { method: 'POST', body: JSON.stringify(body) })
      if (response.ok) return
    } catch (error) {
      if (tries >= 20) throw error
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * tries))
  }
}

const settle = <T>(promise: Promise<T>): Promise<{ value: T } | { error: string }> =>
  promise.then((value) => ({ value }), (error: unknown) => ({ error: `${(error as Error).name}: ${(error as Error).message}` }))

// A connection of the page's own on the same database: its `close` event says the server is
// gone (the browser closed every connection of the page to it, docket's too).
function watchConnection(): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(name)
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      open.result.onclose = () => void lost()
      resolve()
    }
  })
}

async function lost(): Promise<void> {
  // Settles (rather than hanging) and says why; the page's IndexedDB stays lost until a reload.
  const add = await settle(queue.add('double', { n: 21 }))
  const reopen = await settle(new Promise((resolve, reject) => {
    const open = indexedDB.open(`${name}-fresh`)
    open.onsuccess = () => resolve('opened')
    open.onerror = () => reject(open.error)
  }))
  await report({ step: 'lost', add, reopen, errors })
}

const api = {
  /** One job before the loss, and the watch in place. */
  async ready(): Promise<unknown> {
    const result = await roundTrip(1)
    await watchConnection()
    return result
  },
}
;(window as unknown as { connectionLost: typeof api }).connectionLost = api
