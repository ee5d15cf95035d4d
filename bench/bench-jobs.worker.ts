import { serveJobs } from 'docket/worker'
import { jobs } from './bench-jobs.js'

serveJobs(jobs)
