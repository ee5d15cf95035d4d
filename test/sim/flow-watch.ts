// Invariant of flows: a dependent reads as `ctx.dependencies` the result of every prerequisite
// that had completed when it was claimed, whether its `onDependencyFailure` is 'fail' or
// 'continue', and also when that prerequisite completed in a rerun (`retry()` after it failed).
// A dependent rerun by hand is not watched: it runs at once, documented to go without the results
// of prerequisites still unfinished (src/job/transitions.ts, `rerun`).
import type { JobRecord } from '../../src/job/record.js'
import type { UpdateResult } from '../../src/storage/storage.js'
import type { Invocation } from './world'

export interface FlowWatch {
  /** A flow was stored: `dependent` waits for `prerequisites` (ref → id). */
  added(dependent: string, prerequisites: Record<string, string>): void
  /** A user asked for `id` to be rerun. */
  rerun(id: string): void
  /** A write the storage committed. */
  wrote(result: UpdateResult): void
  /** A claim took `record`: what it must read is fixed now. */
  claimed(record: JobRecord): void
  /** A handler started: problems if a completed prerequisite's result is missing. */
  started(invocation: Invocation): string[]
}

export function createFlowWatch(): FlowWatch {
  const prerequisitesOf = new Map<string, Record<string, string>>()
  const results = new Map<string, unknown>()
  /** Per claimed dependent: ref → the result it must read. */
  const owed = new Map<string, Map<string, unknown>>()
  return {
    added(dependent, prerequisites) {
      prerequisitesOf.set(dependent, prerequisites)
    },
    rerun(id) {
      prerequisitesOf.delete(id)
      owed.delete(id)
    },
    wrote({ id, after }) {
      if (after === undefined) return
      if (after?.state === 'completed') results.set(id, after.result)
      else results.delete(id)
    },
    claimed(record) {
      const prerequisites = prerequisitesOf.get(record.id)
      if (!prerequisites) return
      owed.set(record.id, new Map(Object.entries(prerequisites).flatMap(([ref, id]) => (results.has(id) ? [[ref, results.get(id)]] : []))))
    },
    started(invocation) {
      const problems: string[] = []
      for (const [ref, result] of owed.get(invocation.jobId) ?? []) {
        const read = invocation.dependencies[ref]
        if (read !== result) problems.push(`job ${invocation.jobId} (inv-${invocation.n}) read ${String(read)} as ctx.dependencies.${ref}, whose job ${prerequisitesOf.get(invocation.jobId)![ref]} had completed with ${String(result)} before the claim`)
      }
      return problems
    },
  }
}
