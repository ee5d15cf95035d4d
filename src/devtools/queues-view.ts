import type { JobState } from '../job/job-states.js'
import { el } from './dom.js'
import { count } from './format.js'

/** One named queue as the panel shows it. */
export interface QueueRow {
  name: string
  counts: Record<JobState, number>
  paused: boolean
}

/** What the panel asks of the page. */
export interface QueueActions {
  /** Pause (`true`) or resume the named queue. */
  setPaused(queue: string, paused: boolean): void
  /** Filter the table to this queue (again: clear the filter). */
  pick(queue: string): void
}

interface Row {
  tr: HTMLTableRowElement
  numbers: HTMLTableCellElement[]
  toggle: HTMLButtonElement
  paused: boolean
}

const COLUMNS: Array<{ label: string; title: string; of: (c: Record<JobState, number>) => number; state: JobState }> = [
  { label: 'Pending', title: 'waiting and delayed', of: (c) => c.waiting + c.delayed, state: 'waiting' },
  { label: 'Active', title: 'active', of: (c) => c.active, state: 'active' },
  { label: 'Done', title: 'completed', of: (c) => c.completed, state: 'completed' },
  { label: 'Failed', title: 'failed', of: (c) => c.failed, state: 'failed' },
]

/** The queues panel: per named queue, its live counts and a pause/resume switch (pause is stored, so it holds in every tab). */
export function queuesView(tbody: HTMLTableSectionElement, actions: QueueActions) {
  const rows = new Map<string, Row>()
  tbody.closest('table')?.createTHead().append(el('tr', {},
    el('th', { scope: 'col' }, 'Queue'), ...COLUMNS.map((c) => el('th', { scope: 'col', class: 'num', title: c.title }, c.label)), el('th', {})))

  function row(name: string): Row {
    const existing = rows.get(name)
    if (existing) return existing
    const numbers = COLUMNS.map((c) => el('td', { class: 'num', 'data-count': c.state }))
    const toggle = el('button', { type: 'button', class: 'small', 'data-action': 'toggle-pause' }, 'Pause')
    const pick = el('button', { type: 'button', class: 'queue-name link', title: `Show the jobs of ${name}` }, name)
    const tr = el('tr', { 'data-queue': name }, el('td', {}, pick, el('span', { class: 'paused-tag' }, 'paused')), ...numbers, el('td', {}, toggle))
    const r: Row = { tr, numbers, toggle, paused: false }
    toggle.addEventListener('click', () => actions.setPaused(name, !r.paused))
    pick.addEventListener('click', () => actions.pick(name))
    rows.set(name, r)
    return r
  }

  return {
    render(queues: QueueRow[], filter: string | undefined): void {
      tbody.replaceChildren(...queues.map(({ name, counts, paused }) => {
        const r = row(name)
        r.paused = paused
        r.tr.dataset.paused = String(paused)
        r.tr.setAttribute('aria-current', String(filter === name))
        r.toggle.textContent = paused ? 'Resume' : 'Pause'
        COLUMNS.forEach((c, i) => {
          const n = c.of(counts)
          r.numbers[i]!.textContent = count(n)
          r.numbers[i]!.dataset.zero = String(n === 0)
        })
        return r.tr
      }))
    },
  }
}
