import { serveJobs } from 'docket/worker'

serveJobs({ double: (data) => data.n * 2 })
