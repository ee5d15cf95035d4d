// The page of a new app, written from the README's three steps: a module Worker, IndexedDB.
import { createQueue } from 'docket'
import type { Jobs } from './jobs.worker'

const queue = createQueue<Jobs>({
  worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module' }),
})
const output = document.querySelector('output')!

document.querySelector('button')!.addEventListener('click', async () => {
  const job = await queue.add('shout', { text: 'hello' })
  output.textContent = String(await job.waitForResult())
  output.dataset.state = 'completed'
})
document.body.dataset.ready = 'true'
