import { median, type Figure } from './measure.js'

interface WorkboxRun { push: number; shift: number; pushShift: number }

async function activeWorker(): Promise<ServiceWorker> {
  await navigator.serviceWorker.register('/bench/workbox.sw.ts', { type: 'module', scope: '/bench/' })
  const registration = await navigator.serviceWorker.ready
  if (!registration.active) throw new Error('workbox: the service worker did not activate')
  return registration.active
}

function runInWorker(worker: ServiceWorker, n: number): Promise<WorkboxRun> {
  const channel = new MessageChannel()
  return new Promise((resolve, reject) => {
    channel.port1.onmessage = ({ data }: MessageEvent<{ result?: WorkboxRun; error?: string }>) => {
      channel.port1.close()
      if (data.result) resolve(data.result)
      else reject(new Error(data.error ?? 'workbox: no result'))
    }
    worker.postMessage({ n }, [channel.port2])
  })
}

/** workbox-background-sync's Queue, run in a service worker (its home): push n, then shift n. */
export async function measureWorkbox(o: { runs: number; n: number }): Promise<Record<string, Figure>> {
  const worker = await activeWorker()
  const runs: WorkboxRun[] = []
  for (let i = 0; i < o.runs; i++) runs.push(await runInWorker(worker, o.n))
  const figure = (k: keyof WorkboxRun, what: string): Figure => ({
    value: median(runs.map((r) => r[k])), unit: 'ops/s', runs: runs.map((r) => r[k]), note: `${what}; ${o.n} entries, in a service worker`,
  })
  return {
    'workbox.push': figure('push', 'Queue.pushRequest() awaited one by one'),
    'workbox.shift': figure('shift', 'Queue.shiftRequest() until empty'),
    'workbox.push-shift': figure('pushShift', 'push n then shift n, entries per second over both'),
  }
}
