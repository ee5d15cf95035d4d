import { describe, expect, it } from 'vitest'
import { isBrowser } from '../support/env'
import { openQueue, runnerOption, runners, testDatabase } from '../support/jobs-queue'
import { createQueue } from 'docket'
import type { Jobs } from '../support/jobs'

describe.each(runners)('%s runner', (runner) => {
  it('runs jobs where the runner says', async () => {
    const queue = await openQueue(runner)
    const job = await queue.add('thread', null)
    expect(await job.waitForResult()).toBe(runner === 'worker' ? 'worker' : 'main')
  })
})
