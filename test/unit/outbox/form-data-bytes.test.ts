// docket writes a FormData as multipart bytes itself; the runtime's own parser must read them
// back as the same fields, names with quotes and line breaks included. Every engine.
import { describe, expect, it } from 'vitest'
import { formDataBytes } from '../../../src/outbox/form-data-bytes'

describe('formDataBytes', () => {
  it('the runtime reads back the same fields, files and awkward names', async () => {
    const form = new FormData()
    form.append('plain', 'value')
    form.append('quote"name', 'line one\nline two')
    form.append('same', 'first')
    form.append('same', 'second')
    form.append('empty-file', new Blob([]), 'empty.txt')
    form.append('file', new Blob([new Uint8Array([0, 1, 2, 255])], { type: 'image/png' }), 'ph"oto.png')
    const { body, contentType } = await formDataBytes(form)
    const parsed = await new Response(body, { headers: { 'content-type': contentType } }).formData()
    expect(parsed.get('plain')).toBe('value')
    // A quote in a name is written %22 (the HTML standard's escaping); parsers differ on decoding
    // it, so the name must read back as the runtime's own multipart encoding reads back.
    const own = await new Request('http://127.0.0.1/', { method: 'POST', body: (() => { const f = new FormData(); f.append('quote"name', 'x'); return f })() }).formData()
    const quotedName = [...own.keys()][0]!
    expect(parsed.get(quotedName)).toBe('line one\r\nline two')
    expect(parsed.getAll('same')).toEqual(['first', 'second'])
    const file = parsed.get('file') as File
    expect(file.type).toBe('image/png')
    expect(['ph"oto.png', 'ph%22oto.png']).toContain(file.name)
    expect([...new Uint8Array(await file.arrayBuffer())]).toEqual([0, 1, 2, 255])
    expect((parsed.get('empty-file') as File).size).toBe(0)
  })
})
