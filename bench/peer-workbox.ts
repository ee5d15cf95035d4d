import { againstPeer } from './against-peer.js'
import type { Figure } from './figure.js'

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

/** workbox-background-sync's Queue, run in a service worker (its home), against docket run for run. */
export async function measureWorkbox(options: { runs: number; n: number }): Promise<Record<string, Figure>> {
  const worker = await activeWorker()
  // Opens workbox's database and warms the worker's code outside the measured runs.
  await runInWorker(worker, 20)
  return againstPeer({
    name: 'workbox',
    runs: options.runs,
    n: options.n,
    peer: async (n) => {
      const r = await runInWorker(worker, n)
      return { 'workbox.push': r.push, 'workbox.shift': r.shift, 'workbox.push-shift': r.pushShift }
    },
    notes: {
      'workbox.push': 'Queue.pushRequest() awaited one by one, in a service worker',
      'workbox.shift': 'Queue.shiftRequest() until empty, in a service worker',
      'workbox.push-shift': 'push n then shift n, entries per second over both, in a service worker',
    },
    pairs: [['docket.add.one-by-one', 'workbox.push'], ['docket.addBulk', 'workbox.push'], ['docket.e2e.peer-size', 'workbox.push-shift']],
  })
}
