// Durable steps: `ctx.step` results are stored with the job as each step ends, and every later
// run replays them from storage instead of calling `fn` again; `ctx.sleep` ends a run without
// spending an attempt. On both runners: inline, and module Workers (Chromium) or worker_threads (Node).
import { JobFailedError } from 'docket'
import { describe, expect, it } from 'vitest'
import { collect, nextEvent } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'
import { runners } from '../support/runner-option'

describe.each(runners)('durable steps (%s runner)', (runner) => {
  const fixture = queueFixture(runner)

  it('replays the steps a failed attempt stored: their fn is not called again, the retry gets their results', async () => {
    const queue = await fixture.open()
    const steps = collect(queue, 'step')
    const job = await queue.add('steps', { count: 3, failAfter: 2 }, { attempts: 2, backoff: { type: 'fixed', delay: 1 } })
    const results = await job.waitForResult()
    await job.refresh()

    // Each fn ran once: its log row is stored before it returns.
    expect((await job.getLogs()).map((log) => log.row)).toEqual(['s1', 's2', 's3'])
    // Steps 1-2 come from attempt 1, replayed as stored; step 3 ran in attempt 2.
    expect(results.map((r) => [r.step, r.run.split(':')[0]])).toEqual([[1, '1'], [2, '1'], [3, '2']])
    expect(results[0]!.run).toBe(results[1]!.run)
    expect(job.steps.map((s) => s.result)).toEqual(results)
    expect(job.steps.map((s) => s.name)).toEqual(['s1', 's2', 's3'])
    expect(job.steps.every((s) => typeof s.at === 'number' && s.at <= job.completedAt!)).toBe(true)
    expect(job.attempts).toBe(2)
    expect(job.errors.map((e) => e.message)).toEqual(['fails after step 2'])
    expect(steps.filter((e) => e.job.id === job.id).map((e) => e.name)).toEqual(['s1', 's2', 's3'])
  })

  it('says `step` as each step is stored, with job.steps holding it', async () => {
    const queue = await fixture.open()
    const seen: Array<[string, string[]]> = []
    queue.on('step', ({ job, name }) => seen.push([name, job.steps.map((s) => s.name)]))
    const job = await queue.add('steps', { count: 2 })
    await job.waitForResult()
    expect(seen).toEqual([['s1', ['s1']], ['s2', ['s1', 's2']]])
  })

  it('sleeps: the job is delayed, its attempt unspent, and the next run goes on after the sleep', async () => {
    const queue = await fixture.open()
    fixture.clock.freeze()
    const napped = nextEvent(queue, 'step', (e) => e.name === 'nap')
    const job = await queue.add('steps', { count: 3, sleepAfter: 2, sleepMs: 60_000 })
    const { job: slept } = await napped
    const sleptAt = Date.now()
    expect(slept.state).toBe('delayed')

    await job.refresh()
    expect(job.state).toBe('delayed')
    expect(job.attempts).toBe(0)
    expect(job.errors).toEqual([])
    expect(job.runAt).toBe(sleptAt + 60_000)
    expect(job.steps.map((s) => s.name)).toEqual(['s1', 's2', 'nap'])
    expect(job.steps[2]!.result).toEqual({ wakeAt: sleptAt + 60_000 })

    fixture.clock.advance(60_000)
    await queue.start()
    const results = await job.waitForResult()
    await job.refresh()
    expect(job.attempts).toBe(1)
    expect((await job.getLogs()).map((log) => log.row)).toEqual(['s1', 's2', 's3'])
    // The run that slept called steps 1-2; the run after it replayed them and called step 3.
    expect(results[0]!.run).toBe(results[1]!.run)
    expect(results[2]!.run).not.toBe(results[0]!.run)
    expect(job.steps.map((s) => s.name)).toEqual(['s1', 's2', 'nap', 's3'])
  })

  it('rejects a name used twice in one run with ValidationError, and a run that lets it pass fails', async () => {
    const queue = await fixture.open()
    const caught = await queue.add('badStep', { kind: 'twice' })
    expect(await caught.waitForResult()).toEqual({ name: 'ValidationError', message: expect.stringMatching(/"ok" twice/) })

    const failing = await queue.add('stepTwice', null, { attempts: 1 })
    await expect(failing.waitForResult()).rejects.toBeInstanceOf(JobFailedError)
    await failing.refresh()
    expect(failing.error).toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/"a" twice/) })
    expect(failing.steps.map((s) => s.name)).toEqual(['a'])
  })

  it('rejects a result that cannot be cloned with ValidationError naming the step, and stores nothing of it', async () => {
    const queue = await fixture.open()
    const job = await queue.add('badStep', { kind: 'unclonable' })
    expect(await job.waitForResult()).toEqual({ name: 'ValidationError', message: expect.stringMatching(/step "callback"/) })
    await job.refresh()
    expect(job.steps.map((s) => s.name)).toEqual(['ok'])
  })

  it('cannot store a step once its run lost the lease: the step rejects', async () => {
    const queue = await fixture.open()
    const steps = collect(queue, 'step')
    const data = { channel: fixture.notes.channel, tag: 'fenced' }
    const job = await queue.add('fencedStep', data)
    await fixture.notes.next('fenced', 'started')

    // Another context takes the job over: the run's token is not the stored one any more.
    const other = fixture.db.storage()
    const [taken] = await other.update([{ id: job.id, apply: (record) => ({ ...record, token: 'taken-over' }) }])
    await other.close()
    expect(taken?.after?.steps?.map((s) => s.name)).toEqual(['one'])

    fixture.notes.release('fenced')
    await fixture.notes.next('fenced', 'finished')
    const stored = await queue.get(job.id)
    expect(stored?.steps.map((s) => s.name)).toEqual(['one'])
    expect(fixture.notes.tags('ran')).toEqual([])
    expect(steps.map((e) => e.name)).toEqual(['one'])
  })
})
