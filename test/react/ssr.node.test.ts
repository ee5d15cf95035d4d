import { createElement, Fragment } from 'react'
import { renderToString } from 'react-dom/server'
import { memoryStorage, createQueue } from 'docket'
import { useCounts, useJob, useJobs } from 'docket/react'
import { expect, it } from 'vitest'
import { jobs } from '../support/jobs'

// On the server the hooks read nothing (there is no IndexedDB there): they render a defined
// empty state, which the client's first render matches, then fills in.
it('renders the empty state on the server, without reading storage', async () => {
  const storage = memoryStorage()
  const queue = createQueue({ storage, handlers: jobs, autostart: false })
  const job = await queue.add('double', { n: 1 })
  let reads = 0
  const counted = { ...queue, counts: (...args: Parameters<typeof queue.counts>) => (reads++, queue.counts(...args)), list: (...args: Parameters<typeof queue.list>) => (reads++, queue.list(...args)), get: (id: string) => (reads++, queue.get(id)) }
  function App() {
    const counts = useCounts(counted)
    const found = useJob(counted, job.id)
    const list = useJobs(counted, { state: 'waiting' })
    return createElement(Fragment, null, `waiting ${counts.waiting}; job ${found === undefined ? 'unknown' : found?.state}; listed ${list.length}`)
  }
  expect(renderToString(createElement(App))).toBe('waiting 0; job unknown; listed 0')
  expect(reads).toBe(0)
  await queue.close()
})
