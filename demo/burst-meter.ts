import { el } from '../src/devtools/dom'
import { count, duration } from '../src/devtools/format'
import { showProgress } from '../src/devtools/progress-bar'
import { throttledDraw } from '../src/devtools/throttled-draw'

/** The no-op job the burst adds, and how its completions are recognised. */
export const BURST_JOB = 'noop'

/**
 * The burst's own figure: how many of the burst's jobs completed (in any tab) and at what
 * rate, from the click to the last completion, insert time included.
 */
export function burstMeter(root: HTMLElement) {
  const progress = el('span', { class: 'burst-progress' })
  const tally = el('span', { id: 'burst-count', class: 'mono' })
  const rate = el('div', { id: 'burst-rate', class: 'burst-rate' })
  root.append(el('div', { class: 'burst-head' }, el('strong', {}, 'Burst'), tally), progress, rate)
  let startedAt = 0
  let lastAt = 0
  let target = 0
  let done = 0

  const draw = throttledDraw(() => {
    root.hidden = false
    root.dataset.done = String(target > 0 && done >= target)
    tally.textContent = `${count(done)} / ${count(target)}`
    showProgress(progress, target ? (done / target) * 100 : 0, done >= target ? 'completed' : 'active')
    const elapsed = (lastAt || Date.now()) - startedAt
    const perSecond = elapsed > 0 ? Math.round((done / elapsed) * 1000) : 0
    rate.textContent = done >= target
      ? `${count(done)} jobs in ${duration(elapsed)} · ${count(perSecond)} jobs/s`
      : `${count(perSecond)} jobs/s so far`
  }, 100)

  return {
    /** A burst of `n` jobs is about to be added. Another burst before this one ends adds to it. */
    start(n: number): void {
      if (done >= target) {
        startedAt = Date.now()
        lastAt = 0
        target = 0
        done = 0
      }
      target += n
      root.dataset.done = 'false'
      draw()
    },
    completed(job: { name: string; createdAt: number }): void {
      if (!target || job.name !== BURST_JOB || job.createdAt < startedAt || done >= target) return
      done++
      lastAt = Date.now()
      draw()
    },
  }
}
