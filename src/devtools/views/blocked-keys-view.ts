import type { BlockedKey } from '../../storage/ordering.js'
import { el } from '../dom.js'
import { shortId } from '../format.js'
import type { DevtoolsView, PanelContext } from '../panel-context.js'

/**
 * Ordering keys blocked by a job that failed for good (`queue.blockedKeys()`): the rest of each
 * key waits until that job is retried (it runs again first) or removed. Each row opens the job
 * in the jobs view, or retries or removes it here.
 */
export const blockedKeysView: DevtoolsView = {
  id: 'blocked-keys',
  label: 'Blocked keys',
  available: (queue) => typeof queue.blockedKeys === 'function',
  mount(root: HTMLElement, context: PanelContext) {
    const list = el('ul', { class: 'blocked', id: 'blocked-list' })
    const empty = el('p', { class: 'empty', hidden: true }, 'No blocked keys: every ordering key is moving.')
    root.append(el('section', { class: 'panel', id: 'blocked-keys' },
      el('div', { class: 'toolbar' }, el('h2', {}, 'Blocked keys')), list, empty))
    // The keyBlocked and keyUnblocked events of every tab say when to read again.
    context.on('keyBlocked', () => context.refreshSoon())
    context.on('keyUnblocked', () => context.refreshSoon())

    function act(action: 'retry' | 'remove', id: string): void {
      context.queue[action](id).then(() => context.refreshSoon(), context.report)
    }

    function row({ key, jobId }: BlockedKey): HTMLLIElement {
      const open = el('button', { type: 'button', class: 'link mono', 'data-action': 'open' }, shortId(jobId))
      const retry = el('button', { type: 'button', class: 'small', 'data-action': 'retry' }, 'retry')
      const remove = el('button', { type: 'button', class: 'small danger', 'data-action': 'remove' }, 'remove')
      open.addEventListener('click', () => context.select(jobId))
      retry.addEventListener('click', () => act('retry', jobId))
      remove.addEventListener('click', () => act('remove', jobId))
      return el('li', { 'data-key': key }, el('span', { class: 'mono' }, key), ' by ', open, ' ', retry, ' ', remove)
    }

    return {
      async refresh() {
        const keys: BlockedKey[] = await context.queue.blockedKeys()
        list.replaceChildren(...keys.map(row))
        empty.hidden = keys.length > 0
      },
    }
  },
}
