import type { Job } from '../job/job.js'
import { JOB_STATES, type JobState } from '../job/job-states.js'
import { el } from './dom.js'
import { clock, count, duration, shortId } from './format.js'
import { showProgress } from './progress-bar.js'
import { throttledDraw } from './throttled-draw.js'

/** What the table asks of the page. */
export interface TableActions {
  select(id: string): void
  filter(change: { state?: JobState | undefined; queue?: string | undefined }): void
  /** Go `delta` pages forward (or back). */
  turn(delta: number): void
  /** Find jobs by name, or one job by its id (empty: every job). */
  search(text: string): void
  cleanCompleted(): void
}

/** What one render shows. */
export interface TableView {
  jobs: Job[]
  /** Jobs that match the filter, over every page; unknown for a search by name (no count by name). */
  total: number | undefined
  offset: number
  pageSize: number
  selected: string | undefined
  state: JobState | undefined
  queue: string | undefined
  queues: string[]
  search: string
}

interface Cells {
  name: HTMLElement
  id: HTMLElement
  queue: HTMLElement
  badge: HTMLElement
  priority: HTMLElement
  attempts: HTMLElement
  progress: HTMLElement
  created: HTMLElement
  duration: HTMLElement
}

const HEADINGS = ['Job', 'Queue', 'State', 'Priority', 'Attempts', 'Progress', 'Created', 'Duration']

/** A state badge; its colour comes from `data-state`. */
export function badge(state: JobState): HTMLElement {
  return el('span', { class: 'badge', 'data-state': state }, state)
}

/**
 * The jobs table: filters, one page of jobs (newest first) and a pager. Rows are keyed by job
 * id and updated in place, so live events change a row without rebuilding the table.
 */
export function jobsTable(panel: HTMLElement, actions: TableActions) {
  const stateFilter = el('select', { id: 'filter-state', 'aria-label': 'Filter by state' },
    el('option', { value: '' }, 'All states'), ...JOB_STATES.map((state) => el('option', { value: state }, state)))
  const queueFilter = el('select', { id: 'filter-queue', 'aria-label': 'Filter by queue' }, el('option', { value: '' }, 'All queues'))
  const search = el('input', { type: 'search', id: 'search', placeholder: 'Name or id', 'aria-label': 'Search jobs by name or id' })
  const clean = el('button', { type: 'button', id: 'clean-completed', class: 'ghost' }, 'Clean completed')
  const tbody = el('tbody')
  const empty = el('p', { class: 'empty', hidden: true }, 'No jobs match.')
  const range = el('span', { class: 'pager-range' })
  const prev = el('button', { type: 'button', class: 'small', 'data-page': 'prev', 'aria-label': 'Previous page' }, '‹ Prev')
  const next = el('button', { type: 'button', class: 'small', 'data-page': 'next', 'aria-label': 'Next page' }, 'Next ›')
  const rows = new Map<string, HTMLTableRowElement>()
  const cells = new WeakMap<HTMLTableRowElement, Cells>()
  // Live changes wait for the next draw: the latest snapshot and progress of each job win.
  const patches = new Map<string, Job>()
  const progresses = new Map<string, unknown>()
  const drawPatches = throttledDraw(() => {
    for (const [id, job] of patches) {
      const tr = rows.get(id)
      if (tr) fill(tr, job)
    }
    for (const [id, progress] of progresses) {
      const tr = rows.get(id)
      if (tr && tr.dataset.state === 'active') showProgress(cells.get(tr)!.progress, progress, 'active')
    }
    patches.clear()
    progresses.clear()
  }, 100)

  panel.append(
    el('div', { class: 'toolbar' }, el('h2', {}, 'Jobs'), stateFilter, queueFilter, search, el('span', { class: 'spacer' }), clean),
    el('div', { class: 'table-wrap' }, el('table', { class: 'jobs', id: 'jobs' },
      el('thead', {}, el('tr', {}, ...HEADINGS.map((h) => el('th', { scope: 'col' }, h)))), tbody)),
    empty,
    el('div', { class: 'pager' }, range, prev, next),
  )
  stateFilter.addEventListener('change', () => actions.filter({ state: (stateFilter.value || undefined) as JobState | undefined }))
  queueFilter.addEventListener('change', () => actions.filter({ queue: queueFilter.value || undefined }))
  // On Enter or when cleared, not on each key: a search is a storage read.
  search.addEventListener('change', () => actions.search(search.value.trim()))
  clean.addEventListener('click', () => actions.cleanCompleted())
  prev.addEventListener('click', () => actions.turn(-1))
  next.addEventListener('click', () => actions.turn(1))

  function createRow(id: string): HTMLTableRowElement {
    const c: Cells = {
      name: el('span', { class: 'job-name' }), id: el('span', { class: 'job-id' }), queue: el('td', { class: 'mono' }),
      badge: el('td'), priority: el('td', { class: 'num' }), attempts: el('td', { class: 'num attempts' }),
      progress: el('td', { class: 'progress-cell' }), created: el('td', { class: 'mono muted' }), duration: el('td', { class: 'num' }),
    }
    const tr = el('tr', { 'data-id': id, tabindex: 0 }, el('td', { class: 'job-cell' }, c.name, c.id),
      c.queue, c.badge, c.priority, c.attempts, c.progress, c.created, c.duration)
    tr.addEventListener('click', () => actions.select(id))
    tr.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault()
        actions.select(id)
      }
    })
    cells.set(tr, c)
    return tr
  }

  function fill(tr: HTMLTableRowElement, job: Job): void {
    const c = cells.get(tr)!
    tr.dataset.name = job.name
    tr.dataset.queue = job.queue
    tr.dataset.state = job.state
    c.name.textContent = job.name
    c.id.textContent = shortId(job.id)
    c.queue.textContent = job.queue
    if (c.badge.textContent !== job.state) c.badge.replaceChildren(badge(job.state))
    c.priority.textContent = String(job.priority)
    c.attempts.textContent = `${job.attempts}/${job.maxAttempts}`
    showProgress(c.progress, job.progress, job.state)
    c.created.textContent = clock(job.createdAt)
    c.duration.textContent = job.state === 'active' ? 'running…' : duration(job.duration)
  }

  function syncQueues(queues: string[], current: string | undefined): void {
    const have = [...queueFilter.options].slice(1).map((o) => o.value)
    if (have.join('\n') !== queues.join('\n')) {
      queueFilter.replaceChildren(el('option', { value: '' }, 'All queues'), ...queues.map((q) => el('option', { value: q }, q)))
    }
    queueFilter.value = current ?? ''
  }

  return {
    render(view: TableView): void {
      patches.clear()
      const shown = new Set(view.jobs.map((j) => j.id))
      for (const id of rows.keys()) if (!shown.has(id)) rows.delete(id)
      tbody.replaceChildren(...view.jobs.map((job) => {
        let tr = rows.get(job.id)
        if (!tr) rows.set(job.id, (tr = createRow(job.id)))
        fill(tr, job)
        tr.setAttribute('aria-selected', String(job.id === view.selected))
        return tr
      }))
      empty.hidden = view.jobs.length > 0
      stateFilter.value = view.state ?? ''
      // Never under the reader's fingers: a live refresh must not rewrite what is being typed.
      if (!search.matches(':focus') && search.value.trim() !== view.search) search.value = view.search
      syncQueues(view.queues, view.queue)
      const first = view.jobs.length === 0 ? 0 : view.offset + 1
      const of = view.total === undefined ? '' : ` of ${count(view.total)}`
      range.textContent = `${count(first)}–${count(view.offset + view.jobs.length)}${of}`
      prev.disabled = view.offset === 0
      next.disabled = view.total === undefined ? view.jobs.length < view.pageSize : view.offset + view.pageSize >= view.total
    },

    /** A snapshot from an event: refresh its row now, if it is on this page. */
    patch(job: Job): void {
      if (!rows.has(job.id)) return
      patches.set(job.id, job)
      progresses.delete(job.id)
      drawPatches()
    },

    progress(id: string, progress: unknown): void {
      if (!rows.has(id)) return
      progresses.set(id, progress)
      drawPatches()
    },

    select(id: string | undefined): void {
      for (const [rowId, tr] of rows) tr.setAttribute('aria-selected', String(rowId === id))
    },
  }
}
