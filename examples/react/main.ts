// A React app over a docket queue: hooks for the UI, the devtools panel behind a toggle.
import { createQueue, indexedDBStorage } from 'docket'
import { mountDevtools } from 'docket/devtools'
import { StrictMode, createElement as h } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './app'
import type { Jobs } from './jobs.worker'

const queue = createQueue<Jobs>({
  worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module' }),
  storage: indexedDBStorage({ name: 'docket-react-example' }),
})

createRoot(document.getElementById('root')!).render(h(StrictMode, null, h(App, { queue })))

// One line, for development: a "docket" button in the corner opens the devtools panel.
mountDevtools(queue, document.body, { floating: true })
