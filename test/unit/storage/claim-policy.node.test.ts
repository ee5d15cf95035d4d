import { describe, expect, it } from 'vitest'
import { createClaimPolicy } from '../../../src/storage/claim-policy.js'
import { noPause } from '../../../src/storage/pause.js'
import { claimRequest, record } from '../../storage/records.js'

describe('createClaimPolicy', () => {
  it('accepts up to `limit` jobs, then is full and accepts no more', () => {
    const policy = createClaimPolicy(claimRequest({ limit: 2 }), noPause())
    expect(policy.full).toBe(false)
    expect([record(), record(), record()].map((job) => policy.accept(job))).toEqual([true, true, false])
    expect(policy.full).toBe(true)
  })

  it('is full from the start with a limit of 0', () => {
    const policy = createClaimPolicy(claimRequest({ limit: 0 }), noPause())
    expect(policy.full).toBe(true)
    expect(policy.accept(record())).toBe(false)
  })

  it('refuses every job while all queues are paused, and only the paused queue otherwise', () => {
    const all = createClaimPolicy(claimRequest(), { all: true, queues: [] })
    expect([record({ queue: 'mail' }), record()].map((job) => all.accept(job))).toEqual([false, false])
    expect(all.full).toBe(false)
    const mail = createClaimPolicy(claimRequest(), { all: false, queues: ['mail'] })
    expect([record({ queue: 'mail' }), record({ queue: 'report' }), record()].map((job) => mail.accept(job))).toEqual([false, true, true])
  })

  it('refuses jobs that require the network while offline, and only those', () => {
    const offline = createClaimPolicy(claimRequest({ online: false }), noPause())
    expect([record({ requiresNetwork: true }), record()].map((job) => offline.accept(job))).toEqual([false, true])
    const online = createClaimPolicy(claimRequest({ online: true }), noPause())
    expect(online.accept(record({ requiresNetwork: true }))).toBe(true)
  })

  it('asks once for the active count of a limited queue, never of an unlimited one', () => {
    const policy = createClaimPolicy(claimRequest({ queueLimits: { mail: 2 } }), noPause())
    expect(policy.needsCount(record())).toBeUndefined()
    expect(policy.needsCount(record({ queue: 'mail' }))).toBe('mail')
    policy.setCount('mail', 0)
    expect(policy.needsCount(record({ queue: 'mail' }))).toBeUndefined()
  })

  it('counts jobs it accepts against the limit of their queue, on top of those already active', () => {
    const policy = createClaimPolicy(claimRequest({ queueLimits: { mail: 3, report: 1 } }), noPause())
    policy.setCount('mail', 1)
    policy.setCount('report', 1)
    const mail = () => policy.accept(record({ queue: 'mail' }))
    expect([mail(), mail(), mail()]).toEqual([true, true, false])
    expect(policy.accept(record({ queue: 'report' }))).toBe(false)
    expect(policy.accept(record())).toBe(true)
  })

  it('refuses a job its queue limit refuses without using up a slot of `limit`', () => {
    const policy = createClaimPolicy(claimRequest({ limit: 1, queueLimits: { mail: 0 } }), noPause())
    expect(policy.accept(record({ queue: 'mail' }))).toBe(false)
    expect(policy.full).toBe(false)
    expect(policy.accept(record())).toBe(true)
    expect(policy.full).toBe(true)
  })
})
