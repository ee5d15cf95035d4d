// The jobs the service worker runs. The page imports only their type.
import type { JobContext } from 'docket'

export const jobs = {
  /** Sends a note to the server: it needs the network, and retries if the request fails. */
  async sendNote(data: { text: string }, ctx: JobContext) {
    ctx.progress(10)
    // Stands in for your API: any request that fails offline.
    const response = await fetch(new URL(`./?note=${encodeURIComponent(data.text)}`, location.href), { cache: 'no-store', signal: ctx.signal })
    if (!response.ok) throw new Error(`The server answered ${response.status}`)
    ctx.progress(100)
    return { sentAt: Date.now() }
  },
}

export type Jobs = typeof jobs

/** The database the pages and the service worker share. */
export const DB_NAME = 'notes'
