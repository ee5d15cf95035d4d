/**
 * Opens `page` (a URL next to the test, e.g. `new URL('./support/x-frame.html', import.meta.url)`)
 * in an iframe with `params` as its query: another tab on the same origin, for tests of several
 * contexts. Resolves once its document has loaded; `frames` collects it for the test's cleanup.
 */
export async function openFrame(page: URL, params: Record<string, string>, frames: HTMLIFrameElement[]): Promise<HTMLIFrameElement> {
  const frame = document.createElement('iframe')
  const url = new URL(page)
  url.search = new URLSearchParams(params).toString()
  frame.src = url.href
  frames.push(frame)
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }))
  document.body.append(frame)
  await loaded
  return frame
}
