import { ValidationError, type Queue } from 'docket'
import { mountDevtools, type Devtools, type DevtoolsOptions } from 'docket/devtools'
import { afterEach, describe, expect, it } from 'vitest'
import { countListeners } from '../react/render-probe'
import { queueFixture } from '../support/queue-fixture'
import { choose, click, find, rowIds, shadowOf, waitFor, waitForText } from './panel-probe'

// The panel mounted in the test page over real queues on the test's IndexedDB database. "Another
// tab" is a second queue on that database: its events reach the panel's queue through docket's
// BroadcastChannel, as another tab's do.
describe('docket/devtools', () => {
  const fixture = queueFixture('inline')
  const mounted: Devtools[] = []
  afterEach(() => {
    for (const devtools of mounted.splice(0)) devtools.unmount()
  })

  function mount<J>(queue: Queue<J>, options: DevtoolsOptions = {}): { devtools: Devtools; root: ShadowRoot } {
    const element = document.createElement('div')
    document.body.append(element)
    const devtools = mountDevtools(queue, element, { refreshGap: 0, ...options })
    mounted.push(devtools)
    return { devtools, root: shadowOf(devtools) }
  }

  it('mounts in an open shadow root with its styles, and shows counts live from another context', async () => {
    const page = await fixture.open({ autostart: false })
    const other = await fixture.open({ autostart: false })
    const { devtools, root } = mount(page)
    expect(devtools.host.isConnected).toBe(true)
    expect(root.adoptedStyleSheets.length).toBe(1)
    await other.addBulk([1, 2, 3].map((n) => ({ name: 'double' as const, data: { n } })))
    await waitForText(root, '.state-card[data-state="waiting"] .state-count', '3')
    await waitFor(root, '#queue-list tr[data-queue="default"] td[data-count="waiting"]', (td) => td.textContent === '3')
    // Styles from inside: the page's own rules do not reach it, its rules apply.
    expect(getComputedStyle(find(root, '.state-card[data-state="waiting"]')).borderTopWidth).toBe('3px')
    await other.start()
    await waitForText(root, '.state-card[data-state="completed"] .state-count', '3')
    await waitFor(root, '#jobs tbody tr[data-state="completed"]')
  })

  it('pages, filters by state and queue, and searches by name and by id', async () => {
    const queue = await fixture.open({ autostart: false })
    const added = await queue.addBulk(Array.from({ length: 40 }, (_, n) => (n % 4 === 0 ? { name: 'echo' as const, data: { value: n } } : { name: 'double' as const, data: { n } })))
    await queue.add('double', { n: 100 }, { queue: 'images', delay: 60_000 })
    const { devtools, root } = mount(queue, { pageSize: 15, queues: ['default', 'images'] })
    await devtools.refresh()
    expect(find(root, '.pager-range').textContent).toBe('1–15 of 41')
    expect(rowIds(root)[1]).toBe(added[39]!.id)
    click(root, '[data-page="next"]')
    await waitForText(root, '.pager-range', '16–30 of 41')
    expect(rowIds(root)[0]).toBe(added[25]!.id)

    choose(root, '#filter-state', 'delayed')
    await waitForText(root, '.pager-range', '1–1 of 1')
    expect(find(root, '#jobs tbody tr').dataset.queue).toBe('images')
    choose(root, '#filter-state', '')
    await waitForText(root, '.pager-range', '1–15 of 41')
    click(root, '#queue-list tr[data-queue="images"] .queue-name')
    await waitFor(root, '#queue-list tr[data-queue="images"][aria-current="true"]')
    await waitForText(root, '.pager-range', '1–1 of 1')
    click(root, '#queue-list tr[data-queue="images"] .queue-name')
    await waitForText(root, '.pager-range', '1–15 of 41')

    choose(root, '#search', 'echo')
    await waitFor(root, '#jobs tbody tr', () => rowIds(root).length === 10)
    expect(find(root, '.pager-range').textContent).toBe('1–10')
    expect([...root.querySelectorAll<HTMLElement>('#jobs tbody tr')].every((tr) => tr.dataset.name === 'echo')).toBe(true)
    choose(root, '#search', added[7]!.id)
    await waitForText(root, '.pager-range', '1–1 of 1')
    expect(rowIds(root)).toEqual([added[7]!.id])
  })

  it('shows a job\'s data, result, every failed attempt, logs and timings; hostile payloads stay text', async () => {
    const queue = await fixture.open({ autostart: false })
    const hostile = '<img src=x onerror=window.__owned=1>'
    const echoed = await queue.add('echo', { value: hostile })
    const failing = await queue.add('flaky', { failures: 5 }, { attempts: 2, backoff: { type: 'fixed', delay: 0 } })
    const logged = await queue.add('logs', { rows: ['first row', hostile] })
    await queue.start()
    await Promise.all([echoed.waitForResult(), failing.waitForResult().catch(() => undefined), logged.waitForResult()])
    const { devtools, root } = mount(queue)

    devtools.select(echoed.id)
    await waitFor(root, `#detail[data-job-id="${echoed.id}"][data-state="completed"]`)
    expect(find(root, '#detail-data').textContent).toContain(hostile)
    expect(find(root, '#detail-result').textContent).toContain(hostile)
    expect(find(root, '#detail [data-section="timings"]').textContent).toContain('Duration')

    devtools.select(failing.id)
    await waitFor(root, `#detail[data-job-id="${failing.id}"][data-state="failed"]`)
    expect([...root.querySelectorAll('#detail .error .attempt-tag')].map((e) => e.textContent)).toEqual(['Attempt 1', 'Attempt 2'])
    expect([...root.querySelectorAll('#detail .error-message')].map((e) => e.textContent)).toEqual(['attempt 1 failed', 'attempt 2 failed'])

    devtools.select(logged.id)
    await waitFor(root, `#detail[data-job-id="${logged.id}"][data-state="completed"]`)
    expect([...root.querySelectorAll('#detail .log code')].map((e) => e.textContent)).toEqual(['first row', hostile])

    expect(root.querySelectorAll('img').length).toBe(0)
    expect(root.innerHTML).not.toContain('<img')
    expect('__owned' in window).toBe(false)
  })

  it('cancels, retries, promotes and removes from the detail panel, pauses and resumes a queue, cleans', async () => {
    const queue = await fixture.open({ autostart: false })
    const delayed = await queue.add('double', { n: 1 }, { delay: 60_000 })
    const { devtools, root } = mount(queue)
    devtools.select(delayed.id)
    await waitFor(root, '#detail[data-state="delayed"]')
    click(root, '#detail [data-action="cancel"]')
    await waitFor(root, '#detail[data-state="canceled"]')
    click(root, '#detail [data-action="retry"]')
    await waitFor(root, '#detail[data-state="waiting"]')
    expect((await queue.get(delayed.id))?.state).toBe('waiting')

    const later = await queue.add('double', { n: 2 }, { delay: 60_000 })
    devtools.select(later.id)
    await waitFor(root, `#detail[data-job-id="${later.id}"][data-state="delayed"]`)
    click(root, '#detail [data-action="promote"]')
    await waitFor(root, `#detail[data-job-id="${later.id}"][data-state="waiting"]`)

    click(root, '#queue-list tr[data-queue="default"] [data-action="toggle-pause"]')
    await waitFor(root, '#queue-list tr[data-queue="default"][data-paused="true"]')
    expect(await queue.isPaused('default')).toBe(true)
    await queue.start()
    click(root, '#queue-list tr[data-queue="default"] [data-action="toggle-pause"]')
    await waitFor(root, '#queue-list tr[data-queue="default"][data-paused="false"]')
    await waitForText(root, '.state-card[data-state="completed"] .state-count', '2')

    click(root, '#detail [data-action="remove"]')
    await waitFor(root, '#detail[data-job-id=""]')
    expect(await queue.get(later.id)).toBeUndefined()
    click(root, '#clean-completed')
    await waitFor(root, '.toast', (toast) => toast.textContent === 'Removed 1 completed job.')
    await waitForText(root, '.state-card[data-state="completed"] .state-count', '0')
  })

  it('shows the stored schedules in their own view, and removes one', async () => {
    const queue = await fixture.open({ autostart: false })
    await queue.upsertScheduler('nightly', { pattern: '0 3 * * *', tz: 'Europe/Paris' }, { name: 'double', data: { n: 1 } })
    const { root } = mount(queue)
    click(root, '[data-tab="schedules"]')
    const row = await waitFor(root, '#schedules tr[data-schedule="nightly"]')
    expect(row.textContent).toContain('0 3 * * * (Europe/Paris)')
    expect(find(root, '[data-view="jobs"]').hidden).toBe(true)
    click(root, '#schedules tr[data-schedule="nightly"] [data-action="remove-schedule"]')
    await waitFor(root, '#schedules-panel .empty', (empty) => !empty.hidden)
    expect(await queue.getSchedulers()).toEqual([])
  })

  it('leaves nothing behind after unmount(): no element, no queue listener, no read', async () => {
    const queue = await fixture.open({ autostart: false })
    const counted = countListeners(queue)
    let reads = 0
    const reading = { ...counted.queue, counts: (...args: Parameters<typeof queue.counts>) => (reads++, queue.counts(...args)) }
    const { devtools, root } = mount(reading)
    await queue.add('double', { n: 1 })
    await waitForText(root, '.state-card[data-state="waiting"] .state-count', '1')
    expect(counted.live()).toBeGreaterThan(0)
    devtools.unmount()
    devtools.unmount()
    expect(devtools.host.isConnected).toBe(false)
    expect(counted.live()).toBe(0)
    const before = reads
    await queue.add('double', { n: 2 })
    await devtools.refresh()
    expect(reads).toBe(before)
  })

  it('refuses bad arguments with a ValidationError that names them', () => {
    const element = document.createElement('div')
    expect(() => mountDevtools(null as never, element)).toThrow(ValidationError)
    expect(() => mountDevtools({} as never, 'body' as never)).toThrow('Expected `element` to be a DOM element, got "body"')
    expect(() => mountDevtools({} as never, element, { pageSize: 0 })).toThrow('Expected `options.pageSize` to be an integer >= 1, got 0')
    expect(() => mountDevtools({} as never, element, { queues: ['ok', ''] })).toThrow('Expected `options.queues[1]` to be a non-empty string, got ""')
    expect(element.childElementCount).toBe(0)
  })
})
