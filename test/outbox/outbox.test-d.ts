// The outbox's types: a send's job is typed by its stored request and its response.
import { createOutbox, type OutboxResponse, type StoredRequest, type RequestChanges } from 'docket/outbox'
import { expectTypeOf, test } from 'vitest'

test('send resolves to a job whose data is the stored request and whose result is the response', async () => {
  const outbox = createOutbox({ beforeSend: () => ({ headers: { authorization: 'Bearer t' } }) satisfies RequestChanges })
  const job = await outbox.send({ url: '/api', method: 'POST', body: new FormData() }, { orderingKey: 'k', idempotencyKey: 'op', attempts: 3 })
  expectTypeOf(job.data).toEqualTypeOf<StoredRequest>()
  expectTypeOf(job.waitForResult()).resolves.toEqualTypeOf<OutboxResponse>()
  expectTypeOf(await outbox.rejected()).toEqualTypeOf<typeof job[]>()
  // @ts-expect-error: a body that fetch cannot send
  await outbox.send({ url: '/api', method: 'POST', body: { json: true } })
  // @ts-expect-error: beforeSend returns changes, a Request or nothing
  createOutbox({ beforeSend: () => 'authorization' })
})
