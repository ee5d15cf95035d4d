import type { Queue } from 'docket'
import { el } from '../src/devtools/dom'
import type { Jobs } from './jobs.worker'
import type { ToastKind } from '../src/devtools/toasts'

const NAMES = ['echo', 'noop', 'sendEmail', 'sendReminder', 'syncAccount', 'fetchFeed', 'slowReport', 'blurImage'] satisfies Array<keyof Jobs>

function field(label: string, control: HTMLElement): HTMLElement {
  return el('label', { class: 'field' }, el('span', {}, label), control)
}

/**
 * A form to add any job by hand: name, queue, priority, delay, attempts and JSON data. Whatever
 * the data holds is stored and shown as text.
 */
export function customJobForm(root: HTMLElement, queue: Queue<Jobs>, open: (id: string) => void, toast: (message: string, kind?: ToastKind) => void): void {
  const name = el('select', { name: 'name', id: 'custom-name' }, ...NAMES.map((n) => el('option', { value: n }, n)))
  const queueName = el('input', { name: 'queue', id: 'custom-queue', value: 'default', required: true, autocomplete: 'off' })
  const priority = el('input', { name: 'priority', id: 'custom-priority', type: 'number', value: 0, step: 1 })
  const delay = el('input', { name: 'delay', id: 'custom-delay', type: 'number', value: 0, min: 0, step: 500 })
  const attempts = el('input', { name: 'attempts', id: 'custom-attempts', type: 'number', value: 3, min: 1, step: 1 })
  const data = el('textarea', { name: 'data', id: 'custom-data', rows: 3, spellcheck: 'false' })
  data.value = '{ "hello": "world" }'
  const form = el('form', { class: 'custom-job', id: 'custom-job' },
    el('div', { class: 'field-row' }, field('Name', name), field('Queue', queueName)),
    el('div', { class: 'field-row' }, field('Priority', priority), field('Delay (ms)', delay), field('Attempts', attempts)),
    field('Data (JSON)', data),
    el('button', { type: 'submit', class: 'primary' }, 'Add job'))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    let payload: unknown
    try {
      payload = JSON.parse(data.value)
    } catch (error) {
      toast(`Data is not JSON: ${(error as Error).message}`, 'error')
      return
    }
    queue.add(name.value as keyof Jobs, payload as never, {
      queue: queueName.value.trim() || 'default',
      priority: Number(priority.value),
      delay: Number(delay.value),
      attempts: Number(attempts.value),
    }).then((job) => open(job.id), (error: unknown) => toast((error as Error).message, 'error'))
  })
  root.append(form)
}
