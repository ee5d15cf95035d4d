// What users see of durable steps: useJob re-renders on each step stored in another context,
// and the devtools' job detail lists the steps with their times and results, live.
import { mountDevtools, type Devtools } from 'docket/devtools'
import { useJob } from 'docket/react'
import { afterEach, describe, expect, it } from 'vitest'
import { find, shadowOf, waitFor } from '../devtools/panel-probe'
import { renderProbe } from '../react/render-probe'
import { queueFixture } from '../support/queue-fixture'

describe('durable steps in docket/react and docket/devtools', () => {
  const fixture = queueFixture('inline')
  const mounted: Devtools[] = []
  afterEach(() => {
    for (const devtools of mounted.splice(0)) devtools.unmount()
  })

  it('useJob re-renders with each step another context stores, while the job still runs', async () => {
    const page = await fixture.open({ autostart: false })
    const other = await fixture.open({ autostart: false })
    const job = await page.add('steps', { count: 3, holdAfter: 2, channel: fixture.notes.channel, tag: 'ui' })
    const probe = renderProbe(() => useJob(page, job.id))
    await probe.until((value) => value !== undefined)
    await other.start()
    const running = await probe.until((value) => value?.steps.length === 2)
    expect(running).toMatchObject({ state: 'active' })
    expect(running!.steps.map((s) => s.name)).toEqual(['s1', 's2'])
    fixture.notes.release('ui')
    const done = await probe.until((value) => value?.state === 'completed')
    expect(done!.steps.map((s) => s.name)).toEqual(['s1', 's2', 's3'])
    probe.unmount()
  })

  it('the job detail shows each step with its time and result, as it is stored', async () => {
    const queue = await fixture.open({ autostart: false })
    const job = await queue.add('steps', { count: 2, holdAfter: 1, channel: fixture.notes.channel, tag: 'detail' })
    const element = document.createElement('div')
    document.body.append(element)
    const devtools = mountDevtools(queue, element, { refreshGap: 0 })
    mounted.push(devtools)
    const root = shadowOf(devtools)
    devtools.select(job.id)
    await waitFor(root, `#detail[data-job-id="${job.id}"]`)
    expect(root.querySelector('#detail [data-section="steps"]')).toBeNull()

    await queue.start()
    await waitFor(root, '#detail [data-section="steps"] .step[data-step="s1"]')
    fixture.notes.release('detail')
    await waitFor(root, `#detail[data-job-id="${job.id}"][data-state="completed"]`)
    await waitFor(root, '#detail .step[data-step="s2"]')
    const stored = (await queue.get(job.id))!.steps
    expect(find(root, '#detail [data-section="steps"] h3').textContent).toBe('Steps (2)')
    expect([...root.querySelectorAll('#detail .step-name')].map((e) => e.textContent)).toEqual(['s1', 's2'])
    const results = [...root.querySelectorAll('#detail .step-result')].map((e) => JSON.parse(e.textContent!))
    expect(results).toEqual(stored.map((s) => s.result))
    expect([...root.querySelectorAll('#detail .step time')].every((e) => /^\d\d:\d\d:\d\d\.\d{3}$/.test(e.textContent!))).toBe(true)
  })
})
