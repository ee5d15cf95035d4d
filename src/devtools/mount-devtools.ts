import type { Queue } from '../queue/queue.js'
import * as check from '../validate.js'
import { devtoolsOptions, type DevtoolsOptions } from './devtools-options.js'
import { el } from './dom.js'
import { createPanel } from './panel.js'
import { adoptStyles } from './panel-styles.js'
import { ALL_VIEWS } from './views/all-views.js'

/** A mounted panel. */
export interface Devtools {
  /** Removes the panel and its toggle, and every listener it added to the queue. May be called twice. */
  unmount(): void
  /** Shows this job's detail in the jobs view; `undefined` closes the detail. */
  select(id: string | undefined): void
  /** Reads storage and draws now (the panel also does on every event); resolves once drawn. */
  refresh(): Promise<void>
  /** The element the panel lives in, its shadow root open for tests and the curious. */
  readonly host: HTMLElement
}

/**
 * Mounts docket's devtools panel in `element`: counts per state, the named queues with pause and
 * resume, a paged and filtered list of jobs with search by name or id, a job's data, result,
 * errors, logs and timings with its actions, and the stored schedules. It lives in a shadow root
 * of its own (no framework, its styles inside it), renders every payload as text, and works
 * under a strict Content-Security-Policy. It shows every context's jobs, live.
 * @example
 * import { mountDevtools } from 'docket/devtools'
 * const devtools = mountDevtools(queue, document.querySelector('#jobs-panel')!)
 * // later
 * devtools.unmount()
 * @example
 * // One line, in development: a floating toggle in the corner opens the panel over the app.
 * if (import.meta.env.DEV) mountDevtools(queue, document.body, { floating: true })
 */
export function mountDevtools<J>(queue: Queue<J>, element: Element, options?: DevtoolsOptions): Devtools {
  check.object('queue', queue)
  if (typeof Element === 'undefined' || !(element instanceof (element?.ownerDocument?.defaultView?.Element ?? Element))) {
    check.fail('element', 'a DOM element', element)
  }
  const settings = devtoolsOptions(options)
  const doc = element.ownerDocument
  // A host of its own: `element` may be `document.body` or anything else that must keep its children.
  const host = doc.createElement('div')
  host.dataset.docketDevtools = ''
  const shadow = host.attachShadow({ mode: 'open' })
  adoptStyles(shadow)
  const frame = el('div', { class: settings.floating ? 'floating' : 'embedded' })
  shadow.append(frame)
  const panel = createPanel(frame, { ...settings, queue, views: ALL_VIEWS })

  if (settings.floating) {
    const toggle = el('button', { type: 'button', class: 'toggle', 'aria-expanded': String(settings.open), 'aria-label': 'docket devtools' }, 'docket')
    frame.hidden = !settings.open
    toggle.addEventListener('click', () => {
      frame.hidden = !frame.hidden
      toggle.setAttribute('aria-expanded', String(!frame.hidden))
      if (!frame.hidden) void panel.refresh()
    })
    shadow.append(toggle)
  }
  element.append(host)

  let mounted = true
  return {
    host,
    unmount() {
      if (!mounted) return
      mounted = false
      panel.dispose()
      host.remove()
    },
    select: (id) => panel.select(id),
    refresh: () => (mounted ? panel.refresh() : Promise.resolve()),
  }
}
