// Just enough of Vitest's API (describe, it, beforeEach, afterEach, and its real `expect`) to run
// the storage conformance suite where Vitest cannot run: inside workerd, in a Durable Object.
// Bundled in place of `vitest` by test/sqlite/durable-object.node.test.ts.
import { chai, GLOBAL_EXPECT, JestAsymmetricMatchers, JestChaiExpect, JestExtend, setState } from '@vitest/expect'

chai.use(JestExtend)
chai.use(JestChaiExpect)
chai.use(JestAsymmetricMatchers)

type Hook = () => unknown
interface Suite { name: string; before: Hook[]; after: Hook[]; parent?: Suite }
interface Case { name: string; suite: Suite; run: Hook }

const root: Suite = { name: '', before: [], after: [] }
let current = root
const cases: Case[] = []

export const expect = ((value: unknown, message?: string) => {
  setState({ assertionCalls: 0, isExpectingAssertions: false, isExpectingAssertionsError: null, expectedAssertionsNumber: null, expectedAssertionsNumberErrorGen: null, currentTestName: undefined }, expect)
  return chai.expect(value, message)
}) as unknown as typeof import('vitest').expect
Object.assign(expect, chai.expect)
;(globalThis as Record<symbol, unknown>)[GLOBAL_EXPECT] = expect

export function describe(name: string, body: () => void): void {
  const parent = current
  current = { name, before: [], after: [], parent }
  try {
    body()
  } finally {
    current = parent
  }
}

export function it(name: string, run: Hook): void {
  cases.push({ name, suite: current, run })
}
export const test = it

export const beforeEach = (hook: Hook) => void current.before.push(hook)
export const afterEach = (hook: Hook) => void current.after.push(hook)

const chain = (suite: Suite | undefined): Suite[] => (suite ? [...chain(suite.parent), suite] : [])

/** Runs every registered case in order; resolves to each one's outcome. */
export async function runRegistered(): Promise<{ name: string; error?: string }[]> {
  const outcomes: { name: string; error?: string }[] = []
  for (const { name, suite, run } of cases.splice(0)) {
    const suites = chain(suite)
    const fullName = [...suites.map((s) => s.name).filter(Boolean), name].join(' > ')
    try {
      for (const s of suites) for (const hook of s.before) await hook()
      try {
        await run()
      } finally {
        for (const s of suites.reverse()) for (const hook of s.after) await hook()
      }
      outcomes.push({ name: fullName })
    } catch (error) {
      outcomes.push({ name: fullName, error: String((error as Error)?.stack ?? error) })
    }
  }
  return outcomes
}
