import type { Schedule } from '../../schedules/schedule-types.js'
import { el } from '../dom.js'
import { count, json, preciseClock } from '../format.js'
import type { DevtoolsView, PanelContext } from '../panel-context.js'

const HEADINGS = ['Schedule', 'Spec', 'Job', 'Next run', 'Last slot', 'Jobs made', '']

/** How a spec reads: "every 15 min", "0 3 * * * (Europe/Paris)". */
function describeSpec(spec: Schedule['spec']): string {
  const base = spec.pattern !== undefined ? spec.pattern : `every ${json(spec.every)} ms`
  return spec.tz ? `${base} (${spec.tz})` : base
}

/**
 * The stored schedules (`queue.getSchedulers()`): each one's spec, the job it makes, when it
 * runs next and how many jobs it made; a schedule can be removed (its jobs stay).
 */
export const schedulesView: DevtoolsView = {
  id: 'schedules',
  label: 'Schedules',
  available: (queue) => typeof queue.getSchedulers === 'function',
  mount(root: HTMLElement, context: PanelContext) {
    const tbody = el('tbody')
    const empty = el('p', { class: 'empty', hidden: true }, 'No schedules. `queue.upsertScheduler(id, spec, template)` adds one.')
    root.append(el('section', { class: 'panel', id: 'schedules-panel' },
      el('div', { class: 'toolbar' }, el('h2', {}, 'Schedules')),
      el('div', { class: 'table-wrap' }, el('table', { class: 'schedules', id: 'schedules' },
        el('thead', {}, el('tr', {}, ...HEADINGS.map((h) => el('th', { scope: 'col' }, h)))), tbody)),
      empty))

    function row(schedule: Schedule): HTMLTableRowElement {
      const remove = el('button', { type: 'button', class: 'small danger', 'data-action': 'remove-schedule' }, 'Remove')
      remove.addEventListener('click', () => {
        context.queue.removeScheduler(schedule.id).then(() => {
          context.notify(`Removed schedule ${schedule.id}; its jobs stay.`)
          context.refreshSoon()
        }, context.report)
      })
      return el('tr', { 'data-schedule': schedule.id },
        el('td', { class: 'mono' }, schedule.id),
        el('td', { class: 'mono' }, describeSpec(schedule.spec)),
        el('td', { class: 'mono' }, schedule.template.name),
        el('td', { class: 'mono', 'data-field': 'next' }, preciseClock(schedule.nextRunAt)),
        el('td', { class: 'mono' }, preciseClock(schedule.lastSlot)),
        el('td', { class: 'num', 'data-field': 'count' }, count(schedule.count)),
        el('td', {}, remove))
    }

    return {
      async refresh() {
        const schedules: Schedule[] = await context.queue.getSchedulers()
        tbody.replaceChildren(...schedules.map(row))
        empty.hidden = schedules.length > 0
      },
    }
  },
}
