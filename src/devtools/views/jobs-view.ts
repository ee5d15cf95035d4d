import type { Job } from '../../job/job.js'
import { el } from '../dom.js'
import { count, shortId } from '../format.js'
import { jobDetail, type DetailAction } from '../job-detail.js'
import { jobsTable } from '../jobs-table.js'
import type { DevtoolsView, PanelContext } from '../panel-context.js'

const LIVE_EVENTS = ['added', 'active', 'completed', 'failed', 'retrying', 'canceled', 'stalled', 'duplicate', 'step'] as const

/**
 * The jobs: one page of the filtered list (newest first) with search by name or id, and the
 * detail of the selected job with its actions. Rows follow events at once; the page is read
 * again on the panel's coalesced refresh.
 */
export const jobsView: DevtoolsView = {
  id: 'jobs',
  label: 'Jobs',
  mount(root: HTMLElement, context: PanelContext) {
    const { queue } = context
    let offset = 0
    let search = ''
    let selected: string | undefined
    let detailDirty = false

    const listPanel = el('section', { class: 'panel', id: 'jobs-panel' })
    const detailPanel = el('section', { class: 'panel detail', id: 'detail', 'aria-live': 'polite' })
    root.classList.add('jobs-view')
    root.append(listPanel, detailPanel)

    const table = jobsTable(listPanel, {
      select,
      filter(change) {
        offset = 0
        context.setFilter(change)
      },
      turn(delta) {
        offset = Math.max(0, offset + delta * context.pageSize)
        context.refreshSoon()
      },
      search(text) {
        search = text
        offset = 0
        context.refreshSoon()
      },
      cleanCompleted() {
        queue.clean({ state: 'completed' }).then((n: number) => {
          context.notify(`Removed ${count(n)} completed job${n === 1 ? '' : 's'}.`)
          context.refreshSoon()
        }, context.report)
      },
    })
    const detail = jobDetail(detailPanel, { act, close: () => select(undefined) })
    detail.render(undefined, [])

    function select(id: string | undefined): void {
      selected = id
      table.select(id)
      void loadDetail().catch(context.report)
    }

    async function act(action: DetailAction, id: string): Promise<void> {
      try {
        if (action === 'remove') {
          if (await queue.remove(id)) context.notify(`Removed job ${shortId(id)}.`)
          if (selected === id) select(undefined)
        } else {
          const job = await queue[action](id)
          if (action === 'promote' && job?.state === 'delayed') context.notify('Only a delayed job can be promoted.', 'warn')
        }
      } catch (error) {
        context.notify((error as Error).message, 'warn')
      }
      // Retry and promote have no public event of their own: the panel reads again.
      detailDirty = true
      context.refreshSoon()
    }

    let detailRequest = 0
    async function loadDetail(): Promise<void> {
      const id = selected
      const request = ++detailRequest
      detailDirty = false
      const job: Job | undefined = id === undefined ? undefined : await queue.get(id)
      const logs = job ? await job.getLogs() : []
      // A flow's job shows its prerequisites and dependents with their states.
      const others = job ? await Promise.all([...(job.dependsOn ?? []), ...(job.dependents ?? [])].map((other) => queue.get(other))) : []
      if (request !== detailRequest) return
      if (id !== undefined && !job) selected = undefined
      detail.render(job, logs, others.filter((other): other is Job => other !== undefined))
    }

    /** One page of the filter, and how many match: a search by id finds one job, by name a page. */
    async function readPage(): Promise<{ jobs: Job[]; total: number | undefined }> {
      const { state, queue: name } = context.filter
      if (search) {
        const byId = await queue.get(search)
        if (byId) return { jobs: [byId], total: 1 }
      }
      const jobs: Job[] = await queue.list({
        ...(state ? { state } : {}), ...(name ? { queue: name } : {}), ...(search ? { name: search } : {}),
        limit: context.pageSize, offset, order: 'desc',
      })
      if (search) return { jobs, total: undefined }
      const scope = name ? await queue.counts({ queue: name }) : context.totals
      return { jobs, total: state ? scope[state] : Object.values(scope).reduce((a, b) => a + b, 0) }
    }

    for (const event of LIVE_EVENTS) {
      context.on(event, ({ job }) => {
        table.patch(job)
        if (job.id === selected) detailDirty = true
      })
    }
    context.on('progress', ({ job, progress }) => {
      table.progress(job.id, progress)
      detail.progress(job.id, progress)
    })
    context.on('log', ({ job }) => {
      if (job.id !== selected) return
      detailDirty = true
      context.refreshSoon()
    })
    context.on('removed', ({ id }) => {
      if (id === selected) detailDirty = true
    })

    return {
      select,
      async refresh() {
        const { jobs, total } = await readPage()
        if (total !== undefined && offset > 0 && offset >= total) {
          // The page emptied (jobs were cleaned): step back to the last page that has jobs.
          offset = Math.max(0, Math.ceil(total / context.pageSize) - 1) * context.pageSize
          context.refreshSoon()
        }
        table.render({
          jobs, total, offset, pageSize: context.pageSize, selected, search,
          state: context.filter.state, queue: context.filter.queue, queues: [...context.queueNames],
        })
        if (detailDirty) await loadDetail()
      },
    }
  },
}
