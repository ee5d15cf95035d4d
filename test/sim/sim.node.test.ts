// The bounded run of the simulation (test/sim/README.md): a fixed set of seeds, each a few
// hundred schedules of faults against the real queue, both storages, every feature together;
// and the harness's own tests, one broken storage per family of invariants (without its fence,
// its pause, its unique keys, or claiming once per few leases), which the invariants must catch.
import { describe, expect, it, vi } from 'vitest'
import type { Family, Mutation } from './schedule'
import { describeFailure, simulate } from './simulate'

// The library's ids from the run's seed, as in `npm run sim`: a run replays exactly.
vi.mock('nanoid', () => import('./sim-ids'))

/** Seeds of the bounded run: fixed, so that CI runs the same schedules every time. */
const SEEDS = [20261129, 424242]
const RUNS = 80
/** Far above the few seconds a seed takes, so that a loaded machine cannot fail the run: no assertion is on time. */
const TIMEOUT = 120_000

/** What each broken storage must be caught by, its family's message, with the other families left unchecked. */
const CAUGHT_BY: Record<Exclude<Mutation, 'no-fence'>, { message: RegExp; ignore: Family[] }> = {
  'no-pause': { message: /after pause of .* resolved/, ignore: ['unique', 'flow'] },
  'no-unique': { message: /scope waiting\) runs two jobs at once/, ignore: ['pause', 'flow'] },
  'slow-claim': { message: /no context claimed it within a lease/, ignore: ['pause', 'unique', 'flow'] },
}

describe('simulation', () => {
  // On the code of 2026-12-08 these two fail, as issue 30 expects, until the storage fixes land:
  // defect "pause() lets prefetched jobs start" (seed 1, 'after pause of every queue resolved'),
  // defect "keep-latest unique 'waiting' runs in parallel" ('scope waiting) runs two jobs at once'),
  // defect "'continue' dependents lose a rerun prerequisite's result" ('read undefined as ctx.dependencies'),
  // defect "a flow step with an orderingKey failed by its prerequisite, then retried, stays waiting
  // forever on IndexedDB" ('no context claimed it within a lease'). They assert the correct behaviour.
  for (const seed of SEEDS) {
    it(`holds every invariant over ${RUNS} schedules of seed ${seed}`, async () => {
      const report = await simulate({ seed, runs: RUNS })
      if (report.failure) expect.fail(describeFailure(report.failure))
      expect(report.schedules).toBe(RUNS)
      expect(report.totals.steps).toBeGreaterThan(RUNS)
      expect(report.totals.faults).toBeGreaterThan(0)
    }, TIMEOUT)
  }

  it('is deterministic: the same seed runs the same schedules to the same totals', async () => {
    const [first, second] = [await simulate({ seed: 99, runs: 20 }), await simulate({ seed: 99, runs: 20 })]
    expect(second.totals).toEqual(first.totals)
    expect(first.totals.invocations).toBeGreaterThan(0)
  }, TIMEOUT)

  it('catches a storage that settles without the fence, and replays the failure from its seed and path', async () => {
    // The first seed catches it (in its 57th schedule); the next would, were it to change.
    let report = await simulate({ seed: SEEDS[0]!, runs: RUNS, mutation: 'no-fence' })
    if (!report.failure) report = await simulate({ seed: SEEDS[1]!, runs: RUNS, mutation: 'no-fence' })
    expect(report.failure?.error).toMatch(/no transition allows|past the fence|runs twice|ended the run/)
    const { seed, path, error } = report.failure!
    const replay = await simulate({ seed, path, runs: 1, mutation: 'no-fence' })
    expect(replay.failure?.error).toBe(error)
  }, TIMEOUT)

  for (const [mutation, { message, ignore }] of Object.entries(CAUGHT_BY) as Array<[Mutation, (typeof CAUGHT_BY)['no-pause']]>) {
    it(`catches a storage with the mutation ${mutation}`, async () => {
      let report = await simulate({ seed: SEEDS[0]!, runs: RUNS, mutation, ignore })
      if (!report.failure?.error.match(message)) report = await simulate({ seed: SEEDS[1]!, runs: RUNS, mutation, ignore })
      expect(report.failure?.error).toMatch(message)
    }, TIMEOUT)
  }
})
