/**
 * The panel's styles, kept inside its shadow root: the page's styles do not reach the panel and
 * the panel's do not leak out. Adopted as a constructed stylesheet, which a strict CSP allows
 * (no `<style>` element, no `style` attribute: `style-src` without 'unsafe-inline' holds).
 */
const CSS = `
:host { all: initial; display: block; }
.devtools {
  --bg: #f3f5f9; --panel: #ffffff; --line: #e2e7ef; --text: #1c2433; --muted: #6b7588; --accent: #2563eb; --navy: #1c2740; --radius: 10px;
  --mono: ui-monospace, 'SFMono-Regular', 'JetBrains Mono', Menlo, Consolas, monospace;
  --sans: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  --waiting: #475569; --waiting-bg: #eef2f7; --delayed: #7c3aed; --delayed-bg: #f1e8ff; --active: #1d4ed8; --active-bg: #dbe7ff;
  --completed: #15803d; --completed-bg: #dcf5e4; --failed: #c0262d; --failed-bg: #fde4e4; --canceled: #a15c07; --canceled-bg: #fdf0d2;
  --blocked: #64748b; --blocked-bg: #f1f5f9;
  font: 14px/1.45 var(--sans); color: var(--text); background: var(--bg); display: grid; gap: 12px; padding: 12px; box-sizing: border-box; text-align: left;
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
h2 { font-size: 15px; margin: 0 0 10px; display: flex; align-items: baseline; gap: 8px; }
h3 { font-size: 12px; text-transform: uppercase; letter-spacing: .05em; color: var(--muted); margin: 16px 0 6px; }
code, pre, .mono { font-family: var(--mono); font-size: 12.5px; }
.muted { color: var(--muted); }
.spacer { flex: 1; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: var(--radius); padding: 14px 16px; box-shadow: 0 1px 2px #0f172a0a; min-width: 0; }
.body { display: grid; grid-template-columns: minmax(0, 1fr); gap: 12px; align-items: start; }
.side { display: grid; gap: 12px; min-width: 0; }
.main { display: grid; gap: 12px; min-width: 0; }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); }
.tab { border: 0; border-bottom: 2px solid transparent; border-radius: 0; background: none; padding: 6px 12px; color: var(--muted); font-weight: 600; }
.tab[aria-selected='true'] { color: var(--accent); border-bottom-color: var(--accent); }
.jobs-view { display: grid; grid-template-columns: minmax(0, 1fr) 340px; gap: 12px; align-items: start; }
@media (max-width: 1000px) { .jobs-view { grid-template-columns: minmax(0, 1fr); } }
button, select, input, textarea { font: inherit; color: inherit; }
button { cursor: pointer; border: 1px solid var(--line); background: #fff; border-radius: 7px; padding: 5px 10px; }
button:hover:not(:disabled) { border-color: #b9c3d6; background: #f7f9fc; }
button:disabled { opacity: .45; cursor: default; }
button:focus-visible, select:focus-visible, input:focus-visible, tr:focus-visible { outline: 2px solid var(--accent); outline-offset: 1px; }
button.small { padding: 3px 9px; font-size: 12.5px; }
button.ghost { background: transparent; }
button.danger { color: var(--failed); }
button.link { border: 0; background: none; padding: 0; color: var(--accent); text-align: left; }
.blocked { list-style: none; margin: 0; padding: 0; display: grid; gap: 4px; font-size: 13px; }
select, input { border: 1px solid var(--line); border-radius: 7px; padding: 4px 8px; background: #fff; }
input[type='search'] { width: 180px; }
table.queues { width: 100%; border-collapse: collapse; font-size: 12.5px; table-layout: fixed; }
.queues th.num { width: 72px; }
.queues th:first-child { width: auto; }
.queues th:last-child { width: 70px; }
.queues th { font-size: 11px; font-weight: 600; color: var(--muted); text-align: left; padding: 0 3px 4px; }
.queues th.num, .queues td.num { text-align: right; font-variant-numeric: tabular-nums; }
.queues td { padding: 3px 3px; border-top: 1px solid #f0f2f6; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.queues td:last-child { text-align: right; padding-right: 0; }
.queues td[data-zero='true'] { color: #b3bccb; }
.queues td[data-count='active'][data-zero='false'] { color: var(--active); font-weight: 600; }
.queues td[data-count='failed'][data-zero='false'] { color: var(--failed); font-weight: 600; }
.queues tr[aria-current='true'] td { background: #eef4ff; }
.queues tr[data-paused='true'] td { background: var(--canceled-bg); }
.queue-name { font: 600 12px var(--mono); }
.paused-tag { display: none; margin-left: 6px; font-size: 10.5px; font-weight: 600; color: var(--canceled); }
.queues tr[data-paused='true'] .paused-tag { display: inline; }
.queues [data-action='toggle-pause'] { width: 54px; padding: 2px 0; font-size: 11.5px; }
.queue-actions { display: flex; gap: 6px; margin-top: 10px; }
.state-counts { display: grid; grid-template-columns: repeat(7, minmax(0, 1fr)); gap: 10px; }
.state-card { display: grid; gap: 0; text-align: left; padding: 10px 12px; border-radius: var(--radius); border: 1px solid var(--line); border-top: 3px solid var(--c); background: var(--panel); }
.state-card[aria-pressed='true'] { background: var(--bg-c); border-color: var(--c); }
.state-count { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; color: var(--c); }
.state-label { font-size: 12px; color: var(--muted); text-transform: capitalize; }
[data-state='waiting'] { --c: var(--waiting); --bg-c: var(--waiting-bg); }
[data-state='delayed'] { --c: var(--delayed); --bg-c: var(--delayed-bg); }
[data-state='active'] { --c: var(--active); --bg-c: var(--active-bg); }
[data-state='completed'] { --c: var(--completed); --bg-c: var(--completed-bg); }
[data-state='failed'] { --c: var(--failed); --bg-c: var(--failed-bg); }
[data-state='canceled'] { --c: var(--canceled); --bg-c: var(--canceled-bg); }
[data-state='blocked'] { --c: var(--blocked); --bg-c: var(--blocked-bg); }
.toolbar { display: flex; align-items: center; gap: 8px; margin-bottom: 10px; flex-wrap: wrap; }
.toolbar h2 { margin: 0 6px 0 0; }
.table-wrap { overflow-x: auto; }
table.jobs, table.schedules { width: 100%; border-collapse: collapse; font-size: 12.5px; }
.jobs th, .schedules th { text-align: left; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); padding: 6px 6px; border-bottom: 1px solid var(--line); white-space: nowrap; }
.jobs td, .schedules td { padding: 5px 6px; border-bottom: 1px solid #eef1f6; white-space: nowrap; vertical-align: middle; }
.jobs tbody tr { cursor: pointer; }
.jobs tbody tr:hover { background: #f7f9fc; }
.jobs tbody tr[aria-selected='true'] { background: #eaf1ff; box-shadow: inset 3px 0 0 var(--accent); }
.job-cell { display: flex; flex-direction: column; line-height: 1.25; }
.job-name { font: 600 12.5px var(--mono); }
.job-id { font: 11px var(--mono); color: var(--muted); }
.num { font-variant-numeric: tabular-nums; }
.badge { display: inline-block; font-size: 11.5px; font-weight: 600; padding: 1px 8px; border-radius: 999px; color: var(--c); background: var(--bg-c); }
.badge[data-state='active']::before { content: '● '; font-size: 9px; vertical-align: 1px; }
.progress-cell { width: 104px; }
.detail-progress .bar { width: 200px; }
.bar { display: flex; align-items: center; gap: 6px; width: 96px; }
.bar .track { flex: 1; height: 8px; border-radius: 999px; background: #e6eaf1; overflow: hidden; }
.bar .fill { height: 100%; width: 0; border-radius: 999px; background: var(--c, var(--active)); transition: width .2s ease-out; }
.bar .bar-label { width: 30px; text-align: right; font: 600 11px var(--mono); color: var(--muted); }
.progress-value { font-size: 11.5px; }
.empty { color: var(--muted); text-align: center; padding: 18px; margin: 0; }
.pager { display: flex; align-items: center; justify-content: flex-end; gap: 8px; margin-top: 10px; font-size: 12.5px; color: var(--muted); }
.detail { position: sticky; top: 16px; max-height: calc(100vh - 32px); overflow-y: auto; }
.detail-empty p { margin: 0; }
.detail-head { display: flex; align-items: center; gap: 10px; }
.detail-head h2 { margin: 0; font: 700 16px var(--mono); }
.close { border: 0; background: none; font-size: 20px; line-height: 1; color: var(--muted); padding: 0 4px; }
.job-full-id { margin: 2px 0 10px; font-size: 11.5px; }
.actions { display: flex; gap: 6px; flex-wrap: wrap; margin-bottom: 12px; }
.facts { display: grid; grid-template-columns: 96px 1fr; gap: 4px 10px; margin: 0; font-size: 13px; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
pre.code { margin: 0; padding: 8px 10px; background: #f6f8fb; border: 1px solid #e8ecf3; border-radius: 7px; white-space: pre-wrap; overflow-wrap: anywhere; max-height: 220px; overflow: auto; }
.errors { list-style: none; padding: 0; margin: 0; display: grid; gap: 8px; }
.error { border-left: 3px solid var(--failed); background: #fff8f8; padding: 6px 10px; border-radius: 0 7px 7px 0; }
.error-head { display: flex; gap: 8px; align-items: baseline; font-size: 12px; }
.attempt-tag { font-weight: 600; }
.error-name { color: var(--failed); font-weight: 600; }
.error-message { margin: 2px 0 4px; font-size: 13px; overflow-wrap: anywhere; }
.stack summary { cursor: pointer; font-size: 12px; color: var(--muted); }
.stack pre { font-size: 11px; margin-top: 4px; }
.clipped-note { margin: 4px 0 0; font-size: 12px; }
.steps { list-style: none; padding: 0; margin: 0; display: grid; gap: 6px; }
.step { border-left: 3px solid var(--completed); padding: 4px 10px; }
.step-head { display: flex; gap: 8px; align-items: baseline; font-size: 12px; margin-bottom: 2px; }
.step-name { font-weight: 600; }
.log { list-style: none; padding: 0; margin: 0; font-size: 12.5px; display: grid; gap: 2px; }
.log li { display: grid; grid-template-columns: 92px 1fr; gap: 8px; }
.log code { overflow-wrap: anywhere; }
.toasts { position: fixed; left: 50%; bottom: 20px; transform: translateX(-50%); display: grid; justify-items: center; gap: 8px; z-index: 2147483646; width: max-content; max-width: min(560px, 90vw); }
.toast { padding: 10px 14px; border-radius: 8px; background: var(--navy); color: #fff; box-shadow: 0 6px 20px #0f172a33; font-size: 13px; cursor: pointer; }
.toast[data-kind='warn'] { background: #7a4a06; }
.toast[data-kind='error'] { background: #991b1b; }
.floating { position: fixed; inset: auto 16px 64px 16px; max-height: min(760px, calc(100vh - 80px)); overflow: auto; z-index: 2147483646; border: 1px solid var(--line); border-radius: var(--radius); box-shadow: 0 12px 40px #0f172a40; }
.toggle { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; font: 600 13px var(--sans); padding: 8px 14px; border-radius: 999px; border: 0; background: #1c2740; color: #e8edf7; box-shadow: 0 4px 14px #0f172a40; cursor: pointer; }
`

// A constructed sheet is adopted only in the document that made it: one per document (iframes).
const sheets = new WeakMap<Document, CSSStyleSheet>()

/** Gives `root` the panel's styles; every panel of a document shares one sheet. */
export function adoptStyles(root: ShadowRoot): void {
  const doc = root.ownerDocument
  let sheet = sheets.get(doc)
  if (!sheet) {
    sheet = new (doc.defaultView ?? globalThis).CSSStyleSheet()
    sheet.replaceSync(CSS)
    sheets.set(doc, sheet)
  }
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet]
}
