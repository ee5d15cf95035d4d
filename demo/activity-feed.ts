import { el } from '../src/devtools/dom'
import { preciseClock, shortId } from '../src/devtools/format'
import { throttledDraw } from '../src/devtools/throttled-draw'

/** One line of the feed. */
export interface Activity {
  event: string
  job?: { id: string; name: string; queue: string }
  text?: string
}

const MAX = 60

/**
 * The activity feed: the queue's events as they arrive, from this tab and the others. A burst
 * sends thousands of events; they are buffered and drawn a few times a second, newest first.
 */
export function activityFeed(list: HTMLElement, select: (id: string) => void) {
  let buffer: Array<Activity & { at: number }> = []

  const draw = throttledDraw(() => {
    const items = buffer.slice(-MAX).reverse().map(({ at, event, job, text }) => {
      const item = el('li', { 'data-event': event },
        el('time', { class: 'muted' }, preciseClock(at)),
        el('span', { class: 'event', 'data-event': event }, event),
        job ? el('button', { type: 'button', class: 'link mono' }, `${job.name} ${shortId(job.id)}`) : el('span', {}, ''),
        el('span', { class: 'muted feed-text' }, text ?? (job ? job.queue : '')))
      if (job) item.querySelector('button')!.addEventListener('click', () => select(job.id))
      return item
    })
    buffer = []
    list.prepend(...items)
    while (list.childElementCount > MAX) list.lastElementChild!.remove()
  }, 250)

  return {
    push(activity: Activity): void {
      buffer.push({ ...activity, at: Date.now() })
      if (buffer.length > MAX) buffer.splice(0, buffer.length - MAX)
      draw()
    },
  }
}
