import { ValidationError, createQueue, memoryStorage } from 'docket'
import { expect, it } from 'vitest'

// Like every entry, docket/devtools and docket/react load where there is no DOM (a server
// render, a worker, a test in Node): nothing touches a global at import time.
it('loads in Node, and mountDevtools says what it needs there', async () => {
  const { mountDevtools, DEVTOOLS_DEFAULTS } = await import('docket/devtools')
  await import('docket/react')
  expect(DEVTOOLS_DEFAULTS).toEqual({ pageSize: 15, refreshGap: 200 })
  const queue = createQueue({ storage: memoryStorage(), handlers: {}, autostart: false })
  expect(() => mountDevtools(queue, {} as never)).toThrow(ValidationError)
  expect(() => mountDevtools(queue, {} as never)).toThrow('Expected `element` to be a DOM element, got an object')
  await queue.close()
})
