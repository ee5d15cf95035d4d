import { describe, expect, it } from 'vitest'
import { fromErrorData, timeoutMessage, toErrorData, toErrorShape } from '../../../src/job/error-data.js'

describe('error data', () => {
  it('shapes an Error by its name, message and stack', () => {
    const error = new TypeError('bad width')
    expect(toErrorShape(error)).toEqual({ name: 'TypeError', message: 'bad width', stack: error.stack })
  })

  it('shapes anything thrown: objects with a message, and plain values', () => {
    expect(toErrorShape({ message: 42 })).toEqual({ name: 'Error', message: '42' })
    expect(toErrorShape('nope')).toEqual({ name: 'Error', message: 'nope' })
    expect(toErrorShape({ message: 'gone' }, 'AbortError')).toEqual({ name: 'AbortError', message: 'gone' })
  })

  it('stores the attempt and time with the shape', () => {
    expect(toErrorData(new RangeError('x'), 2, 500)).toMatchObject({ name: 'RangeError', message: 'x', attempt: 2, at: 500 })
  })

  it('rebuilds an Error with the same name, message and stack', () => {
    const rebuilt = fromErrorData({ name: 'TimeoutError', message: 'slow', stack: 'at somewhere' })
    expect(rebuilt).toBeInstanceOf(Error)
    expect([rebuilt.name, rebuilt.message, rebuilt.stack]).toEqual(['TimeoutError', 'slow', 'at somewhere'])
  })

  it('says which attempt ran past which timeout', () => {
    expect(timeoutMessage(2, 150)).toBe('Attempt 2 exceeded its timeout of 150 ms')
  })
})
