import type { BlockedKey } from 'docket'
import { el } from './dom'
import { shortId } from './format'

/** What the blocked-keys panel may do. */
export interface BlockedKeysActions {
  open(id: string): void
  retry(id: string): void
  remove(id: string): void
}

/**
 * Ordering keys blocked by a job that failed for good: the rest of each key waits until that
 * job is retried (it runs again first) or removed. The panel hides while none is blocked.
 */
export function blockedKeysView(panel: HTMLElement, list: HTMLElement, actions: BlockedKeysActions) {
  return {
    render(keys: BlockedKey[]): void {
      panel.hidden = keys.length === 0
      list.replaceChildren(...keys.map(({ key, jobId }) => {
        const open = el('button', { type: 'button', class: 'link mono' }, shortId(jobId))
        const retry = el('button', { type: 'button', class: 'small' }, 'retry')
        const remove = el('button', { type: 'button', class: 'small' }, 'remove')
        open.addEventListener('click', () => actions.open(jobId))
        retry.addEventListener('click', () => actions.retry(jobId))
        remove.addEventListener('click', () => actions.remove(jobId))
        return el('li', { 'data-key': key }, el('span', { class: 'mono' }, key), ' by ', open, ' ', retry, ' ', remove)
      }))
    },
  }
}
