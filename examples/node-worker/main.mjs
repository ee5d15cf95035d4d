// Handlers in Node worker_threads: docket wraps a Node Worker in its own Comlink adapter.
// Run: `node main.mjs` in an app with docket installed.
import { Worker } from 'node:worker_threads'
import { createQueue, memoryStorage } from 'docket'

const queue = createQueue({
  worker: () => new Worker(new URL('./jobs.worker.mjs', import.meta.url)),
  concurrency: 2, // two threads at most
  storage: memoryStorage(),
})
queue.on('progress', ({ job, progress }) => console.log(job.id, `${progress}%`))

const jobs = await Promise.all(['a', 'b', 'c'].map((text) => queue.add('hash', { text })))
console.log(await Promise.all(jobs.map((job) => job.waitForResult())))
await queue.close() // ends the threads
