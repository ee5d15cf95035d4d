import { describe, expect, it } from 'vitest'
import { changedBlockers, planInsert } from '../../../src/storage/insert-plan.js'
import { claim } from '../../../src/job/transitions.js'
import type { JobRecord } from '../../../src/job/record.js'
import { T, entry } from '../../storage/records.js'

const stored = (records: JobRecord[]) => ({ byId: () => undefined, byUniqueKey: (key: string) => records.filter((r) => r.uniqueKey === key) })
const unique = (onDuplicate: 'ignore' | 'replace' | 'debounce') => ({ unique: { key: 'k', onDuplicate } })

describe('planInsert with onDuplicate', () => {
  const existing = { ...entry({ ...unique('ignore'), delay: 100 }, { v: 1 }).record, seq: 7 }

  it('ignore keeps the blocker as it is', () => {
    const plan = planInsert([entry(unique('ignore'), { v: 2 })], stored([existing]))
    expect(plan).toEqual([{ record: existing, duplicate: 'unique', action: 'kept' }])
    expect(changedBlockers(plan)).toEqual([])
  })

  it('replace gives the blocker the new data and priority, keeping runAt, state and seq', () => {
    const plan = planInsert([entry({ ...unique('replace'), priority: 4 }, { v: 2 }, 'send', T + 50)], stored([existing]))
    expect(plan[0]).toMatchObject({ duplicate: 'unique', action: 'replaced', record: { id: existing.id, data: { v: 2 }, priority: 4, rank: -4, runAt: T + 100, state: 'delayed', seq: 7 } })
    expect(changedBlockers(plan)).toEqual([plan[0]!.record])
  })

  it('debounce moves the blocker to the new runAt, due now when the add has no delay', () => {
    const [moved] = planInsert([entry(unique('debounce'), { v: 2 }, 'send', T + 50)], stored([existing]))
    expect(moved).toMatchObject({ action: 'moved', record: { runAt: T + 50, state: 'waiting', data: { v: 2 } } })
  })

  it('never changes a job that has started', () => {
    const running = claim(existing, T, 'o', 't', 1000)
    expect(planInsert([entry(unique('replace'), { v: 2 })], stored([running]))[0]).toMatchObject({ action: 'kept', record: { data: { v: 1 } } })
  })
})
