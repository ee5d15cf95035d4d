/**
 * Long text shown bounded: laying out megabytes of job data in a `<pre>` freezes the page for
 * seconds, so the panel renders the first `PREVIEW_CHARS` and offers the whole on the clipboard.
 * @module
 */
import { el } from './dom.js'
import { count } from './format.js'

/** The most characters of one value (data, result, a log row, a stack) the panel lays out. */
export const PREVIEW_CHARS = 10_000

/** The first `limit` characters of `text`, and how many were left out. */
export function preview(text: string, limit = PREVIEW_CHARS): { shown: string; hidden: number } {
  return text.length <= limit ? { shown: text, hidden: 0 } : { shown: text.slice(0, limit), hidden: text.length - limit }
}

/**
 * `text` in a `tag` element (a `<pre class="code">` by default), bounded: past `PREVIEW_CHARS`,
 * a note of what was left out and a button that copies the whole text.
 */
export function clippedText(text: string, attrs: { id?: string; class?: string } = { class: 'code' }, tag: 'pre' | 'code' = 'pre'): HTMLElement {
  const { shown, hidden } = preview(text)
  const node = el(tag, attrs, shown)
  if (!hidden) return node
  const copy = el('button', { type: 'button', class: 'small', 'data-action': 'copy-all' }, 'Copy all')
  copy.addEventListener('click', () => {
    void navigator.clipboard?.writeText(text).then(() => (copy.textContent = 'Copied'), () => (copy.textContent = 'Copy failed'))
  })
  return el('div', { class: 'clipped', 'data-hidden': hidden }, node, el('p', { class: 'muted clipped-note' }, `… ${count(hidden)} more characters not shown. `, copy))
}
