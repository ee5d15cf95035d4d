import type { Job } from '../job/job.js'
import type { ErrorData, LogEntry, StepRecord } from '../job/record.js'
import { clippedText, preview } from './clipped-text.js'
import { el, type Child } from './dom.js'
import { duration, json, preciseClock } from './format.js'
import { badge } from './jobs-table.js'
import { showProgress } from './progress-bar.js'

/** The actions of the detail panel. */
export type DetailAction = 'retry' | 'cancel' | 'promote' | 'remove'

/** What the panel asks of the page. */
export interface DetailActions {
  act(action: DetailAction, id: string): void
  close(): void
}

const ACTIONS: Array<{ action: DetailAction; label: string; allowed: (job: Job) => boolean }> = [
  { action: 'retry', label: 'Retry', allowed: (j) => j.state === 'failed' || j.state === 'canceled' },
  { action: 'cancel', label: 'Cancel', allowed: (j) => j.state === 'waiting' || j.state === 'delayed' || j.state === 'active' },
  { action: 'promote', label: 'Promote', allowed: (j) => j.state === 'delayed' },
  { action: 'remove', label: 'Remove', allowed: () => true },
]

function facts(rows: Array<[string, Child]>): HTMLElement {
  return el('dl', { class: 'facts' }, ...rows.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value)]))
}

function section(title: string, id: string, ...content: Child[]): HTMLElement {
  return el('section', { class: 'detail-section', 'data-section': id }, el('h3', {}, title), ...content)
}

function code(value: unknown, id: string): HTMLElement {
  return clippedText(json(value), { class: 'code', id })
}

/**
 * The detail panel of one job: its data, result, its durable steps with their times and results,
 * the error of every failed attempt with its stack, its log rows and timings, and the actions that apply to its state. Everything the job
 * carries is shown through text nodes.
 */
export function jobDetail(root: HTMLElement, actions: DetailActions) {
  // Which stacks the reader opened, so a live re-render does not fold them again.
  const openStacks = new Set<string>()
  let shownId: string | undefined

  function errorItem(job: Job, error: ErrorData): HTMLElement {
    const key = `${job.id}:${error.attempt}:${error.at}`
    const stack = el('details', { class: 'stack', open: openStacks.has(key) },
      el('summary', {}, 'Stack'), clippedText(error.stack ?? '(no stack)'))
    stack.addEventListener('toggle', () => (stack.open ? openStacks.add(key) : openStacks.delete(key)))
    return el('li', { class: 'error', 'data-attempt': error.attempt },
      el('div', { class: 'error-head' },
        el('span', { class: 'attempt-tag' }, `Attempt ${error.attempt}`),
        el('code', { class: 'error-name' }, error.name),
        el('time', { class: 'muted' }, preciseClock(error.at))),
      el('p', { class: 'error-message' }, preview(error.message).shown),
      error.stack ? stack : null)
  }

  /** A durable step: its name, when it was stored and its result (a sleep's is `{ wakeAt }`). */
  function stepItem(step: StepRecord): HTMLElement {
    return el('li', { class: 'step', 'data-step': step.name },
      el('div', { class: 'step-head' }, el('code', { class: 'step-name' }, step.name), el('time', { class: 'muted' }, preciseClock(step.at))),
      clippedText(json(step.result), { class: 'code step-result' }))
  }

  /** A flow's job: its prerequisites and dependents, each with its ref and state. */
  function flow(job: Job, related: Job[]): HTMLElement | null {
    if (job.ref === undefined) return null
    const byId = new Map(related.map((other) => [other.id, other]))
    const list = (ids: string[] | undefined, role: string): HTMLElement => (ids?.length
      ? el('ul', { class: 'flow-jobs', 'data-role': role }, ...ids.map((id) => {
        const other = byId.get(id)
        return el('li', { 'data-job-id': id }, other ? badge(other.state) : null, el('code', {}, other?.ref ?? id), other ? el('span', { class: 'muted' }, ` ${other.name}`) : el('span', { class: 'muted' }, ' (removed)'))
      }))
      : el('p', { class: 'muted' }, 'None.'))
    return section(`Flow: ref ${job.ref}`, 'flow', facts([['Waits for', list(job.dependsOn, 'prerequisites')], ['Needed by', list(job.dependents, 'dependents')]]))
  }

  function render(job: Job | undefined, logs: LogEntry[], related: Job[] = []): void {
    shownId = job?.id
    root.dataset.jobId = job?.id ?? ''
    root.dataset.state = job?.state ?? ''
    if (!job) {
      root.replaceChildren(el('div', { class: 'detail-empty' },
        el('h2', {}, 'Job detail'),
        el('p', { class: 'muted' }, 'Select a job to see its data, its result or the error of every attempt, its log and its timings.')))
      return
    }
    const buttons = ACTIONS.map(({ action, label, allowed }) => {
      const button = el('button', { type: 'button', class: action === 'remove' ? 'small danger' : 'small', 'data-action': action, disabled: !allowed(job) }, label)
      button.addEventListener('click', () => actions.act(action, job.id))
      return button
    })
    const close = el('button', { type: 'button', class: 'close', 'aria-label': 'Close' }, '×')
    close.addEventListener('click', () => actions.close())
    const progress = el('span', { class: 'detail-progress' })
    showProgress(progress, job.progress, job.state)

    const parts: Array<HTMLElement | null> = [
      el('div', { class: 'detail-head' }, el('h2', { class: 'mono' }, job.name), badge(job.state), el('span', { class: 'spacer' }), close),
      el('p', { class: 'job-full-id mono muted' }, job.id),
      el('div', { class: 'actions' }, ...buttons),
      facts([
        ['Queue', job.queue],
        ['Priority', String(job.priority)],
        ['Attempts', el('span', { class: 'attempts' }, `${job.attempts}/${job.maxAttempts}`)],
        // Interrupted runs (a page closed or reloaded mid-run) spend no attempt: shown apart.
        ['Interrupted', el('span', { class: 'stalls' }, `${job.stalls}/${job.maxStalls}`)],
        ['Progress', progress],
        ...(job.uniqueKey ? [['Unique key', el('code', {}, job.uniqueKey)] as [string, Child]] : []),
      ]),
      section('Timings', 'timings', facts([
        ['Created', preciseClock(job.createdAt)],
        ['Run at', preciseClock(job.runAt)],
        ['Started', preciseClock(job.startedAt)],
        ['Settled', preciseClock(job.settledAt)],
        ['Duration', duration(job.duration)],
      ])),
      flow(job, related),
      section('Data', 'data', code(job.data, 'detail-data')),
      job.state === 'completed' ? section('Result', 'result', code(job.result, 'detail-result')) : null,
      job.steps.length
        ? section(`Steps (${job.steps.length})`, 'steps', el('ol', { class: 'steps' }, ...job.steps.map(stepItem)))
        : null,
      section(`Errors (${job.errors.length})`, 'errors', job.errors.length
        ? el('ol', { class: 'errors' }, ...job.errors.map((e) => errorItem(job, e)))
        : el('p', { class: 'muted' }, 'No failed attempts.')),
      section(`Log (${logs.length})`, 'log', logs.length
        ? el('ol', { class: 'log' }, ...logs.map((l) => el('li', {}, el('time', { class: 'muted' }, preciseClock(l.at)), clippedText(typeof l.row === 'string' ? l.row : json(l.row), {}, 'code'))))
        : el('p', { class: 'muted' }, 'No log rows.')),
    ]
    root.replaceChildren(...parts.filter((part) => part !== null))
  }

  return {
    render,
    /** The id of the job shown, if any. */
    get shown(): string | undefined {
      return shownId
    },
    progress(id: string, value: unknown): void {
      const cell = root.querySelector<HTMLElement>('.detail-progress')
      if (id === shownId && cell) showProgress(cell, value, 'active')
    },
  }
}
