import { describe, expect, it } from 'vitest'
import { CROSS_EVENTS, parseMessage } from '../../../src/coordination/channel-messages.js'
import { RECORD_EVENTS } from '../../../src/job/record-events.js'
import { jobRecord } from '../job/job-record.js'

describe('channel messages', () => {
  const record = jobRecord()

  it('accepts wake, cancel with an id, and every event with what it needs', () => {
    expect(parseMessage({ type: 'wake', extra: 1 })).toEqual({ type: 'wake' })
    expect(parseMessage({ type: 'cancel', id: 'j1' })).toEqual({ type: 'cancel', id: 'j1' })
    for (const event of RECORD_EVENTS) expect(parseMessage({ type: 'event', event, record })).toEqual({ type: 'event', event, record })
    expect(parseMessage({ type: 'event', event: 'removed', extra: { id: 'j1' } })).toBeDefined()
    expect(parseMessage({ type: 'event', event: 'paused', extra: {} })).toBeDefined()
    expect(parseMessage({ type: 'event', event: 'resumed', extra: { queue: 'q' } })).toBeDefined()
  })

  it('crosses exactly the record events and removed, paused, resumed', () => {
    expect([...CROSS_EVENTS].sort()).toEqual([...RECORD_EVENTS, 'removed', 'paused', 'resumed'].sort())
  })

  it.each([
    ['not an object', 'wake'],
    ['null', null],
    ['an unknown type', { type: 'bogus' }],
    ['a cancel without a string id', { type: 'cancel', id: 9 }],
    ['an unknown event', { type: 'event', event: 'toString', record }],
    ['a job event without its record', { type: 'event', event: 'completed' }],
    ['a record without an id', { type: 'event', event: 'completed', record: { ...record, id: 1 } }],
    ['a record of an unknown state', { type: 'event', event: 'completed', record: { ...record, state: 'lost' } }],
    ['a record whose errors are not a list', { type: 'event', event: 'failed', record: { ...record, errors: 'none' } }],
    ['extra that is not an object', { type: 'event', event: 'completed', record, extra: 'oops' }],
    ['removed without an id', { type: 'event', event: 'removed', extra: { id: 5 } }],
    ['paused with a queue that is not a string', { type: 'event', event: 'paused', extra: { queue: 3 } }],
  ])('ignores %s', (_what, message) => {
    expect(parseMessage(message)).toBeUndefined()
  })
})
