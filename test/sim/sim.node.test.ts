// The bounded run of the simulation (test/sim/README.md): a fixed set of seeds, each a few
// hundred schedules of faults against the real queue, both storages; and the harness's own
// test, a storage with its fence removed, which the invariants must catch within those seeds.
import { describe, expect, it } from 'vitest'
import { describeFailure, simulate } from './simulate'

/** Seeds of the bounded run: fixed, so that CI runs the same schedules every time. */
const SEEDS = [20261129, 424242]
const RUNS = 80
/** Far above the few seconds a seed takes, so that a loaded machine cannot fail the run: no assertion is on time. */
const TIMEOUT = 120_000

describe('simulation', () => {
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
})
