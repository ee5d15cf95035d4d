/**
 * A request as the outbox stores it: plain data with the body as bytes, never a live `Blob`
 * (Safari's IndexedDB loses those, workbox#2428), and without credentials unless asked.
 * @module
 */
import { ValidationError } from '../errors.js'
import { describe } from '../validate.js'
import { formDataBytes } from './form-data-bytes.js'
import { OUTBOX_DEFAULTS } from './outbox-defaults.js'

/**
 * A body that `send` accepts; each is stored as its bytes, with the `Content-Type` that
 * `fetch` would have sent (a `FormData` keeps its multipart boundary).
 */
export type OutboxBody = string | ArrayBuffer | ArrayBufferView | Blob | FormData | URLSearchParams

/**
 * A request to send, when not a `Request`.
 * @example { url: '/api/notes', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(note) }
 */
export interface OutboxRequestInit {
  /** Absolute, or relative to the page (or the service worker). */
  url: string
  /** @default 'GET' */
  method?: string
  headers?: HeadersInit
  body?: OutboxBody | null
}

/** The stored payload of an outbox job (its `data`). */
export interface StoredRequest {
  url: string
  method: string
  /** `[name, value]` pairs, names in lower case, credentials left out unless opted in. */
  headers: [string, string][]
  /** The body's bytes; absent for a request without one. */
  body?: ArrayBuffer
  /** `fetch`'s `credentials` mode (whether cookies go along): a mode, no secret. */
  credentials?: RequestCredentials
  /** Sent as the `Idempotency-Key` header on every attempt. */
  idempotencyKey: string
  /** The ordering key the request was sent with. */
  orderingKey?: string
}

/** Whether `body` is one of the bodies `send` stores (a plain object is not: fetch would send "[object Object]"). */
function isOutboxBody(body: unknown): body is OutboxBody {
  return typeof body === 'string' || body instanceof ArrayBuffer || ArrayBuffer.isView(body)
    || (typeof Blob !== 'undefined' && body instanceof Blob)
    || (typeof FormData !== 'undefined' && body instanceof FormData)
    || (typeof URLSearchParams !== 'undefined' && body instanceof URLSearchParams)
}

/** The schemes a request can be sent to: `data:` would "complete" unsent, `javascript:` or `file:` retry in vain. */
const sendable = new Set(['http:', 'https:'])

/** Turns what `send` got into a `Request`; a malformed one is a `ValidationError` naming `request`. */
async function toRequest(input: unknown): Promise<Request> {
  const request = await parseRequest(input)
  const scheme = new URL(request.url).protocol
  if (!sendable.has(scheme)) throw new ValidationError(`Expected \`request.url\` to be an http: or https: URL, got ${describe(request.url)}`)
  return request
}

async function parseRequest(input: unknown): Promise<Request> {
  if (typeof Request !== 'undefined' && input instanceof Request) return input.clone()
  if (!input || typeof input !== 'object' || typeof (input as OutboxRequestInit).url !== 'string') {
    throw new ValidationError(`Expected \`request\` to be a Request or { url, method?, headers?, body? }, got ${describe(input)}`)
  }
  const { url, method, headers: given, body: givenBody } = input as OutboxRequestInit
  if (givenBody != null && !isOutboxBody(givenBody)) {
    throw new ValidationError(`Expected \`request.body\` to be a string, ArrayBuffer, typed array, DataView, Blob, FormData or URLSearchParams, got ${describe(givenBody)}`)
  }
  let body = givenBody
  let headers = given
  if (typeof FormData !== 'undefined' && body instanceof FormData) {
    const form = await formDataBytes(body)
    body = form.body
    headers = new Headers(given)
    headers.set('content-type', form.contentType)
  }
  try {
    return new Request(url, { ...(method !== undefined ? { method } : {}), ...(headers !== undefined ? { headers } : {}), ...(body != null ? { body: body as BodyInit } : {}) })
  } catch (error) {
    throw new ValidationError(`Expected \`request\` to be a request that fetch accepts, got ${describe(url)}: ${String((error as Error).message)}`)
  }
}

/**
 * The body's bytes; a body the runtime cannot read is a `ValidationError`, not a silent loss,
 * and so is one not read within `timeout` ms (a stream that never ends).
 */
async function bytesOf(request: Request, timeout: number): Promise<ArrayBuffer> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ValidationError(`Expected \`request\` to have a body read within ${timeout} ms (\`bodyReadTimeout\`), got a body still unread`)), timeout)
  })
  try {
    return await Promise.race([request.arrayBuffer(), late])
  } catch (error) {
    if (error instanceof ValidationError) throw error
    throw new ValidationError(`Expected \`request\` to have a readable body (pass a FormData as \`{ url, body: form }\` rather than inside a Request), got: ${String((error as Error).message)}`)
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Reads a request into what is stored: the body as bytes, the headers as pairs, and every
 * credential header dropped unless `storeCredentials` names it.
 */
export async function storeRequest(
  input: unknown,
  keys: { idempotencyKey: string; orderingKey?: string },
  { storeCredentials, bodyReadTimeout }: { storeCredentials: ReadonlySet<string>; bodyReadTimeout: number },
): Promise<StoredRequest> {
  const request = await toRequest(input)
  const headers: [string, string][] = []
  request.headers.forEach((value, name) => {
    const secret = (OUTBOX_DEFAULTS.credentialHeaders as readonly string[]).includes(name)
    if (!secret || storeCredentials.has(name)) headers.push([name, value])
  })
  // Not `request.body !== null`: Firefox has no `Request.body`. GET and HEAD never carry one.
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD'
  return {
    url: request.url,
    method: request.method,
    headers,
    ...(hasBody ? { body: await bytesOf(request, bodyReadTimeout) } : {}),
    ...(request.credentials && request.credentials !== 'same-origin' ? { credentials: request.credentials } : {}),
    idempotencyKey: keys.idempotencyKey,
    ...(keys.orderingKey !== undefined ? { orderingKey: keys.orderingKey } : {}),
  }
}

/** The `Request` of one attempt: the stored bytes and headers, with the idempotency key and a hook's changes. */
export function attemptRequest(stored: StoredRequest, changes: { url?: string; headers?: HeadersInit } = {}): Request {
  const headers = new Headers(stored.headers)
  headers.set(OUTBOX_DEFAULTS.idempotencyHeader, stored.idempotencyKey)
  new Headers(changes.headers).forEach((value, name) => headers.set(name, value))
  return new Request(changes.url ?? stored.url, {
    method: stored.method,
    headers,
    ...(stored.body !== undefined ? { body: stored.body } : {}),
    ...(stored.credentials ? { credentials: stored.credentials } : {}),
  })
}
