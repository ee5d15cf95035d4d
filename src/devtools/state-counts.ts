import { JOB_STATES, type JobState } from '../job/job-states.js'
import { el } from './dom.js'
import { count } from './format.js'

/** The row of state cards above the table: a live count per state; a click filters the table. */
export function stateCounts(root: HTMLElement, pick: (state: JobState) => void) {
  const numbers = new Map<JobState, { card: HTMLButtonElement; value: HTMLElement }>()
  // Every state, in the order a job usually moves through them.
  for (const state of JOB_STATES) {
    const value = el('span', { class: 'state-count' }, '0')
    const card = el('button', { type: 'button', class: 'state-card', 'data-state': state, 'aria-pressed': 'false', title: `Show ${state} jobs` },
      value, el('span', { class: 'state-label' }, state))
    card.addEventListener('click', () => pick(state))
    numbers.set(state, { card, value })
    root.append(card)
  }
  return {
    render(counts: Record<JobState, number>, filter: JobState | undefined): void {
      for (const [state, { card, value }] of numbers) {
        value.textContent = count(counts[state])
        card.setAttribute('aria-pressed', String(filter === state))
      }
    },
  }
}
