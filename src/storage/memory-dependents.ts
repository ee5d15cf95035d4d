import type { JobRecord } from '../job/record.js'
import { cascadeLevel, cascadeTriggers } from './dependency-cascade.js'
import type { UpdateResult } from './storage.js'

/**
 * The memory storage's part of flows: the dependents of each prerequisite id, as IndexedDB's
 * `dependsOn` index holds them, and the cascade that reads it (see `cascadeInTransaction`).
 */
export function memoryDependents(jobs: Map<string, JobRecord>) {
  const dependentsOf = new Map<string, Set<string>>()
  return {
    /** Adds (or, with `add` false, drops) the record's entries. */
    index(record: JobRecord, add: boolean): void {
      for (const prerequisite of record.dependsOn ?? []) {
        const ids = dependentsOf.get(prerequisite) ?? new Set<string>()
        if (add) ids.add(record.id)
        else ids.delete(record.id)
        if (ids.size) dependentsOf.set(prerequisite, ids)
        else dependentsOf.delete(prerequisite)
      }
    },
    /** What `results` did to jobs with dependents reaches them, down the chain. */
    cascade(results: UpdateResult[], now: number): void {
      const latest = new Map<string, JobRecord>()
      for (let level = cascadeTriggers(results); level.length;) {
        const dependents = level.map((trigger) => [...(dependentsOf.get(trigger.record.id) ?? [])].flatMap((id) => jobs.get(id) ?? []))
        const { writes, next } = cascadeLevel(level, dependents, latest, now)
        for (const record of writes) jobs.set(record.id, structuredClone(record))
        level = next
      }
    },
  }
}
