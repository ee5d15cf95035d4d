import { ValidationError } from '../errors.js'
import type { DefaultJobOptions } from '../job/job-options.js'
import { newRecord } from '../job/new-record.js'
import type { InsertEntry } from '../storage/storage.js'
import * as check from '../validate.js'

interface Step {
  ref: string
  name: unknown
  data: unknown
  options: Record<string, unknown> | undefined
  dependsOn: string[]
  onDependencyFailure: 'fail' | 'continue'
}

/**
 * The refs of a cycle among `steps` (first ref repeated at the end), if there is one. A depth-
 * first walk with a stack of its own: a chain of 10,000 steps must not overflow the call stack.
 */
export function findCycle(steps: ReadonlyArray<{ ref: string; dependsOn: readonly string[] }>): string[] | undefined {
  const byRef = new Map(steps.map((step) => [step.ref, step]))
  const done = new Set<string>()
  const path: string[] = []
  const onPath = new Set<string>()
  // Per ref on the path, the index of its next prerequisite to visit.
  const next: number[] = []
  for (const step of steps) {
    if (done.has(step.ref)) continue
    path.push(step.ref)
    onPath.add(step.ref)
    next.push(0)
    while (path.length) {
      const ref = path[path.length - 1]!
      const prerequisites = byRef.get(ref)?.dependsOn ?? []
      const i = next[next.length - 1]!
      if (i === prerequisites.length) {
        path.pop()
        next.pop()
        onPath.delete(ref)
        done.add(ref)
        continue
      }
      next[next.length - 1] = i + 1
      const prerequisite = prerequisites[i]!
      if (onPath.has(prerequisite)) return [...path.slice(path.indexOf(prerequisite)), prerequisite]
      if (done.has(prerequisite)) continue
      path.push(prerequisite)
      onPath.add(prerequisite)
      next.push(0)
    }
  }
  return undefined
}

function parseStep(value: unknown, i: number, seen: Set<string>): Step {
  const at = `flow[${i}]`
  const step = check.object<{ ref?: unknown; name?: unknown; data?: unknown; options?: unknown; dependsOn?: unknown }>(at, value)
  check.knownKeys(at, step, ['ref', 'name', 'data', 'options', 'dependsOn'])
  const ref = check.string(`${at}.ref`, step.ref)
  if (seen.has(ref)) check.fail(`${at}.ref`, 'a ref that no other job of the flow has', ref)
  seen.add(ref)
  if (step.dependsOn !== undefined && !Array.isArray(step.dependsOn)) check.fail(`${at}.dependsOn`, 'an array of refs', step.dependsOn)
  const dependsOn = [...new Set(((step.dependsOn ?? []) as unknown[]).map((prerequisite, j) => check.string(`${at}.dependsOn[${j}]`, prerequisite)))]
  const options = step.options === undefined ? undefined : { ...check.object<Record<string, unknown>>(`${at}.options`, step.options) }
  const onDependencyFailure = options?.onDependencyFailure ?? 'fail'
  if (onDependencyFailure !== 'fail' && onDependencyFailure !== 'continue') check.fail(`${at}.options.onDependencyFailure`, `'fail' or 'continue'`, onDependencyFailure)
  if (options) delete options.onDependencyFailure
  for (const key of ['id', 'unique'] as const) {
    if (options?.[key] !== undefined) check.fail(`${at}.options.${key}`, 'absent: every job of a flow is new, so none can be a duplicate', options[key])
  }
  return { ref, name: step.name, data: step.data, options, dependsOn, onDependencyFailure }
}

/**
 * Validates a flow and builds its records, all before anything is stored: refs unique, every
 * prerequisite a ref of the flow, no cycle, each job's arguments as `add` checks them. A job
 * with prerequisites is `blocked`, awaiting all of them; each prerequisite lists its
 * dependents. Throws `ValidationError` naming the step. Pure but for `id()`.
 */
export function planFlow(value: unknown, defaults: DefaultJobOptions, id: () => string, now: number): { refs: string[]; entries: InsertEntry[] } {
  if (!Array.isArray(value)) check.fail('flow', 'an array of { ref, name, data, options?, dependsOn? }', value)
  const seen = new Set<string>()
  const steps = value.map((step, i) => parseStep(step, i, seen))
  steps.forEach((step, i) => {
    for (const prerequisite of step.dependsOn) {
      if (!seen.has(prerequisite)) check.fail(`flow[${i}].dependsOn`, `refs of jobs of the flow (${[...seen].map((ref) => JSON.stringify(ref)).join(', ')})`, prerequisite)
    }
  })
  const cycle = findCycle(steps)
  if (cycle) throw new ValidationError(`Expected \`flow\` to have no cycle, got ${cycle.map((ref) => JSON.stringify(ref)).join(' → ')}`)
  const entries = steps.map((step, i) => {
    try {
      return newRecord(step.name, step.data, step.options, defaults, id, now)
    } catch (error) {
      if (error instanceof ValidationError) throw new ValidationError(`flow[${i}] (ref ${JSON.stringify(step.ref)}): ${error.message}`)
      throw error
    }
  })
  const idOf = new Map(steps.map((step, i) => [step.ref, entries[i]!.record.id]))
  const dependents = new Map<string, string[]>()
  steps.forEach((step, i) => {
    for (const prerequisite of step.dependsOn) dependents.set(prerequisite, [...(dependents.get(prerequisite) ?? []), entries[i]!.record.id])
  })
  steps.forEach((step, i) => {
    const entry = entries[i]!
    const dependsOn = step.dependsOn.map((ref) => idOf.get(ref)!)
    entry.record = {
      ...entry.record,
      ref: step.ref,
      ...(dependsOn.length ? { state: 'blocked', dependsOn, awaiting: [...dependsOn], dependencies: {} } : {}),
      ...(dependents.has(step.ref) ? { dependents: dependents.get(step.ref)! } : {}),
      ...(step.onDependencyFailure === 'continue' ? { onDependencyFailure: 'continue' } : {}),
    }
  })
  return { refs: steps.map((step) => step.ref), entries }
}
