// The row encoding keeps what structured clone keeps, for what docket stores (data, results,
// progress, logs), and refuses with a ValidationError what a text cannot hold.
import { ValidationError } from 'docket'
import { describe, expect, it } from 'vitest'
import { decode, encode } from '../../src/sqlite/value-codec.js'
import { runtime } from './runtime-database.js'

const roundTrip = <T>(value: T): T => decode<T>(encode(value))

describe(`SQLite value encoding (${runtime})`, () => {
  it('keeps values JSON loses, as structured clone does', () => {
    const value = {
      date: new Date(1_700_000_000_000), invalid: new Date(Number.NaN), re: /a+b/gi,
      map: new Map<unknown, unknown>([[1, 'one'], ['nested', new Map([[new Date(0), new Set([1n])]])]]),
      set: new Set(['a', 2, undefined]), big: 12345678901234567890n,
      numbers: [Number.NaN, Infinity, -Infinity, -0, 0, 1.5], missing: undefined, holes: [1, undefined, 3],
      bytes: new Uint8Array([0, 255, 128]), floats: new Float64Array([1.5, -2]), big64: new BigInt64Array([5n]),
      buffer: new Uint8Array([9, 8, 7]).buffer, view: new DataView(new Uint8Array([1, 2]).buffer),
      sliced: new Uint16Array(new Uint16Array([1, 2, 3, 4]).buffer, 2, 2),
      tagLike: { $docket: 'Date', v: 3 }, nested: { deep: [{ $docket: 'x' }] },
      nothing: null, text: 'é😀', bool: false,
    }
    expect(roundTrip(value)).toEqual(structuredClone(value))
    const back = roundTrip(value)
    expect(Object.is(back.numbers[3], -0)).toBe(true)
    expect('missing' in back).toBe(true)
    expect(back.sliced).toBeInstanceOf(Uint16Array)
    expect([...back.sliced]).toEqual([2, 3])
    expect(back.tagLike).toEqual({ $docket: 'Date', v: 3 })
  })

  it('keeps errors by name, message, stack and cause', () => {
    const error = new TypeError('bad', { cause: new Error('root') })
    const back = roundTrip({ error }).error
    expect(back).toBeInstanceOf(TypeError)
    expect(back.message).toBe('bad')
    expect(back.stack).toBe(error.stack)
    expect((back.cause as Error).message).toBe('root')
    const custom = Object.assign(new Error('limited'), { name: 'RateLimitError' })
    expect(roundTrip(custom).name).toBe('RateLimitError')
  })

  it('keeps a class instance as its own fields, as structured clone does', () => {
    class Point {
      constructor(readonly x: number, readonly y: number) {}
    }
    expect(roundTrip(new Point(1, 2))).toEqual(structuredClone(new Point(1, 2)))
  })

  it('refuses cycles, functions, symbols and blobs with a ValidationError naming where', () => {
    const cyclic: Record<string, unknown> = { a: 1 }
    cyclic.self = cyclic
    expect(() => encode(cyclic)).toThrow(ValidationError)
    expect(() => encode(cyclic)).toThrow(/cycle at data\.self/)
    expect(() => encode({ f: () => 1 })).toThrow(/function at data\.f/)
    expect(() => encode([Symbol('s')])).toThrow(/symbol at data\[0\]/)
    expect(() => encode({ file: new Blob(['x']) })).toThrow(/Blob at data\.file/)
    // A value seen twice (not a cycle) is stored twice.
    const shared = { n: 1 }
    expect(roundTrip([shared, shared])).toEqual([{ n: 1 }, { n: 1 }])
  })
})
