/**
 * A response as the outbox stores it: the result of a delivered request, and what an
 * `HttpError` holds.
 * @module
 */

/**
 * A server's response, as plain data (it is stored as the job's result).
 * @example
 * const { status, headers, body } = await job.waitForResult()
 */
export interface OutboxResponse {
  status: number
  statusText: string
  /** Header names in lower case. */
  headers: Record<string, string>
  /** The body's bytes. Read it with `responseText` or `responseJson`. */
  body: ArrayBuffer
}

/** Reads a `Response` into plain data. */
export async function readResponse(response: Response): Promise<OutboxResponse> {
  const headers: Record<string, string> = {}
  response.headers.forEach((value, name) => { headers[name] = value })
  return { status: response.status, statusText: response.statusText, headers, body: await response.arrayBuffer() }
}

/**
 * The body of a stored response as text (UTF-8).
 * @example const text = responseText(await job.waitForResult())
 */
export function responseText(response: Pick<OutboxResponse, 'body'>): string {
  return new TextDecoder().decode(response.body)
}

/**
 * The body of a stored response parsed as JSON.
 * @example const { id } = responseJson<{ id: number }>(await job.waitForResult())
 */
export function responseJson<T = unknown>(response: Pick<OutboxResponse, 'body'>): T {
  return JSON.parse(responseText(response)) as T
}
