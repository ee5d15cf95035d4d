// A job's own events (`on`/`off` of 'progress' and 'state') and its log, written from the page
// and from the handler.
import { describe, expect, it } from 'vitest'
import { collect } from '../support/queue-events'
import { queueFixture } from '../support/queue-fixture'

const fixture = queueFixture()

describe('job events and logs', () => {
  it('job.on/off: this job\'s progress values and state changes, not another\'s', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('report', { steps: [10, 50, 100], row: 'r' })
    const other = await queue.add('report', { steps: [7], row: 'r' })
    const progress: unknown[] = []
    const states: string[] = []
    const dropped: unknown[] = []
    const drop = (value: unknown): number => dropped.push(value)
    job.on('progress', (value) => progress.push(value)).on('state', (state) => states.push(state)).on('progress', drop).on('state', drop)
    job.off('progress', drop).off('state', drop)

    await queue.start()
    await Promise.all([job.waitForResult(), other.waitForResult()])
    expect(progress).toEqual([10, 50, 100])
    expect(states).toEqual(['active', 'completed'])
    expect(dropped).toEqual([])
  })

  it('job.log() from the page and ctx.log() from the handler, read back in order by getLogs()', async () => {
    const queue = await fixture.open({ autostart: false })
    const logged = collect(queue, 'log')
    const job = await queue.add('report', { steps: [], row: 'from the handler' })
    await job.log({ from: 'the page' })

    const states: string[] = []
    job.on('state', (state) => states.push(state))
    await job.log('still waiting')

    await queue.start()
    await job.waitForResult()
    // Writing a log row is no transition: the listener hears only the real ones.
    expect(states).toEqual(['active', 'completed'])
    const logs = await job.getLogs()
    expect(logs.map((l) => l.row)).toEqual([{ from: 'the page' }, 'still waiting', 'from the handler'])
    expect(logs.map((l) => l.at)).toEqual(logs.map((l) => l.at).sort((a, b) => a - b))
    expect(logged.map((p) => [p.job.id, p.row])).toEqual([[job.id, { from: 'the page' }], [job.id, 'still waiting'], [job.id, 'from the handler']])
  })
})
