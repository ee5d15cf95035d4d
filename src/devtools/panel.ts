import { JOB_STATES, type JobState } from '../job/job-states.js'
import type { QueueEventName } from '../queue/queue-events.js'
import { coalescedRefresh } from './coalesced-refresh.js'
import { el } from './dom.js'
import type { DevtoolsView, MountedView, PanelContext, PanelFilter, PanelQueue } from './panel-context.js'
import { queueSummary } from './queue-summary.js'
import { queuesView } from './queues-view.js'
import { stateCounts } from './state-counts.js'
import { toasts } from './toasts.js'

/** What `createPanel` needs: the queue, the settings, the views. */
export interface PanelSettings {
  queue: PanelQueue
  queues: readonly string[]
  pageSize: number
  refreshGap: number
  views: readonly DevtoolsView[]
}

const CHANGES = ['added', 'active', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'duplicate', 'step', 'removed', 'paused', 'resumed', 'idle'] as const

/**
 * The panel inside its shadow root: counts per state, the named queues with pause and resume,
 * and the views as tabs. Views change on the queue's events (this context's and every other
 * context's); storage is read again on a coalesced refresh, whatever the event rate.
 */
export function createPanel(root: HTMLElement, settings: PanelSettings) {
  const { queue } = settings
  const listeners: Array<[QueueEventName, (payload: any) => void]> = []
  const queueNames = new Set(settings.queues)
  const filter: PanelFilter = { state: undefined, queue: undefined }
  let totals = Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>
  const summary = queueSummary(queue)

  const toastRoot = el('div', { class: 'toasts' })
  const notify = toasts(toastRoot)
  const report = (error: unknown): void => notify(error instanceof Error ? error.message : String(error), 'error')
  // One refresh at a time, in order: a later one never draws before an earlier one's older reads.
  let chain: Promise<void> = Promise.resolve()
  const refreshInOrder = (): Promise<void> => (chain = chain.catch(() => {}).then(refresh))
  const refresher = coalescedRefresh(refreshInOrder, settings.refreshGap, report)

  const context: PanelContext = {
    queue,
    queueNames,
    filter,
    get totals() {
      return totals
    },
    pageSize: settings.pageSize,
    setFilter(change) {
      Object.assign(filter, change)
      show('jobs')
      refresher.soon()
    },
    select(id) {
      show('jobs')
      mounted.get('jobs')?.view.select?.(id)
    },
    refreshSoon: () => refresher.soon(),
    notify,
    report,
    on(event, fn) {
      listeners.push([event, fn])
      queue.on(event, fn)
    },
  }

  const countsRoot = el('div', { class: 'state-counts', id: 'state-counts', role: 'group', 'aria-label': 'Jobs per state' })
  const counts = stateCounts(countsRoot, (state) => context.setFilter({ state: filter.state === state ? undefined : state }))
  const queueList = el('tbody', { id: 'queue-list' })
  // In its table before `queuesView` runs: it adds the table's head.
  const queueTable = el('table', { class: 'queues' }, queueList)
  const queues = queuesView(queueList, {
    setPaused: (name, paused) => void (paused ? queue.pause(name) : queue.resume(name)).then(() => refresher.soon(), report),
    pick: (name) => context.setFilter({ queue: filter.queue === name ? undefined : name }),
  })

  const tabs = el('div', { class: 'tabs', role: 'tablist' })
  const main = el('div', { class: 'main' }, tabs)
  const mounted = new Map<string, { tab: HTMLButtonElement; section: HTMLElement; view: MountedView }>()
  for (const view of settings.views) {
    if (view.available && !view.available(queue)) continue
    const section = el('section', { 'data-view': view.id, role: 'tabpanel', hidden: true })
    const tab = el('button', { type: 'button', class: 'tab', role: 'tab', 'data-tab': view.id, 'aria-selected': 'false' }, view.label)
    tab.addEventListener('click', () => show(view.id))
    tabs.append(tab)
    main.append(section)
    mounted.set(view.id, { tab, section, view: view.mount(section, context) })
  }
  let shown = mounted.keys().next().value as string | undefined

  function show(id: string): void {
    if (!mounted.has(id)) return
    const changed = id !== shown
    shown = id
    for (const [viewId, { tab, section }] of mounted) {
      tab.setAttribute('aria-selected', String(viewId === id))
      section.hidden = viewId !== id
    }
    if (changed) refresher.soon()
  }
  if (shown) show(shown)

  root.append(
    el('div', { class: 'devtools' },
      countsRoot,
      el('div', { class: 'body' },
        el('aside', { class: 'side' }, el('section', { class: 'panel' }, el('h2', {}, 'Queues'), queueTable)),
        main)),
    toastRoot)

  async function refresh(): Promise<void> {
    const read = await summary.read([...queueNames], filter.queue)
    totals = read.totals
    if (read.partial) refresher.soon()
    counts.render(totals, filter.state)
    queues.render(read.queues, filter.queue)
    if (shown) await mounted.get(shown)!.view.refresh()
  }

  for (const event of CHANGES) {
    context.on(event, (payload) => {
      const job = (payload as { job?: { queue: string } } | undefined)?.job
      if (job) queueNames.add(job.queue)
      summary.changed()
      refresher.soon()
    })
  }
  context.on('error', ({ error }) => report(error))
  refresher.soon()

  return {
    /** Shows this job in the jobs view (or closes the detail). */
    select(id: string | undefined): void {
      if (id !== undefined) return context.select(id)
      show('jobs')
      mounted.get('jobs')?.view.select?.(id)
    },
    /** Shows the view of this id. */
    show,
    /** Reads storage and draws now; resolves once drawn. */
    refresh: refreshInOrder,
    dispose(): void {
      refresher.dispose()
      for (const [event, fn] of listeners.splice(0)) queue.off(event, fn)
    },
  }
}
