import type { Queue } from 'docket'
import { BURST_JOB } from './burst-meter'
import { el } from '../src/devtools/dom'
import type { Jobs } from './jobs.worker'
import type { ToastKind } from '../src/devtools/toasts'

/** What a scenario may do on the page. */
export interface ScenarioContext {
  queue: Queue<Jobs>
  /** Show this job in the detail panel. */
  open(id: string): void
  toast(message: string, kind?: ToastKind): void
  /** A burst of `n` jobs is about to be added. */
  burst(n: number): void
}

/** One button of the "add work" panel. */
export interface Scenario {
  id: string
  title: string
  blurb: string
  run(ctx: ScenarioContext): Promise<void>
}

/** Markup in the data: the page must show it as text. */
export const HOSTILE = '<img src=x onerror=alert(1)>'

export const SCENARIOS: Scenario[] = [
  {
    id: 'cpu',
    title: 'Blur a 4K frame',
    blurb: 'Box blur over 33 MB of RGBA in a Worker, then SHA-256; reports progress.',
    async run({ queue, open }) {
      const job = await queue.add('blurImage', { width: 3840, height: 2160, radius: 8, passes: 3, seed: Date.now() % 1000 }, { queue: 'images' })
      open(job.id)
    },
  },
  {
    id: 'flaky',
    title: 'Flaky fetch',
    blurb: '503 twice, then 200: 3 attempts, backoff from 400 ms. Waits while offline.',
    async run({ queue, open }) {
      const job = await queue.add('fetchFeed', { url: 'https://feeds.example.com/news.xml', failures: 2 }, {
        queue: 'network', attempts: 3, backoff: { type: 'exponential', delay: 400 }, requiresNetwork: true,
      })
      open(job.id)
    },
  },
  {
    id: 'timeout',
    title: 'Report with a timeout',
    blurb: 'Would take 10 s; times out after 2 s and fails with TimeoutError.',
    async run({ queue, open }) {
      const job = await queue.add('slowReport', { report: 'quarterly-revenue', seconds: 10 }, { queue: 'reports', timeout: 2000, attempts: 1 })
      open(job.id)
    },
  },
  {
    id: 'unique',
    title: 'Sync an account, twice',
    blurb: 'Unique key sync:acct-42: the second add is reported as a duplicate.',
    async run({ queue, open }) {
      // The page reports the second add through the queue's `duplicate` event, in every tab.
      const options = { queue: 'accounts', unique: { key: 'sync:acct-42' } }
      const first = await queue.add('syncAccount', { account: 'acct-42' }, options)
      await queue.add('syncAccount', { account: 'acct-42' }, options)
      open(first.id)
    },
  },
  {
    id: 'delayed',
    title: 'Reminder in 15 s',
    blurb: 'Delayed: promote it, or cancel and retry it, from the detail panel.',
    async run({ queue, open }) {
      const job = await queue.add('sendReminder', { to: 'ada@example.com', text: 'Stand-up in 5 minutes' }, { delay: 15_000 })
      open(job.id)
    },
  },
  {
    id: 'priority',
    title: 'Five mails, by priority',
    blurb: 'One mail at a time: priority 10, added last, goes first.',
    async run({ queue }) {
      const mails = [
        { subject: 'Weekly digest', priority: 0 }, { subject: 'Newsletter', priority: 0 }, { subject: 'Invoice #1042', priority: 5 },
        { subject: 'Welcome aboard', priority: 1 }, { subject: 'Password reset', priority: 10 },
      ]
      await queue.addBulk(mails.map(({ subject, priority }) => ({
        name: 'sendEmail' as const, data: { to: 'grace@example.com', subject }, options: { queue: 'mail', priority },
      })))
    },
  },
  {
    id: 'ordered',
    title: 'Edits of a note, in order',
    blurb: 'Create, update, share over orderingKey note:N, one at a time. The update fails for good: the share waits (see Blocked keys) until it is removed.',
    async run({ queue, open }) {
      const key = `note:${Date.now() % 1000}`
      const edit = (step: string, failures: number) => ({
        name: 'fetchFeed' as const, data: { url: `https://api.example.com/${key}/${step}`, failures }, options: { queue: 'network', orderingKey: key, attempts: 1 },
      })
      const [, update] = await queue.addBulk([edit('create', 0), edit('update', 1), edit('share', 0)])
      open(update!.id)
    },
  },
  {
    id: 'flow',
    title: 'A flow: two feeds, then a digest',
    blurb: 'The digest is blocked until both feeds are fetched, then reads their results.',
    async run({ queue, open }) {
      const { digest } = await queue.addFlow([
        { ref: 'news', name: 'fetchFeed', data: { url: 'https://feeds.example.com/news.xml', failures: 0 }, options: { queue: 'network' } },
        { ref: 'blog', name: 'fetchFeed', data: { url: 'https://feeds.example.com/blog.xml', failures: 1 }, options: { queue: 'network', backoff: { type: 'fixed', delay: 1000 } } },
        { ref: 'digest', name: 'echo', data: { digest: 'news + blog' }, dependsOn: ['news', 'blog'] },
      ])
      open(digest.id)
    },
  },
  {
    id: 'burst',
    title: 'Burst of 1,000',
    blurb: '1,000 no-op jobs in one addBulk transaction: watch the jobs/s.',
    async run({ queue, burst }) {
      burst(1000)
      await queue.addBulk(Array.from({ length: 1000 }, (_, i) => ({ name: BURST_JOB, data: { i }, options: { queue: 'bulk' } })))
    },
  },
  {
    id: 'hostile',
    title: 'Hostile data',
    blurb: 'Data that holds markup: shown as text, never parsed as HTML.',
    async run({ queue, open }) {
      const job = await queue.add('echo', { comment: HOSTILE }, { queue: 'default' })
      open(job.id)
    },
  },
]

/** The "add work" buttons. A scenario that fails shows why (e.g. a `ValidationError`). */
export function scenarioButtons(list: HTMLElement, ctx: ScenarioContext): void {
  for (const scenario of SCENARIOS) {
    const button = el('button', { type: 'button', class: 'scenario', 'data-scenario': scenario.id },
      el('span', { class: 'scenario-title' }, scenario.title), el('span', { class: 'scenario-blurb' }, scenario.blurb))
    button.addEventListener('click', () => {
      scenario.run(ctx).catch((error: unknown) => ctx.toast(`${scenario.title}: ${(error as Error).message}`, 'error'))
    })
    list.append(el('li', {}, button))
  }
}
