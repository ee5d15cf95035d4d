import { IndexedDbQueueStorage } from '@workglow/indexeddb/job-queue'
import { Job, JobQueueClient, JobQueueServer } from '@workglow/job-queue'
import { againstPeer } from './against-peer.js'
import { now } from './clock.js'
import { rate, type Figure } from './figure.js'
import { jobData } from './job-rows.js'
import { uniqueName } from './raw-indexeddb.js'

type Data = ReturnType<typeof jobData>

/** The same no-op job, as @workglow/job-queue defines jobs: a class with `execute`. */
class NoopJob extends Job<Data, void> {
  override async execute(): Promise<void> {}
}

/**
 * @workglow/job-queue on its IndexedDB storage, defaults otherwise (jobs run in the page's
 * thread: it has no Web Worker runner). `submitBatch` is its bulk call.
 */
async function run(n: number, concurrency: number, start: boolean): Promise<number> {
  const queueName = uniqueName('workglow')
  const storage = new IndexedDbQueueStorage<Data, void>(queueName)
  await storage.setupDatabase()
  const server = new JobQueueServer<Data, void>(NoopJob, { storage, queueName, workerCount: concurrency })
  const client = new JobQueueClient<Data, void>({ storage, queueName })
  client.attach(server)
  if (start) await server.start()
  const inputs = Array.from({ length: n }, (_, i) => jobData(i))
  const t0 = now()
  const handles = await client.submitBatch(inputs)
  if (start) await Promise.all(handles.map((h) => h.waitFor()))
  const ms = now() - t0
  if (start) await server.stop()
  // Its database ("jobs") is shared by every queue name: clear this queue's rows.
  await storage.deleteAll()
  return rate(n, ms)
}

/** @workglow/job-queue against docket, run for run, at the same size. */
export async function measureWorkglow(options: { runs: number; n: number; concurrency: number }): Promise<Record<string, Figure>> {
  return againstPeer({
    name: 'workglow',
    runs: options.runs,
    n: options.n,
    peer: async (n) => ({ 'workglow.submit': await run(n, options.concurrency, false), 'workglow.e2e': await run(n, options.concurrency, true) }),
    notes: {
      'workglow.submit': 'submitBatch() (it adds one job per transaction), server not started',
      'workglow.e2e': `no-op jobs, workerCount ${options.concurrency}, submitBatch → every handle's waitFor(); IndexedDbQueueStorage`,
    },
    pairs: [['docket.add.one-by-one', 'workglow.submit'], ['docket.addBulk', 'workglow.submit'], ['docket.e2e.peer-size', 'workglow.e2e']],
  })
}
