// Bodies are stored as bytes, never as live Blobs, and reach the server byte for byte, with
// the Content-Type that fetch would have sent: every body type that `send` accepts.
import type { OutboxBody, StoredRequest } from 'docket/outbox'
import { describe, expect, it } from 'vitest'
import { base64, everythingStored, outboxFixture, scenario } from './outbox-fixture'

const bytes = Uint8Array.from({ length: 300 }, (_, index) => (index * 7) % 256)

/** Each body, and the bytes and content type it must arrive as (`undefined`: none is set). */
const bodies: Record<string, () => { body: OutboxBody; expected: Uint8Array; type: string | undefined }> = {
  string: () => ({ body: 'héllo ✓', expected: new TextEncoder().encode('héllo ✓'), type: 'text/plain;charset=UTF-8' }),
  ArrayBuffer: () => ({ body: bytes.slice().buffer, expected: bytes, type: undefined }),
  Uint8Array: () => ({ body: bytes.slice(), expected: bytes, type: undefined }),
  'DataView (a slice of a buffer)': () => {
    const buffer = new Uint8Array(310)
    buffer.set(bytes, 5)
    return { body: new DataView(buffer.buffer, 5, 300), expected: bytes, type: undefined }
  },
  Blob: () => ({ body: new Blob([bytes], { type: 'image/png' }), expected: bytes, type: 'image/png' }),
  URLSearchParams: () => ({ body: new URLSearchParams({ q: 'a b&c', n: '1' }), expected: new TextEncoder().encode('q=a+b%26c&n=1'), type: 'application/x-www-form-urlencoded;charset=UTF-8' }),
}

describe('outbox: bodies', () => {
  const fixture = outboxFixture()

  for (const [kind, make] of Object.entries(bodies)) {
    it(`${kind}: stored as bytes, delivered byte for byte`, async () => {
      const outbox = fixture.open({ autostart: false })
      const { body, expected, type } = make()
      const target = scenario()
      const job = await outbox.send({ url: target.url, method: 'POST', body })
      expect(job.data.body).toBeInstanceOf(ArrayBuffer)
      expect(new Uint8Array(job.data.body!)).toEqual(expected)
      await outbox.drain()
      const [arrival] = await target.arrivals()
      expect(arrival!.body).toBe(base64(expected))
      expect(arrival!.headers['content-type']?.toLowerCase()).toBe(type?.toLowerCase())
    })
  }

  it('FormData with a file: stored as its multipart bytes, which the server reads back as the same fields', async () => {
    const outbox = fixture.open({ autostart: false })
    const form = new FormData()
    form.append('title', 'holiday')
    form.append('photo', new Blob([bytes], { type: 'image/png' }), 'photo.png')
    const target = scenario()
    const job = await outbox.send({ url: target.url, method: 'POST', body: form })
    await outbox.drain()
    const [arrival] = await target.arrivals()
    const contentType = arrival!.headers['content-type']!
    expect(contentType).toMatch(/^multipart\/form-data; ?boundary=/)
    expect(arrival!.body).toBe(base64(job.data.body!))
    const parsed = await new Response(job.data.body!, { headers: { 'content-type': contentType } }).formData()
    expect(parsed.get('title')).toBe('holiday')
    const photo = parsed.get('photo') as File
    expect([photo.name, photo.type]).toEqual(['photo.png', 'image/png'])
    expect(new Uint8Array(await photo.arrayBuffer())).toEqual(bytes)
  })

  it('a Request: its method, headers and body are kept; no Blob is ever stored', async () => {
    const outbox = fixture.open({ autostart: false })
    const target = scenario()
    await outbox.send(new Request(target.url, { method: 'PATCH', headers: { 'x-app': 'notes' }, body: new Blob([bytes]) }))
    const stored = (await everythingStored(fixture.db)).filter((value) => (value as { name?: string }).name === 'request')
    expect(stored).toHaveLength(1)
    const data = (stored[0] as { data: StoredRequest }).data
    expect([data.method, data.headers.find(([name]) => name === 'x-app')?.[1]]).toEqual(['PATCH', 'notes'])
    expect(data.body).toBeInstanceOf(ArrayBuffer)
    await outbox.drain()
    const [arrival] = await target.arrivals()
    expect([arrival!.method, arrival!.headers['x-app'], arrival!.body]).toEqual(['PATCH', 'notes', base64(bytes)])
  })
})
