import { afterEach, describe, expect, it, vi } from 'vitest'
import type { UpdateResult } from '../../../src/storage/storage.js'
import { newEntry } from '../../../src/scheduler/entry.js'
import { createGroupCommit, type Pending, type PendingLog } from '../../../src/scheduler/group-commit.js'
import { jobRecord } from '../job/job-record.js'

const done: string[] = []
const write = (id: string): Pending => ({ update: { id, apply: (record) => record }, done: (result) => void done.push(`${id}:${result?.id ?? 'none'}`) })
const log = (id: string): PendingLog => ({ row: { id, at: 1, row: 'line' }, done: () => void done.push(`log ${id}`) })

function buffer() {
  const wake = vi.fn()
  return { wake, writes: createGroupCommit({ progressInterval: 250, wake }) }
}

afterEach(() => {
  done.length = 0
  vi.useRealTimers()
})

describe('createGroupCommit', () => {
  it('wakes the loop for every write and log row, and hands them over once', () => {
    const { wake, writes } = buffer()
    expect(writes.hasWrites()).toBe(false)
    writes.write(write('a'))
    writes.log(log('a'))
    expect(wake).toHaveBeenCalledTimes(2)
    expect(writes.hasWrites()).toBe(true)
    const batch = writes.take([write('renew-a')])
    expect(batch.writes.map((pending) => pending.update.id)).toEqual(['a', 'renew-a'])
    expect(batch.logs.map((pending) => pending.row.id)).toEqual(['a'])
    expect(writes.hasWrites()).toBe(false)
    expect(writes.take([])).toEqual({ writes: [], logs: [] })
  })

  it('puts a failed batch back ahead of what came since', () => {
    const { writes } = buffer()
    writes.write(write('a'))
    writes.log(log('a'))
    const failed = writes.take([])
    writes.write(write('b'))
    writes.log(log('b'))
    writes.putBack(failed)
    const retried = writes.take([])
    expect(retried.writes.map((pending) => pending.update.id)).toEqual(['a', 'b'])
    expect(retried.logs.map((pending) => pending.row.id)).toEqual(['a', 'b'])
  })

  it('settles log rows first, then each write with its own result', () => {
    const { writes } = buffer()
    writes.write(write('a'))
    writes.write(write('b'))
    writes.log(log('a'))
    const results: UpdateResult[] = [{ id: 'result-a' }]
    writes.committed(writes.take([]), results)
    expect(done).toEqual(['log a', 'a:result-a', 'b:none'])
  })

  it('wakes the loop once per progress interval, however often progress changes', () => {
    vi.useFakeTimers()
    const { wake, writes } = buffer()
    writes.progressChanged()
    writes.progressChanged()
    vi.advanceTimersByTime(249)
    expect(wake).not.toHaveBeenCalled()
    vi.advanceTimersByTime(1)
    expect(wake).toHaveBeenCalledTimes(1)
    writes.progressChanged()
    writes.stop()
    vi.advanceTimersByTime(1000)
    expect(wake).toHaveBeenCalledTimes(1)
  })

  it('takes the progress waiting on a job once', () => {
    const { writes } = buffer()
    const entry = newEntry(jobRecord({ id: 'a' }))
    entry.progress = { value: 50 }
    expect(writes.takeProgress(entry)).toEqual({ value: 50 })
    expect(writes.takeProgress(entry)).toBeUndefined()
  })
})
