/**
 * The public types of flows: jobs that wait for other jobs (`queue.addFlow`).
 * @module
 */
import type { JobOptions } from '../job/job-options.js'
import type { JobOf } from '../queue/queue.js'
import type { DataOf, JobName } from '../runners/handlers.js'

/**
 * The options of one job of a flow: those of `add` but `id` and `unique` (each job of a flow
 * is new, so no job of it can be a duplicate that its dependents would wait for in vain).
 * @example { attempts: 5, onDependencyFailure: 'continue' }
 */
export interface FlowJobOptions extends Omit<JobOptions, 'id' | 'unique'> {
  /**
   * What a prerequisite that fails for good, is canceled or removed does to this job:
   * `'fail'` fails it with `DependencyFailedError` (and its dependents, down the chain);
   * `'continue'` runs it anyway once its other prerequisites are done, without that
   * prerequisite's result in `ctx.dependencies`.
   * @default 'fail'
   * @example { onDependencyFailure: 'continue' } // build the gallery from the images that did resize
   */
  onDependencyFailure?: 'fail' | 'continue'
}

/**
 * One job of a flow: `ref` names it within the flow (unique there); `dependsOn` lists the refs
 * of its prerequisites, which must all complete before it runs.
 * @example { ref: 'assemble', name: 'assemble', data: { file }, dependsOn: ['chunk-1', 'chunk-2'] }
 */
export type FlowStep<J> = {
  [N in JobName<J>]: { ref: string; name: N; data: DataOf<J[N]>; options?: FlowJobOptions; dependsOn?: readonly string[] }
}[JobName<J>]

/** The jobs of a flow by ref, each typed by its name. */
export type FlowJobs<J, Steps extends readonly FlowStep<J>[]> = {
  [S in Steps[number] as S['ref']]: S['name'] extends JobName<J> ? JobOf<J, S['name']> : never
}
