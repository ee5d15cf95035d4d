// The minimal schedules of the defects that the simulation found (issue 30), on both storages:
// each asserts the correct behaviour, so each fails until its fix lands. Shrunk by fast-check
// from the seeds in the comments (`npm run sim -- --seed S --path P` replays the original).
import { describe, expect, it, vi } from 'vitest'
import { runSchedule } from './run-schedule'
import type { JobSpec, Schedule, Step, WorldConfig } from './schedule'

vi.mock('nanoid', () => import('./sim-ids'))

const job = (options: Partial<JobSpec> = {}): JobSpec => ({ queue: 'default', priority: 0, attempts: 1, maxStalls: 0, backoff: 0, respectAbort: false, ...options })
const world = (options: Partial<WorldConfig> = {}): Omit<WorldConfig, 'storage'> => ({ locks: false, contexts: 1, concurrency: 1, prefetch: 0, seed: 0, ...options })
const keepLatest = job({ unique: { key: 'toString', scope: 'waiting', onDuplicate: 'replace' } })

/** Each defect: its name in issue 30, its world, its steps, and what the run says while the defect is there. */
const DEFECTS: Array<{ defect: string; config: Omit<WorldConfig, 'storage'>; steps: Step[]; says: string }> = [
  {
    // Seed 9, --storage indexeddb --ignore pause,unique,flow (the storage fails r1 by r0's
    // failure; a retry of r1 leaves it waiting; the memory storage runs it).
    defect: 'a flow step with an orderingKey failed by its prerequisite, then retried, stays waiting forever on IndexedDB',
    config: world(),
    steps: [
      { do: 'flow', ctx: 0, steps: [{ job: job(), dependsOn: [], onDependencyFailure: 'fail' }, { job: job({ orderingKey: 'o1' }), dependsOn: [0], onDependencyFailure: 'fail' }] },
      { do: 'finish', pick: 0, outcome: 'throw' },
      { do: 'control', ctx: 0, pick: 1, control: 'retry' },
    ],
    says: 'no context claimed it within a lease',
  },
  {
    // Seed 1 (--ignore unique,flow): the job held for prefetch starts once the running one ends.
    defect: 'pause() lets prefetched jobs start',
    config: world({ prefetch: 1 }),
    steps: [
      { do: 'addBulk', ctx: 0, jobs: [job(), job()] },
      { do: 'pause', ctx: 0, paused: true },
      { do: 'finish', pick: 0, outcome: 'complete' },
    ],
    says: 'after pause of every queue resolved',
  },
  {
    // Seed 1: the duplicate of a running job is added (keep-latest) and runs beside it.
    defect: "keep-latest unique 'waiting' + replace runs in parallel",
    config: world({ contexts: 2 }),
    steps: [{ do: 'add', ctx: 0, job: keepLatest }, { do: 'add', ctx: 1, job: keepLatest }],
    says: 'scope waiting) runs two jobs at once',
  },
  {
    // Seed 2 (--ignore pause,unique): r1 went on without r0, which a retry then completed first.
    defect: "'continue' dependents lose a rerun prerequisite's result",
    config: world(),
    steps: [
      { do: 'flow', ctx: 0, steps: [{ job: job(), dependsOn: [], onDependencyFailure: 'fail' }, { job: job(), dependsOn: [0], onDependencyFailure: 'continue' }] },
      { do: 'pause', ctx: 0, paused: true },
      { do: 'finish', pick: 0, outcome: 'throw' },
      { do: 'control', ctx: 0, pick: 0, control: 'retry' },
    ],
    says: 'as ctx.dependencies.r0',
  },
]

describe('defects the simulation found (issue 30)', () => {
  for (const { defect, config, steps, says } of DEFECTS) {
    for (const storage of ['memory', 'indexeddb'] as const) {
      it(`${storage}: ${defect}`, async () => {
        const schedule: Schedule = { config: { ...config, storage }, steps }
        const broken = await runSchedule(schedule).then(() => undefined, (error: Error) => error.message)
        // While the defect is there, `broken` contains `says`; anything else is another finding.
        expect(broken, `the defect says '${says}'`).toBeUndefined()
      }, 30_000)
    }
  }
})
