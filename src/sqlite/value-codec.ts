/**
 * How a row becomes a SQLite text and back: JSON, with a tag for each value that structured
 * clone keeps and JSON does not. No runtime offers the same binary serializer (`node:v8` is
 * missing in Bun's SQLite, Deno's and workerd), so the encoding is plain JSON every one of them
 * reads.
 *
 * Round-trips: primitives (with `undefined`, `NaN`, `±Infinity`, `-0`, `BigInt`), plain objects
 * and arrays (holes become `undefined`), `Date`, `RegExp`, `Map`, `Set`, `ArrayBuffer`, typed
 * arrays, `DataView`, and errors (`name`, `message`, `stack`, `cause`). Not stored: `Blob`,
 * `File`, and objects with cycles (a `ValidationError` names the path). An object seen twice is
 * stored twice (structured clone would keep one copy).
 * @module
 */
import { ValidationError } from '../errors.js'

/** The key that marks a tagged value; a plain object that has it is tagged too, so it survives. */
const TAG = '$docket'

type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

const TYPED_ARRAYS = {
  Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array,
  Float32Array, Float64Array, BigInt64Array, BigUint64Array,
} as const
type TypedArrayName = keyof typeof TYPED_ARRAYS

const tagged = (tag: string, value?: Json): Json => (value === undefined ? { [TAG]: tag } : { [TAG]: tag, v: value })

/** Bytes as base64, without `Buffer` (absent in workerd without its Node flag). */
function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function encodeNumber(value: number): Json {
  if (Number.isFinite(value)) return Object.is(value, -0) ? tagged('-0') : value
  return tagged('number', String(value))
}

/** Objects that structured clone keeps (or refuses) but a text cannot hold; other class instances are kept as their own fields, as structured clone does. */
function refuseUnstorable(value: object, path: string): void {
  const kind = Object.prototype.toString.call(value).slice(8, -1)
  const refused = ['Blob', 'File', 'FileList', 'ImageData', 'ImageBitmap', 'CryptoKey', 'Promise', 'WeakMap', 'WeakSet', 'WeakRef', 'SharedArrayBuffer']
  if (refused.includes(kind) || typeof (value as { arrayBuffer?: unknown }).arrayBuffer === 'function') {
    throw new ValidationError(`Expected data that SQLite storage can keep (plain objects, arrays, Date, Map, Set, typed arrays, errors), got a ${kind} at ${path}`)
  }
}

function encodeObject(value: object, path: string, seen: Set<object>): Json {
  if (seen.has(value)) throw new ValidationError(`Expected data that SQLite storage can keep, got a cycle at ${path}`)
  seen.add(value)
  try {
    if (Array.isArray(value)) {
      const items: Json[] = []
      for (let i = 0; i < value.length; i++) items.push(encodeValue(value[i], `${path}[${i}]`, seen))
      return items
    }
    if (value instanceof Date) return tagged('Date', Number.isNaN(value.getTime()) ? null : value.getTime())
    if (value instanceof RegExp) return tagged('RegExp', [value.source, value.flags])
    if (value instanceof Map) {
      return tagged('Map', [...value].map(([key, item], i) => [encodeValue(key, `${path}<key ${i}>`, seen), encodeValue(item, `${path}<${i}>`, seen)]))
    }
    if (value instanceof Set) return tagged('Set', [...value].map((item, i) => encodeValue(item, `${path}<${i}>`, seen)))
    if (value instanceof ArrayBuffer) return tagged('ArrayBuffer', toBase64(new Uint8Array(value)))
    if (ArrayBuffer.isView(value)) {
      const bytes = toBase64(new Uint8Array(value.buffer, value.byteOffset, value.byteLength))
      const kind = value instanceof DataView ? 'DataView' : value.constructor.name
      if (kind !== 'DataView' && !(kind in TYPED_ARRAYS)) throw new ValidationError(`Expected data that SQLite storage can keep, got a ${kind} at ${path}`)
      return tagged(kind, bytes)
    }
    if (value instanceof Error) {
      const fields: Record<string, Json> = { name: value.name, message: value.message }
      if (value.stack !== undefined) fields.stack = value.stack
      if ('cause' in value) fields.cause = encodeValue(value.cause, `${path}.cause`, seen)
      return tagged('Error', fields)
    }
    refuseUnstorable(value, path)
    const fields: Record<string, Json> = {}
    for (const key of Object.keys(value)) fields[key] = encodeValue((value as Record<string, unknown>)[key], `${path}.${key}`, seen)
    return TAG in fields ? tagged('Object', fields) : fields
  } finally {
    seen.delete(value)
  }
}

function encodeValue(value: unknown, path: string, seen: Set<object>): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return encodeNumber(value)
    case 'undefined':
      return tagged('undefined')
    case 'bigint':
      return tagged('BigInt', value.toString())
    case 'object':
      return value === null ? null : encodeObject(value, path, seen)
    default:
      throw new ValidationError(`Expected data that SQLite storage can keep, got a ${typeof value} at ${path}`)
  }
}

function decodeTagged(tag: string, value: Json | undefined): unknown {
  switch (tag) {
    case 'undefined': return undefined
    case '-0': return -0
    case 'number': return Number(value)
    case 'BigInt': return BigInt(value as string)
    case 'Date': return new Date(value === null ? Number.NaN : (value as number))
    case 'RegExp': return new RegExp(...(value as [string, string]))
    case 'Map': return new Map((value as [Json, Json][]).map(([key, item]) => [decodeValue(key), decodeValue(item)]))
    case 'Set': return new Set((value as Json[]).map(decodeValue))
    case 'ArrayBuffer': return fromBase64(value as string).buffer as ArrayBuffer
    case 'DataView': return new DataView(fromBase64(value as string).buffer as ArrayBuffer)
    case 'Error': return decodeError(value as Record<string, Json>)
    case 'Object': return decodeFields(value as Record<string, Json>)
    default: {
      const bytes = fromBase64(value as string)
      const Kind = TYPED_ARRAYS[tag as TypedArrayName]
      if (!Kind) throw new TypeError(`Unknown tag ${tag} in a stored SQLite row`)
      return new Kind(bytes.buffer as ArrayBuffer, 0, bytes.byteLength / Kind.BYTES_PER_ELEMENT)
    }
  }
}

const ERRORS: Record<string, ErrorConstructor> = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }

/** An error as structured clone rebuilds it: a built-in class by name, `Error` otherwise. */
function decodeError(fields: Record<string, Json>): Error {
  const Kind = ERRORS[fields.name as string] ?? Error
  const error = 'cause' in fields ? new Kind(fields.message as string, { cause: decodeValue(fields.cause!) }) : new Kind(fields.message as string)
  if (error.name !== fields.name) Object.defineProperty(error, 'name', { value: fields.name, writable: true, configurable: true })
  if (fields.stack === undefined) delete (error as { stack?: string }).stack
  else Object.defineProperty(error, 'stack', { value: fields.stack, writable: true, configurable: true })
  return error
}

function decodeFields(fields: Record<string, Json>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(fields)) out[key] = decodeValue(fields[key]!)
  return out
}

function decodeValue(value: Json): unknown {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map(decodeValue)
  const tag = value[TAG]
  return typeof tag === 'string' ? decodeTagged(tag, value.v) : decodeFields(value)
}

/**
 * The text stored for `value`.
 * @example encode({ at: new Date(0) }) // '{"at":{"$docket":"Date","v":0}}'
 */
export function encode(value: unknown): string {
  return JSON.stringify(encodeValue(value, 'data', new Set()))
}

/**
 * The value stored as `text` by {@link encode}.
 * @example decode(encode(new Map([[1, 'a']]))) // Map { 1 => 'a' }
 */
export function decode<T = unknown>(text: string): T {
  return decodeValue(JSON.parse(text) as Json) as T
}
