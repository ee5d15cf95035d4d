import { ValidationError } from '../errors.js'
import { addStep } from '../job/step-transitions.js'
import type { Entry } from './entry.js'
import type { GroupCommit } from './group-commit.js'
import type { HeldJobs } from './held-jobs.js'
import type { SchedulerEmit } from './scheduler-events.js'

/** What storing a step needs from its scheduler. */
export interface StepWriteContext {
  now(): number
  emit: SchedulerEmit
  writes: Pick<GroupCommit, 'write'>
  jobs: Pick<HeldJobs, 'get' | 'abort'>
}

const lostMessage = 'The lease of this job was lost to another context'

/**
 * Stores a completed durable step of a running job with the next group commit (woken now, as a
 * log row is), fenced by the run's token. Resolves once committed, so that the step is durable
 * before the handler goes on to the next; rejects when the fence refused it (the run lost its
 * lease: its signal aborts too) or the storage refused its result.
 */
export function writeStep(entry: Entry, name: string, result: unknown, { now, emit, writes, jobs }: StepWriteContext): Promise<void> {
  const { id, token, seq } = entry.record
  if (entry.reason === 'lost') return Promise.reject(new Error(`${lostMessage}: step "${name}" was not stored`))
  return new Promise((resolve, reject) => {
    const at = now()
    writes.write({
      update: { id, token, ...(seq === undefined ? {} : { seq }), apply: (record) => addStep(record, { name, at, result }) },
      done: (stored) => {
        if (stored?.after) {
          emit('step', { record: stored.after, name })
          return resolve()
        }
        const lost = new Error(`${lostMessage}: step "${name}" was not stored`)
        if (jobs.get(id) === entry) jobs.abort(entry, 'lost', lost)
        reject(lost)
      },
      unstorable: (error) => {
        reject(new ValidationError(`The result of step "${name}" could not be stored: ${error.message}`))
        return null
      },
    })
  })
}
