// A worker that passes Node's own `parentPort`, as Node users write it.
import { parentPort } from 'node:worker_threads'
import { serveJobs } from 'docket/worker'

serveJobs({ double: (data) => data.n * 2 }, parentPort)
