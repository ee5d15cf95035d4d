/**
 * A quiet main thread and a quiet idle, as the page around docket sees them:
 * (a) a burst of jobs (`addBulk`, then run to idle in module Web Workers, c=4): the longest
 *     stall of the page's event loop, and in Chromium the longest task (see stall-probe.ts);
 * (b) the same burst while the devtools panel is mounted and shows it;
 * (c) idle, the panel still mounted and one job delayed an hour: timers fired and IndexedDB
 *     transactions, counted by wrapping the globals (see idle-counter.ts), first in the third of
 *     a lease after the last claim (the lease sweep's one last look), then per minute after it.
 * Stalls are also given as ratios to the 50 ms target (a task over 50 ms is a long task).
 */
import { DEFAULTS } from 'docket'
import { mountDevtools } from 'docket/devtools'
import { benchQueue, warm } from './bench-queue.js'
import { now } from './clock.js'
import type { Figure } from './figure.js'
import { idleCounter } from './idle-counter.js'
import { jobData } from './job-rows.js'
import { dropDatabase, uniqueName } from './raw-indexeddb.js'
import { hasLongTasks, stallProbe, type Stalls } from './stall-probe.js'

const TARGET_MS = 50
// The runtime's timer, taken before the idle counter wraps the global: the bench's own waits are not counted.
const realTimeout = globalThis.setTimeout.bind(globalThis)
const wait = (ms: number): Promise<void> => new Promise((resolve) => realTimeout(resolve, ms))

/** One burst of `n` jobs through module workers, with the panel mounted or not. */
async function burst(n: number, withPanel: boolean): Promise<Stalls & { addedAt?: number }> {
  const name = uniqueName('main-thread')
  const queue = benchQueue(name, { concurrency: 4 })
  await warm(queue, 4)
  const host = document.createElement('div')
  document.body.append(host)
  const panel = withPanel ? mountDevtools(queue, host) : undefined
  await panel?.refresh()
  const probe = stallProbe()
  await queue.addBulk(Array.from({ length: n }, (_, i) => ({ name: 'noop' as const, data: jobData(i) })))
  const added = now()
  await queue.whenIdle()
  await panel?.refresh()
  const stalls: Stalls & { addedAt?: number } = await probe.stop()
  stalls.addedAt = added
  panel?.unmount()
  host.remove()
  await queue.close()
  await dropDatabase(name)
  return stalls
}

function stallFigures(key: string, stalls: Stalls & { addedAt?: number }, how: string): Record<string, Figure> {
  // Which phase each stall ended in: the add (validation, the insert transaction, the events and
  // handles of the new jobs) or the run (claims, settles, events), so that a cause can be named.
  const longest = (kind: 'gap' | 'task', inAdd: boolean): number =>
    Math.max(0, ...stalls.over50.filter((s) => s.kind === kind && (s.end <= (stalls.addedAt ?? Infinity)) === inAdd).map((s) => s.ms))
  const kind = stalls.longestTaskMs === undefined ? 'gap' : 'task'
  const out: Record<string, Figure> = {
    [`${key}.longest-${kind}.during-add`]: { value: longest(kind, true), unit: 'ms', note: `the longest ${kind} over 50 ms (0: none) that ended before addBulk resolved` },
    [`${key}.longest-${kind}.during-run`]: { value: longest(kind, false), unit: 'ms', note: `the longest ${kind} over 50 ms (0: none) after addBulk resolved, until whenIdle()` },
    [`${key}.longest-gap`]: { value: stalls.longestGapMs, unit: 'ms', note: `longest gap between two ticks of a setTimeout(0) chain on the page (≈ 4 ms apart when free), ${how}` },
    [`${key}.longest-gap.vs-target`]: { value: stalls.longestGapMs / TARGET_MS, unit: '×', note: 'longest gap / 50 ms (≤ 1 meets the target)' },
    [`${key}.gaps-over-50ms`]: { value: stalls.gapsOver50, unit: 'count', note: `gaps of the ticker over 50 ms (${stalls.ticks} ticks in all)` },
  }
  if (stalls.longestTaskMs !== undefined) {
    out[`${key}.longest-task`] = { value: stalls.longestTaskMs, unit: 'ms', note: `PerformanceObserver('longtask'): the longest task over 50 ms (0: none), ${how}` }
    out[`${key}.longest-task.vs-target`] = { value: stalls.longestTaskMs / TARGET_MS, unit: '×', note: 'longest task / 50 ms (0: no long task)' }
    out[`${key}.long-tasks`] = { value: stalls.longTasks ?? 0, unit: 'count', note: "tasks over 50 ms reported by PerformanceObserver('longtask')" }
  }
  return out
}

/** Idle: a started queue that ran a burst, the panel mounted, one job delayed an hour ahead. */
async function idle(windowMs: number): Promise<Record<string, Figure>> {
  const counter = idleCounter()
  counter.install()
  const name = uniqueName('idle')
  const queue = benchQueue(name, { concurrency: 4 })
  const host = document.createElement('div')
  document.body.append(host)
  const panel = mountDevtools(queue, host)
  try {
    await warm(queue, 4)
    await queue.add('noop', jobData(0), { delay: 3_600_000 })
    await queue.whenIdle()
    await panel.refresh()
    // The sweep takes one last look a third of a lease after the last claim; then nothing is due.
    counter.reset()
    await wait(DEFAULTS.leaseDuration / 3 + 2000)
    const tail = counter.counts()
    counter.reset()
    await wait(windowMs)
    const quiet = counter.counts()
    const perMinute = (count: number): number => (count * 60_000) / windowMs
    const how = `over ${windowMs / 1000} s, counted from ${(DEFAULTS.leaseDuration / 3 + 2000) / 1000} s after the queue went idle (default lease ${DEFAULTS.leaseDuration / 1000} s), the devtools panel mounted, one job delayed an hour`
    return {
      'docket.idle.timers-per-minute': { value: perMinute(quiet.timersFired), unit: '/min', note: `setTimeout, setInterval and requestAnimationFrame callbacks fired, ${how}` },
      'docket.idle.transactions-per-minute': { value: perMinute(quiet.transactions), unit: '/min', note: `IndexedDB transactions begun, ${how}` },
      'docket.idle.pending-timers': { value: quiet.pendingTimers, unit: 'count', note: 'timers set and waiting at the end of the idle window (the delayed job\'s is expected)' },
      'docket.idle.after-last-claim.timers': { value: tail.timersFired, unit: 'count', note: 'timer callbacks in the third of a lease (+2 s) after the queue went idle: the lease sweep\'s last look' },
      'docket.idle.after-last-claim.transactions': { value: tail.transactions, unit: 'count', note: 'IndexedDB transactions in the same span' },
    }
  } finally {
    panel.unmount()
    host.remove()
    await queue.close()
    counter.uninstall()
    await dropDatabase(name)
  }
}

/** The suite: both bursts, then the idle window. */
export async function measureMainThread(options: { n: number; idleMs: number; part: 'burst' | 'idle' }): Promise<Record<string, Figure>> {
  if (options.part === 'idle') return idle(options.idleMs)
  const how = `while ${options.n.toLocaleString('en-US')} no-op jobs ran (addBulk, then whenIdle; module workers, c=4)`
  const bare = await burst(options.n, false)
  const shown = await burst(options.n, true)
  return {
    ...stallFigures('docket.main-thread.burst', bare, how),
    ...stallFigures('docket.main-thread.burst-devtools', shown, `${how}, the devtools panel mounted and showing them`),
    ...(hasLongTasks() ? {} : { 'docket.main-thread.longtask': { value: 0, unit: 'count', note: "no PerformanceObserver('longtask') in this engine: the gaps are the only measure" } }),
  }
}
