/**
 * The bench page. bench/run.mjs loads it once for the plan, then once per suite, and calls
 * `window.bench` through Playwright.
 */
import { benchSizes, type Sizes } from './sizes.js'
import { benchSuites, type BenchEngine, type SuiteResult } from './suites.js'

/** What the page offers bench/run.mjs. */
export interface BenchPage {
  /** The sizes and the suites, in order, with their timeouts in seconds. */
  plan(quick: boolean): { sizes: Sizes; suites: Array<{ name: string; timeout: number }> }
  /** Runs the suite of this name at these sizes, in `engine` (heap figures only in Chromium). */
  run(name: string, quick: boolean, engine?: BenchEngine): Promise<SuiteResult>
}

const page: BenchPage = {
  plan(quick) {
    const sizes = benchSizes(quick)
    return { sizes, suites: benchSuites(sizes).map(({ name, timeout }) => ({ name, timeout })) }
  },
  run(name, quick, engine = 'chromium') {
    const suite = benchSuites(benchSizes(quick), engine).find((candidate) => candidate.name === name)
    if (!suite) throw new Error(`no bench suite is named ${name}`)
    return suite.run()
  },
}

;(globalThis as unknown as { bench: BenchPage }).bench = page
document.body.dataset.ready = 'true'
