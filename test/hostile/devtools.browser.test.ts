// A payload too large to lay out (issue 31, defect 9): the panel shows a bounded preview of a
// job's 10 MB data, and "Copy all" gives the whole; the page stays responsive.
import { mountDevtools, type Devtools } from 'docket/devtools'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { queueFixture } from '../support/queue-fixture'
import { click, find, shadowOf, waitFor } from '../devtools/panel-probe'

describe('devtools: a 10 MB payload', () => {
  const fixture = queueFixture('inline')
  const mounted: Devtools[] = []
  afterEach(() => {
    for (const devtools of mounted.splice(0)) devtools.unmount()
    vi.restoreAllMocks()
  })

  it('shows a bounded preview of the data, and copies the whole', async () => {
    const queue = await fixture.open({ autostart: false })
    const big = 'x'.repeat(10_000_000)
    const job = await queue.add('echo', { value: big })
    const element = document.createElement('div')
    document.body.append(element)
    const devtools = mountDevtools(queue, element, { refreshGap: 0 })
    mounted.push(devtools)
    const root = shadowOf(devtools)

    const started = performance.now()
    devtools.select(job.id)
    await waitFor(root, `#detail[data-job-id="${job.id}"]`)
    const shown = find(root, '#detail-data').textContent!
    expect(shown.length).toBeLessThanOrEqual(10_000)
    expect(shown.startsWith('{\n  "value": "xxx')).toBe(true)
    expect(find(root, '#detail [data-section="data"] .clipped-note').textContent).toContain('more characters not shown')
    expect(performance.now() - started).toBeLessThan(2_000)

    const clipboard = navigator.clipboard as Clipboard | undefined
    if (clipboard) {
      const copied = vi.spyOn(clipboard, 'writeText').mockResolvedValue(undefined)
      click(root, '#detail [data-section="data"] [data-action="copy-all"]')
      expect(copied).toHaveBeenCalledTimes(1)
      expect(copied.mock.calls[0]![0]).toHaveLength(JSON.stringify({ value: big }, null, 2).length)
    }
  })
})
