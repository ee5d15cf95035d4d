/**
 * A `FormData` as the bytes of a `multipart/form-data` body, written here rather than read
 * from `new Request(…, { body: form }).arrayBuffer()`: WebKit cannot read a form holding a
 * file that way ("Unable to read form data blob"), the loss workbox#2428 reports.
 * @module
 */

/** The HTML standard's escaping of a name or filename inside a quoted header parameter. */
const quoted = (text: string): string => text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22')

/** Serializes `form` as multipart bytes; resolves with them and the `Content-Type` (with its boundary). */
export async function formDataBytes(form: FormData): Promise<{ body: ArrayBuffer; contentType: string }> {
  const boundary = `----docket-${Math.random().toString(36).slice(2)}${Math.random().toString(36).slice(2)}`
  const encoder = new TextEncoder()
  const parts: Uint8Array[] = []
  for (const [name, value] of form) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"`
    if (typeof value === 'string') {
      parts.push(encoder.encode(`${head}\r\n\r\n`), encoder.encode(value.replace(/\r?\n|\r/g, '\r\n')), encoder.encode('\r\n'))
      continue
    }
    head += `; filename="${quoted(value.name)}"\r\nContent-Type: ${value.type || 'application/octet-stream'}\r\n\r\n`
    parts.push(encoder.encode(head), new Uint8Array(await value.arrayBuffer()), encoder.encode('\r\n'))
  }
  parts.push(encoder.encode(`--${boundary}--\r\n`))
  const body = new Uint8Array(parts.reduce((size, part) => size + part.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    body.set(part, offset)
    offset += part.byteLength
  }
  return { body: body.buffer, contentType: `multipart/form-data; boundary=${boundary}` }
}
