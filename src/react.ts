export { useJob } from './react/use-job.js'
export { useJobs } from './react/use-jobs.js'
export { useCounts, NO_COUNTS, type UseCountsOptions } from './react/use-counts.js'
export type { JobSnapshot, JobSnapshotOf } from './react/job-snapshot.js'
