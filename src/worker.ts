/**
 * The `docket/worker` entry: serve job handlers from a Web Worker or a Node `worker_threads`
 * worker. Nothing here touches a global at import time.
 * @module
 */
export { serveJobs } from './runners/serve-jobs.js'
export { RateLimitError, UnrecoverableError } from './errors.js'
export type { JobContext, JobHandler, JobHandlers } from './runners/handlers.js'
export type { WorkerApi, WorkerHooks } from './runners/protocol.js'
