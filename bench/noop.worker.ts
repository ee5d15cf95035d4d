import { serveJobs } from 'docket/worker'
import { jobs } from './noop-jobs.js'

serveJobs(jobs)
