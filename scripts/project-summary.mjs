// A Vitest reporter for `npm test`: per project (node, each engine, each engine's e2e) how many
// tests passed, failed and were skipped, and its wall time from its first file queued to its
// last file done. Written as JSON to the file named by DOCKET_PROJECT_SUMMARY, which
// scripts/test.mjs prints after the run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

/** @typedef {{ passed: number, failed: number, skipped: number, seconds: number }} ProjectFigures */

/** The project's own name: Vitest adds the browser to a browser project's (`firefox (firefox)`). */
const projectName = (testModule) => testModule.project.name.replace(/ \(\w+\)$/, '')

/** Type tests are checked by one tsc run beside the whole run: their time is not the project's. */
const isTypeTest = (testModule) => testModule.moduleId.endsWith('.test-d.ts')

export default class ProjectSummary {
  /** @type {Map<string, { queued: number, ended: number }>} */
  #times = new Map()

  /** @param {import('vitest/node').TestModule} testModule */
  onTestModuleQueued(testModule) {
    if (isTypeTest(testModule)) return
    const name = projectName(testModule)
    if (!this.#times.has(name)) this.#times.set(name, { queued: performance.now(), ended: performance.now() })
  }

  /** @param {import('vitest/node').TestModule} testModule */
  onTestModuleEnd(testModule) {
    if (isTypeTest(testModule)) return
    const times = this.#times.get(projectName(testModule))
    if (times) times.ended = performance.now()
  }

  /** @param {ReadonlyArray<import('vitest/node').TestModule>} testModules */
  onTestRunEnd(testModules) {
    const file = process.env.DOCKET_PROJECT_SUMMARY
    if (!file) return
    /** @type {Record<string, ProjectFigures>} */
    const projects = {}
    for (const testModule of testModules) {
      const name = projectName(testModule)
      const times = this.#times.get(name)
      const figures = (projects[name] ??= { passed: 0, failed: 0, skipped: 0, seconds: times ? (times.ended - times.queued) / 1000 : 0 })
      // A file that failed to load has no tests: it counts as one failure.
      if (testModule.state() === 'failed' && ![...testModule.children.allTests()].length) figures.failed++
      for (const test of testModule.children.allTests()) {
        const state = test.result().state
        if (state === 'passed') figures.passed++
        else if (state === 'failed') figures.failed++
        else figures.skipped++
      }
    }
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, `${JSON.stringify(projects, null, 2)}\n`)
  }
}
