/** What `el` accepts as children: strings become text nodes, never markup. */
export type Child = Node | string | number | null | undefined | false

/** Attributes of `el`: `class`, `data-*`, `aria-*` and the like; `undefined` and `false` are left out. */
export type Attrs = Record<string, string | number | boolean | undefined>

/**
 * Builds an element. Text goes in as text nodes (`append` of a string), so job data can never
 * become markup: the page has no `innerHTML` anywhere.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue
    if (name === 'class') node.className = String(value)
    else node.setAttribute(name, value === true ? '' : String(value))
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue
    node.append(typeof child === 'number' ? String(child) : child)
  }
  return node
}
