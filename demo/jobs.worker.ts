/**
 * The demo's job handlers, served from a module Web Worker. Each one stands for a kind of work a
 * real app queues: CPU-bound image work, a flaky network call, a report that takes too long,
 * an account sync that must not run twice, mail, and no-op jobs for throughput.
 */
import { serveJobs, type JobContext } from 'docket/worker'
import { boxBlurSlice, testCard, type Pixels } from './box-blur'

/** Resolves after `ms`, or rejects with the signal's reason (cancel, timeout) as soon as it fires. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const timer = setTimeout(resolve, ms)
    signal.addEventListener('abort', () => {
      clearTimeout(timer)
      reject(signal.reason)
    }, { once: true })
  })
}

/** Lets queued messages (an abort from the page) run between slices of CPU work; quicker than a clamped setTimeout. */
function nextTask(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const { port1, port2 } = new MessageChannel()
    port1.onmessage = () => {
      port1.close()
      if (signal.aborted) reject(signal.reason)
      else resolve()
    }
    port2.postMessage(null)
  })
}

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** The HTTP error a fetch wrapper would throw: its name shows in the job's errors. */
class HttpError extends Error {
  override name = 'HttpError'
}

const SLICES = 24

export const jobs = {
  /** Box-blurs a synthetic RGBA frame (as an `ImageData` holds it) and hashes the output with SHA-256. */
  async blurImage(data: { width: number; height: number; radius: number; passes: number; seed: number }, ctx: JobContext) {
    const { width, height, radius, passes } = data
    const started = performance.now()
    let image: Pixels = testCard(width, height, data.seed)
    await ctx.log(`test card ${width}×${height} RGBA (${(image.data.length / 1e6).toFixed(1)} MB), radius ${radius}, ${passes} passes`)
    const steps = passes * 2
    let reported = -1
    for (let step = 0; step < steps; step++) {
      const horizontal = step % 2 === 0
      const lines = horizontal ? height : width
      const out = new Uint8ClampedArray(image.data.length)
      for (let slice = 0; slice < SLICES; slice++) {
        boxBlurSlice(image, out, radius, horizontal, Math.floor((lines * slice) / SLICES), Math.floor((lines * (slice + 1)) / SLICES))
        const percent = Math.floor(((step + (slice + 1) / SLICES) / steps) * 95)
        if (percent !== reported) ctx.progress((reported = percent))
        await nextTask(ctx.signal)
      }
      image = { width, height, data: out }
      if (!horizontal) await ctx.log(`pass ${(step + 1) / 2}/${passes} done`)
    }
    const digest = hex(await crypto.subtle.digest('SHA-256', image.data))
    await ctx.log(`sha-256 ${digest.slice(0, 16)}…`)
    ctx.progress(100)
    return { width, height, radius, passes, sha256: digest, ms: Math.round(performance.now() - started) }
  },

  /** A feed fetch that fails with 503 for its first `failures` attempts, then succeeds. */
  async fetchFeed(data: { url: string; failures: number }, ctx: JobContext) {
    await ctx.log(`GET ${data.url} (attempt ${ctx.attempt} of ${ctx.maxAttempts})`)
    ctx.progress(10)
    await sleep(250, ctx.signal)
    if (ctx.attempt <= data.failures) {
      await ctx.log('503 Service Unavailable')
      throw new HttpError(`503 Service Unavailable: ${data.url}`)
    }
    ctx.progress(100)
    await ctx.log('200 OK, 3 items')
    return { status: 200, items: ['docket 0.1 released', 'Why IndexedDB transactions auto-commit', 'Web Workers in practice'] }
  },

  /** A report that takes `seconds`; queued with a shorter `timeout`, it fails with TimeoutError. */
  async slowReport(data: { report: string; seconds: number }, ctx: JobContext) {
    const steps = data.seconds * 10
    for (let i = 1; i <= steps; i++) {
      await sleep(100, ctx.signal)
      ctx.progress(Math.round((i / steps) * 100))
    }
    return { report: data.report, rows: 12_345 }
  },

  /** An account sync: queued with a unique key, so a second click while it is pending is a duplicate. */
  async syncAccount(data: { account: string }, ctx: JobContext) {
    for (let i = 1; i <= 4; i++) {
      await sleep(400, ctx.signal)
      ctx.progress(i * 25)
    }
    await ctx.log(`synced ${data.account}`)
    return { account: data.account, changes: 7 }
  },

  /** Sends one mail (simulated); a queue of concurrency 1 shows the priority order. */
  async sendEmail(data: { to: string; subject: string }, ctx: JobContext) {
    await sleep(300, ctx.signal)
    await ctx.log(`sent "${data.subject}" to ${data.to}`)
    return { messageId: `<${ctx.id}@demo.docket>` }
  },

  /** A reminder, queued with a delay. */
  async sendReminder(data: { to: string; text: string }, ctx: JobContext) {
    await sleep(200, ctx.signal)
    await ctx.log(`reminded ${data.to}`)
    return { delivered: true }
  },

  /** Does nothing: the burst measures the queue itself. */
  noop() {
    return null
  },

  /** Returns its data: for jobs added by hand, whatever they hold. */
  echo(data: unknown) {
    return data
  },
}

/** The job map: it types every call of the page's queue. */
export type Jobs = typeof jobs

serveJobs(jobs)
