// The hooks and the panel in this page follow jobs that another tab (an iframe: its own document,
// connection and channel) adds and runs on the same database.
import type { Queue } from 'docket'
import { mountDevtools } from 'docket/devtools'
import { useCounts, useJob } from 'docket/react'
import { afterEach, describe, expect, it } from 'vitest'
import { waitForText } from '../devtools/panel-probe'
import type { Jobs } from '../support/jobs'
import { queueFixture } from '../support/queue-fixture'
import { renderProbe } from './render-probe'
import { openFrame } from '../support/open-frame'

describe('another tab', () => {
  const fixture = queueFixture('inline')
  const frames: HTMLIFrameElement[] = []
  afterEach(async () => {
    for (const frame of frames.splice(0)) {
      await (frame.contentWindow as unknown as { queue: Queue<Jobs> }).queue.close()
      frame.remove()
    }
  })

  async function openTab(db: string): Promise<Queue<Jobs>> {
    const frame = await openFrame(new URL('./support/tab-frame.html', import.meta.url), { db }, frames)
    return (frame.contentWindow as unknown as { queue: Queue<Jobs> }).queue
  }

  it('re-renders the hooks and the panel of this page on jobs another tab adds and runs', async () => {
    const page = await fixture.open({ autostart: false })
    const tab = await openTab(fixture.db.name)
    const counts = renderProbe(() => useCounts(page))
    const devtools = mountDevtools(page, document.body, { refreshGap: 0 })
    const job = await tab.add('double', { n: 4 })
    expect(await counts.until((value) => value.waiting === 1)).toMatchObject({ waiting: 1 })
    const one = renderProbe(() => useJob(page, job.id))
    expect(await one.until((value) => value?.state === 'waiting')).toMatchObject({ data: { n: 4 } })
    await tab.start()
    expect(await one.until((value) => value?.state === 'completed')).toMatchObject({ result: 8 })
    expect(await counts.until((value) => value.completed === 1)).toMatchObject({ waiting: 0, completed: 1 })
    await waitForText(devtools.host.shadowRoot!, '.state-card[data-state="completed"] .state-count', '1')
    devtools.unmount()
    counts.unmount()
    one.unmount()
  })
})
