// The worker entry of the control tests (test/control/**): a module Web Worker in Chromium that
// serves the same handlers the Node tests run inline.
import { serveJobs } from 'docket/worker'
import { controlJobs } from '../control/support/control-jobs'

serveJobs(controlJobs)
