// The worker entry of the queue and control tests: a module Web Worker in Chromium, and (bundled
// by `node-worker.ts`) a worker_threads worker in Node. It serves the same handlers that the
// inline runner uses, so both runners are held to one behaviour.
import { serveJobs } from 'docket/worker'
import { jobs } from './jobs'

export { jobs }
export type { Jobs } from './jobs'

serveJobs(jobs)
