/** The element with this id; the page's skeleton is static, so a missing one is a bug. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id)
  if (!node) throw new Error(`The page has no #${id}`)
  return node as T
}
