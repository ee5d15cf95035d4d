// What the page and the service worker of the outbox e2e agree on.

/** The database the page's and the service worker's outboxes share. */
export const DB_NAME = 'outbox-e2e'

/** A body the test names, built where it is sent (JSON crosses into the page, a FormData cannot). */
export type BodyKind = 'text' | 'form-with-file'

/** The file of a `form-with-file` body: 64 KiB of a known pattern. */
export function fileBytes(): Uint8Array {
  return Uint8Array.from({ length: 65_536 }, (_, index) => (index * 31 + 7) % 251)
}

export function makeBody(kind: BodyKind, text: string): string | FormData {
  if (kind === 'text') return text
  const form = new FormData()
  form.append('note', text)
  form.append('file', new Blob([fileBytes() as BlobPart], { type: 'application/octet-stream' }), 'data.bin')
  return form
}
