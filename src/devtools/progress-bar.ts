import type { JobState } from '../job/job-states.js'
import { el } from './dom.js'
import { json, percent } from './format.js'

/**
 * Shows a job's progress in `cell`: a bar for a number 0..100, the value as text for anything
 * else (progress may be any cloneable value), a dash when the job never reported any. The bar
 * is reused, so its width animates instead of jumping.
 */
export function showProgress(cell: HTMLElement, progress: unknown, state: JobState): void {
  const value = percent(progress)
  const reported = value !== undefined ? value > 0 || state === 'active' : progress !== undefined && progress !== null
  if (!reported) {
    if (cell.dataset.kind !== 'none') cell.replaceChildren(el('span', { class: 'muted' }, '—'))
    cell.dataset.kind = 'none'
    return
  }
  if (value === undefined) {
    cell.replaceChildren(el('code', { class: 'progress-value' }, json(progress)))
    cell.dataset.kind = 'value'
    return
  }
  let bar = cell.querySelector<HTMLElement>('.bar')
  if (!bar) {
    bar = el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-label': 'Progress' },
      el('div', { class: 'track' }, el('div', { class: 'fill' })), el('span', { class: 'bar-label' }))
    cell.replaceChildren(bar)
    cell.dataset.kind = 'bar'
  }
  bar.setAttribute('aria-valuenow', String(value))
  bar.dataset.state = state
  const [track, label] = bar.children as unknown as [HTMLElement, HTMLElement]
  const fill = track.firstElementChild as HTMLElement
  fill.style.width = `${value}%`
  label.textContent = `${value}%`
}
