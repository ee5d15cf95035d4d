// Many schedules through fast-check: generation, shrinking to a minimal schedule, and replay
// by seed (and path). The same seed and run count give the same schedules, in any process.
import fc from 'fast-check'
import { runSchedule, zeroTotals, type SimTotals } from './run-schedule'
import { schedule, type Schedule, type WorldConfig } from './schedule'

/** What to simulate. */
export interface SimOptions {
  seed: number
  runs: number
  /** Steps of the longest schedule. @default 40 */
  maxSteps?: number
  /** fast-check's path of a failure: replays that one schedule (with `seed`). */
  path?: string
  /** One storage only. @default both, as generated */
  storage?: WorldConfig['storage']
  /** A broken variant of the environment, to show that the invariants catch it. */
  mutation?: WorldConfig['mutation']
  /** Families of invariants not checked: to see one family catch its mutation alone. */
  ignore?: WorldConfig['ignore']
  /** Called after each run with the totals so far. */
  progress?(totals: SimTotals): void
}

/** What a simulation did, and its first failure, shrunk. */
export interface SimReport {
  totals: SimTotals
  /** Schedules run before shrinking began (all of them when nothing failed). */
  schedules: number
  failure?: { seed: number; path: string; schedule: Schedule; error: string; shrinks: number }
}

export async function simulate(options: SimOptions): Promise<SimReport> {
  const totals = zeroTotals()
  const arbitrary = schedule(options.maxSteps ?? 40, options.storage)
    .map((generated) => ({
      ...generated,
      config: { ...generated.config, ...(options.mutation ? { mutation: options.mutation } : {}), ...(options.ignore?.length ? { ignore: options.ignore } : {}) },
    }))
  const property = fc.asyncProperty(arbitrary, async (generated) => {
    try {
      await runSchedule(generated, totals)
    } finally {
      options.progress?.(totals)
    }
  })
  const details = await fc.check(property, {
    seed: options.seed,
    numRuns: options.runs,
    ...(options.path !== undefined ? { path: options.path } : {}),
  })
  if (!details.failed || !details.counterexample) return { totals, schedules: details.numRuns }
  const [shrunk] = details.counterexample
  const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance)
  return {
    totals,
    schedules: details.numRuns,
    failure: { seed: details.seed, path: details.counterexamplePath ?? '', schedule: shrunk, error, shrinks: details.numShrinks },
  }
}

/** A failure as a person reads it: the error, the minimal schedule, and how to replay it. */
export function describeFailure(failure: NonNullable<SimReport['failure']>): string {
  return [
    failure.error,
    `Minimal schedule (after ${failure.shrinks} shrinks): ${JSON.stringify(failure.schedule.config)}`,
    ...failure.schedule.steps.map((step, index) => `  ${index + 1}. ${JSON.stringify(step)}`),
    `Replay: npm run sim -- --seed ${failure.seed} --path ${failure.path}${failure.schedule.config.mutation ? ` --mutation ${failure.schedule.config.mutation}` : ''}${failure.schedule.config.ignore ? ` --ignore ${failure.schedule.config.ignore.join(',')}` : ''}`,
  ].join('\n')
}
