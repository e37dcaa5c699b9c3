// The UI's one stylesheet, served at /_static/ui.css. Inlined as a string so the rollup bundle
// (dist/index.mjs) carries it: no file to find next to the built code.
export const UI_CSS = `
:root { --fg: #1d1c23; --muted: #6c6a75; --line: #e3e1ea; --bg: #fff; --soft: #f6f5f9; --accent: #5b3fc4; --error: #c2292f; --warn: #b8730a; --ok: #2a7d46; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 15px; color: var(--fg); background: var(--bg); }
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.4; }
a { color: var(--accent); }
a:focus-visible, button:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible, tr:focus-visible { outline: 2px solid var(--accent); outline-offset: 2px; }
header.top { display: flex; gap: 1rem; align-items: center; padding: .6rem 1rem; background: #1d1c23; color: #fff; flex-wrap: wrap; }
header.top a { color: #fff; text-decoration: none; }
header.top .brand { font-weight: 700; }
header.top form { margin-left: auto; }
main { padding: 1rem; max-width: 1400px; margin: 0 auto; }
h1 { font-size: 1.35rem; margin: .2rem 0 .4rem; word-break: break-word; }
h2 { font-size: 1.1rem; margin: 1.4rem 0 .5rem; }
h3 { font-size: 1rem; margin: .8rem 0 .3rem; }
h4 { font-size: .85rem; margin: 0 0 .3rem; color: var(--muted); }
.muted { color: var(--muted); }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.url, code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; word-break: break-all; }
pre { margin: 0; white-space: pre-wrap; }
button, .button { font: inherit; padding: .3rem .7rem; border: 1px solid var(--line); border-radius: 4px; background: var(--soft); color: var(--fg); cursor: pointer; text-decoration: none; display: inline-block; }
button.primary { background: var(--accent); color: #fff; border-color: var(--accent); }
button:disabled { opacity: .5; cursor: default; }
input, select { font: inherit; padding: .3rem .4rem; border: 1px solid var(--line); border-radius: 4px; max-width: 100%; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: .8rem; }
form.filters label { display: flex; flex-direction: column; font-size: .8rem; color: var(--muted); }
form.filters .search { flex: 1 1 16rem; }
.bulk { display: flex; gap: .4rem; align-items: center; margin: .4rem 0; flex-wrap: wrap; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .8rem; color: var(--muted); font-weight: 600; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.issues tr.issue:focus-within, table.issues tr.issue.focused { background: var(--soft); }
.issue-title { font-weight: 600; word-break: break-word; }
.culprit { color: var(--muted); font-size: .85rem; word-break: break-all; }
.level { display: inline-block; width: .7rem; height: .7rem; border-radius: 50%; background: var(--muted); }
.level-error, .level-fatal { background: var(--error); }
.level-warning { background: var(--warn); }
.level-info, .level-debug, .level-log { background: #3b82c4; }
.badge { display: inline-block; font-size: .72rem; padding: .05rem .4rem; border-radius: 9px; background: var(--soft); border: 1px solid var(--line); margin-left: .3rem; font-weight: 500; }
.badge.unhandled { color: var(--error); border-color: var(--error); }
.badge.in-app { color: var(--accent); border-color: var(--accent); }
.status-resolved { color: var(--ok); }
.status-ignored { color: var(--muted); }
svg.sparkline .bar { fill: var(--accent); }
svg.sparkline .bar.empty { fill: var(--line); }
svg.chart { width: 100%; height: 80px; }
.pager { display: flex; gap: .5rem; margin-top: .8rem; align-items: center; }
.empty-state { padding: 2rem; background: var(--soft); border-radius: 6px; }
.facts { display: flex; flex-wrap: wrap; gap: 1.5rem; margin: .6rem 0; }
.facts div { display: flex; flex-direction: column; }
.facts .label { font-size: .75rem; color: var(--muted); }
.facts .value { font-size: 1.1rem; font-weight: 600; }
.actions { display: flex; gap: .4rem; flex-wrap: wrap; }
td.row-actions { white-space: nowrap; }
td.row-actions button + button { margin-left: .3rem; }
.layout { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 1.5rem; }
.tags .tag { margin-bottom: .8rem; }
.tags ul { list-style: none; padding: 0; margin: 0; }
.tags li { display: flex; gap: .4rem; align-items: center; font-size: .85rem; }
.tags meter { width: 70px; }
.tags .pct { width: 2.5rem; text-align: right; font-variant-numeric: tabular-nums; }
.tag-value { word-break: break-all; }
.exception { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .8rem; margin-bottom: .8rem; }
.exc-type { font-family: ui-monospace, monospace; }
.exc-value { margin: .2rem 0 .6rem; white-space: pre-wrap; word-break: break-word; }
ol.frames { list-style: none; padding: 0; margin: 0; }
details.frame { border-top: 1px solid var(--line); padding: .3rem 0; }
details.frame.system summary { color: var(--muted); }
details.frame summary { cursor: pointer; word-break: break-all; }
.fn { font-family: ui-monospace, monospace; font-weight: 600; }
.file { font-family: ui-monospace, monospace; font-size: .85rem; }
ol.context { list-style: none; margin: .3rem 0; padding: 0; background: var(--soft); border-radius: 4px; overflow-x: auto; }
ol.context li { display: flex; gap: .6rem; padding: 0 .5rem; white-space: pre; }
ol.context li.current { background: #fbe3e4; box-shadow: inset 3px 0 var(--error); }
ol.context .lineno { color: var(--muted); min-width: 3ch; text-align: right; user-select: none; font-family: ui-monospace, monospace; font-size: .85rem; }
.raw-frames { margin-top: .5rem; }
.notes { border-left: 3px solid var(--warn); padding: .2rem .8rem; background: #fdf6e9; margin-bottom: .8rem; }
table.breadcrumbs td { font-size: .85rem; word-break: break-word; }
table.breadcrumbs tr.crumb-error td, table.breadcrumbs tr.crumb-fatal td { color: var(--error); }
table.breadcrumbs tr.crumb-warning td { color: var(--warn); }
table.kv th { width: 12rem; }
nav.event-nav { display: flex; gap: .5rem; align-items: center; flex-wrap: wrap; margin: .4rem 0; }
a.disabled { color: var(--muted); pointer-events: none; text-decoration: none; }
.vital-good { color: var(--ok); font-weight: 600; }
.vital-needs-improvement { color: var(--warn); font-weight: 600; }
.vital-poor { color: var(--error); font-weight: 600; }
.scroll { overflow-x: auto; }
.toggle { display: inline-flex; gap: 0; }
.toggle .button { border-radius: 0; }
.toggle .button.current { background: var(--accent); color: #fff; border-color: var(--accent); }
table.performance .transaction-name { font-weight: 600; word-break: break-all; }
table.measurements th { width: 12rem; }
svg.waterfall { display: block; font-size: 11px; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
svg.waterfall .axis { stroke: var(--line); }
svg.waterfall .span-label { fill: var(--fg); }
svg.waterfall .span-time { fill: var(--muted); font-size: 10px; }
svg.waterfall .span-time.inside { fill: #fff; }
svg.waterfall .span-row:hover { opacity: .8; }
svg.waterfall .span-bar { fill: #8a7fbf; }
svg.waterfall .span-bar.root { fill: var(--accent); }
svg.waterfall .span-bar.op-http { fill: #3b82c4; }
svg.waterfall .span-bar.op-browser, svg.waterfall .span-bar.op-navigation { fill: #2a7d46; }
svg.waterfall .span-bar.op-resource { fill: #b8730a; }
svg.waterfall .span-bar.op-ui, svg.waterfall .span-bar.op-paint, svg.waterfall .span-bar.op-mark, svg.waterfall .span-bar.op-measure { fill: #c2292f; }
.login { max-width: 24rem; margin: 4rem auto; display: flex; flex-direction: column; gap: .6rem; }
.error-text { color: var(--error); }
@media (max-width: 800px) {
  .layout { grid-template-columns: minmax(0, 1fr); }
  table.issues .wide { display: none; }
  main { padding: .6rem; }
  th, td { padding: .3rem .25rem; }
  table.issues td.num { white-space: normal; }
  table.kv th { width: auto; }
}
`;
