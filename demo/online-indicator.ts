/**
 * The online/offline pill. docket holds jobs added with `requiresNetwork` (the flaky fetch)
 * while the browser reports it is offline, and wakes them when it comes back.
 */
export function onlineIndicator(pill: HTMLElement): void {
  const show = (): void => {
    const online = navigator.onLine
    pill.dataset.online = String(online)
    pill.textContent = online ? 'online' : 'offline'
    pill.title = online ? 'The browser reports a network' : 'Offline: jobs that require the network wait'
  }
  addEventListener('online', show)
  addEventListener('offline', show)
  show()
}
