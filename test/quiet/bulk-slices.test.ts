// A bulk larger than one slice (500 jobs): validated, announced and made into handles a slice
// per task, so that no task holds the page long. The slices change nothing a caller can see: all
// or none is stored, the data stored is the data as read (each slice in its task), every `added` is emitted in order
// here and reaches another queue on the database, in order too.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { queueFixture } from '../support/queue-fixture'

const N = 1_234

describe('addBulk beyond one slice', () => {
  const fixture = queueFixture('inline')

  it('stores every job, in order, and announces each once, here and to another queue', async () => {
    const adder = await fixture.open({ autostart: false })
    const listener = await fixture.open({ autostart: false })
    const here: number[] = []
    const there: number[] = []
    adder.on('added', ({ job }) => here.push((job.data as { n: number }).n))
    let allThere!: () => void
    const arrived = new Promise<void>((resolve) => (allThere = resolve))
    listener.on('added', ({ job }) => {
      there.push((job.data as { n: number }).n)
      if (there.length === N) allThere()
    })
    const items = Array.from({ length: N }, (_, n) => ({ name: 'double' as const, data: { n } }))
    const jobs = await adder.addBulk(items)
    const order = Array.from({ length: N }, (_, n) => n)
    expect(jobs.map((job) => (job.data as { n: number }).n)).toEqual(order)
    expect(here).toEqual(order)
    await arrived
    expect(there).toEqual(order)
    expect((await adder.counts()).waiting).toBe(N)
  })

  it('stores each job\'s data as it was when its slice was read: a change once a slice is read, or after, is not stored', async () => {
    const queue = await fixture.open({ autostart: false })
    const items = Array.from({ length: N }, (_, n) => ({ name: 'double' as const, data: { n } }))
    const adding = queue.addBulk(items)
    // The first slice was read in the call's own task; the rest are read in later tasks (the
    // documented caveat: leave the items alone until addBulk resolves).
    items[0]!.data.n = -1
    const jobs = await adding
    for (const item of items) item.data.n = -2
    expect((await queue.get(jobs[0]!.id))?.data).toEqual({ n: 0 })
    expect((await queue.get(jobs[N - 1]!.id))?.data).toEqual({ n: N - 1 })
    expect(jobs[N - 1]!.data).toEqual({ n: N - 1 })
  })

  it('stores nothing when a job past the first slice is bad', async () => {
    const queue = await fixture.open({ autostart: false })
    const items: Array<{ name: 'double'; data: unknown }> = Array.from({ length: N }, (_, n) => ({ name: 'double', data: { n } }))
    items[N - 2] = { name: 'double', data: { bad: () => 1 } }
    // Typed loosely on purpose: a function in the data is what is refused.
    const error = await queue.addBulk(items as never).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(ValidationError)
    expect((error as Error).message).toContain('data')
    expect((await queue.counts()).waiting).toBe(0)
  })
})
