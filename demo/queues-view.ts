import type { JobState } from 'docket'
import { el } from './dom'
import { count } from './format'

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
  item: HTMLLIElement
  stats: HTMLElement
  toggle: HTMLButtonElement
  paused: boolean
}

/** The queues panel: per named queue, its live counts and a pause/resume switch. */
export function queuesView(list: HTMLElement, actions: QueueActions) {
  const rows = new Map<string, Row>()

  function row(name: string): Row {
    const existing = rows.get(name)
    if (existing) return existing
    const stats = el('span', { class: 'queue-stats' })
    const toggle = el('button', { type: 'button', class: 'small', 'data-action': 'toggle-pause' }, 'Pause')
    const pick = el('button', { type: 'button', class: 'queue-name link', title: `Show the jobs of ${name}` }, name)
    const item = el('li', { class: 'queue-row', 'data-queue': name }, pick, el('span', { class: 'paused-tag' }, 'paused'), stats, toggle)
    const r: Row = { item, stats, toggle, paused: false }
    toggle.addEventListener('click', () => actions.setPaused(name, !r.paused))
    pick.addEventListener('click', () => actions.pick(name))
    rows.set(name, r)
    return r
  }

  return {
    render(queues: QueueRow[], filter: string | undefined): void {
      list.replaceChildren(...queues.map(({ name, counts, paused }) => {
        const r = row(name)
        r.paused = paused
        r.item.dataset.paused = String(paused)
        r.item.setAttribute('aria-current', String(filter === name))
        r.toggle.textContent = paused ? 'Resume' : 'Pause'
        const pending = counts.waiting + counts.delayed
        r.stats.replaceChildren(
          el('span', { title: 'waiting and delayed' }, `${count(pending)} pending`),
          el('span', { class: counts.active ? 'is-active' : '' }, `${count(counts.active)} active`),
          el('span', {}, `${count(counts.completed)} done`),
          el('span', { class: counts.failed ? 'is-failed' : '' }, `${count(counts.failed)} failed`),
        )
        return r.item
      }))
    },
  }
}
