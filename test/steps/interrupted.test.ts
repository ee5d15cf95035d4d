// A run interrupted between two steps, or inside one, and finished by another context (a page
// closed, and another tab open on the same database): no step whose result was stored runs
// again; a step that had started but not stored does.
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

describe.each(runners)('a run of steps interrupted (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  /** Runs a 5-step job in one queue until it holds, stops that queue, and finishes the job in another. */
  async function interruptAndFinish(hold: { holdAfter: number } | { holdIn: number }, tag: string) {
    const first = await fixture.open({ abortGracePeriod: 20 })
    const job = await first.add('steps', { count: 5, channel: fixture.notes.channel, tag, ...hold })
    await fixture.notes.next(tag, 'started')
    // The page goes: its run is given back unfinished, without spending an attempt.
    await first.stop({ timeout: 0 })
    expect(await first.get(job.id)).toMatchObject({ state: 'waiting', attempts: 0 })

    const second = await fixture.open()
    const results = (await (await second.get(job.id))!.waitForResult()) as Array<{ step: number; run: string }>
    const done = (await second.get(job.id))!
    return { results, done, logs: (await done.getLogs()).map((log) => log.row) }
  }

  it('finishes in another context after step 3, with steps 1-3 not called again', async () => {
    const { results, done, logs } = await interruptAndFinish({ holdAfter: 3 }, 'between')
    expect(logs).toEqual(['s1', 's2', 's3', 's4', 's5'])
    const runs = results.map((r) => r.run)
    expect(new Set(runs.slice(0, 3)).size).toBe(1)
    expect(new Set(runs.slice(3)).size).toBe(1)
    expect(runs[3]).not.toBe(runs[0])
    expect(done.steps.map((s) => s.result)).toEqual(results)
    expect(done.attempts).toBe(1)
  })

  it('reruns only the step it was killed in', async () => {
    const { results, done, logs } = await interruptAndFinish({ holdIn: 4 }, 'inside')
    // Step 4's fn had begun (its log row is stored) but its result was not: it runs again, alone.
    expect(logs).toEqual(['s1', 's2', 's3', 's4', 's4', 's5'])
    expect(results.map((r) => r.step)).toEqual([1, 2, 3, 4, 5])
    expect(results[3]!.run).not.toBe(results[2]!.run)
    expect(done.steps.map((s) => s.name)).toEqual(['s1', 's2', 's3', 's4', 's5'])
  })
})
