// The page: it adds jobs and shows what happens to them. It never runs jobs itself: its queue
// has no handlers and is not started; events come from the service worker.
import { createQueue, indexedDBStorage, type AnyJob } from 'docket'
import { DB_NAME, type Jobs } from './jobs'

const registration = navigator.serviceWorker
  .register(new URL('./sw.ts', import.meta.url), { type: 'module' })
  .then(() => navigator.serviceWorker.ready)

const queue = createQueue<Jobs>({ handlers: {} as Jobs, storage: indexedDBStorage({ name: DB_NAME }), autostart: false })

/** Wakes the service worker, which the browser may have stopped, and has it run due jobs. */
async function wakeServiceWorker(): Promise<void> {
  ;(await registration).active?.postMessage({ type: 'docket:drain' })
}

// Where Background Sync is missing (Firefox, Safari), the page is what notices the network.
addEventListener('online', () => void wakeServiceWorker())

const list = document.querySelector<HTMLUListElement>('#jobs')!
const form = document.querySelector<HTMLFormElement>('form')!
const status = document.querySelector<HTMLElement>('#network')!

function render(job: AnyJob<Jobs>): void {
  const row = list.querySelector<HTMLLIElement>(`[data-id="${job.id}"]`) ?? list.appendChild(document.createElement('li'))
  row.dataset.id = job.id
  row.dataset.state = job.state
  row.textContent = `${job.data.text} — ${job.state}${typeof job.progress === 'number' && job.state === 'active' ? ` ${job.progress}%` : ''}`
}

for (const event of ['added', 'active', 'progress', 'completed', 'failed', 'retrying'] as const) {
  queue.on(event, ({ job }) => render(job))
}

form.addEventListener('submit', async (event) => {
  event.preventDefault()
  const input = form.elements.namedItem('text') as HTMLInputElement
  await queue.add('sendNote', { text: input.value || 'hello' }, { requiresNetwork: true, attempts: 5, backoff: { type: 'exponential', delay: 1000 } })
  input.value = ''
  await wakeServiceWorker()
})

const showNetwork = (): void => void (status.textContent = navigator.onLine ? 'online' : 'offline: notes wait for the network')
addEventListener('online', showNetwork)
addEventListener('offline', showNetwork)
showNetwork()
for (const job of await queue.list({ order: 'desc', limit: 20 })) render(job)
await registration
document.body.dataset.ready = 'true'
