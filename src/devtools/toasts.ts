import { el } from './dom.js'

/** How a toast looks: `info`, `warn` (a duplicate, a refused action) or `error`. */
export type ToastKind = 'info' | 'warn' | 'error'

/** Short notices in the corner; each goes away after a few seconds or on a click. */
export function toasts(root: HTMLElement) {
  return function toast(message: string, kind: ToastKind = 'info'): void {
    const item = el('div', { class: 'toast', 'data-kind': kind, role: kind === 'error' ? 'alert' : 'status' }, message)
    const dismiss = (): void => item.remove()
    item.addEventListener('click', dismiss)
    root.append(item)
    setTimeout(dismiss, kind === 'info' ? 5000 : 8000)
    while (root.childElementCount > 5) root.firstElementChild!.remove()
  }
}
