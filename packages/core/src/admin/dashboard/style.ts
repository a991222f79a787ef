/** The dashboard's stylesheet: no web fonts, no external assets. */
export const DASHBOARD_CSS = `
:root { --fg: #1d2330; --muted: #5f6b7a; --bg: #f4f6f9; --card: #fff; --line: #dde2ea; --accent: #2b5cd6;
  --allowed: #2e8b57; --throttled: #c77c00; --blocked: #c0392b; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
.bar { display: flex; align-items: center; gap: 16px; padding: 10px 20px; background: #1d2330; color: #fff; }
.bar h1 { font-size: 17px; margin: 0; }
.bar .muted { color: #b8c2d0; }
.status { margin-left: auto; font-size: 12px; color: #b8c2d0; }
main { padding: 16px 20px 40px; max-width: 1400px; margin: 0 auto; }
h2 { font-size: 15px; margin: 0 0 10px; display: flex; align-items: center; gap: 8px; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin-bottom: 16px; overflow-x: auto; }
.narrow { max-width: 440px; margin: 60px auto; }
.columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 16px; }
.columns .card { margin-bottom: 0; }
.columns { margin-bottom: 16px; }
.muted { color: var(--muted); font-weight: normal; font-size: 12px; }
.note { color: var(--muted); font-size: 12px; margin: 0 0 12px; }
.error { color: var(--blocked); min-height: 1em; margin: 6px 0; }
.error:empty { display: none; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: 12px; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
code, .id { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; overflow-wrap: anywhere; }
a.id { color: var(--accent); text-decoration: none; cursor: pointer; }
a.id:hover { text-decoration: underline; }
.stats { display: grid; grid-template-columns: repeat(auto-fit, minmax(130px, 1fr)); gap: 10px; margin-bottom: 16px; }
.stat { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.stat .value { font-size: 22px; font-weight: 600; font-variant-numeric: tabular-nums; }
.stat .label { color: var(--muted); font-size: 12px; }
.pill { display: inline-block; padding: 0 7px; border-radius: 10px; font-size: 12px; font-weight: 600; color: #fff; background: var(--muted); }
.pill.allowed, .pill.allow { background: var(--allowed); }
.pill.throttled, .pill.throttle { background: var(--throttled); }
.pill.blocked, .pill.block, .pill.deny, .pill.flag { background: var(--blocked); }
.pill.error { background: #6b4fa0; }
.legend { display: flex; gap: 14px; font-size: 12px; margin-bottom: 4px; }
.key::before { content: ""; display: inline-block; width: 12px; height: 3px; margin-right: 5px; vertical-align: middle; background: currentColor; }
.key.allowed { color: var(--allowed); } .key.throttled { color: var(--throttled); } .key.blocked { color: var(--blocked); }
#chart { width: 100%; height: auto; display: block; }
#chart .grid { stroke: var(--line); stroke-width: 1; }
#chart .axis { fill: var(--muted); font-size: 11px; }
#chart .line { fill: none; stroke-width: 2; stroke-linejoin: round; }
#chart .line.allowed { stroke: var(--allowed); } #chart .line.throttled { stroke: var(--throttled); } #chart .line.blocked { stroke: var(--blocked); }
button { font: inherit; padding: 5px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
button.secondary { background: transparent; color: inherit; border-color: currentColor; }
button.small { padding: 1px 8px; font-size: 12px; }
button.danger { background: var(--blocked); border-color: var(--blocked); }
button:disabled { opacity: .6; cursor: default; }
input { font: inherit; padding: 5px 8px; border: 1px solid var(--line); border-radius: 6px; }
label { display: block; margin: 10px 0 4px; font-weight: 600; }
#login input { width: 100%; margin-bottom: 10px; }
form.inline { display: flex; gap: 8px; margin-top: 10px; flex-wrap: wrap; }
form.inline input { flex: 1 1 160px; }
.signal { font-size: 12px; color: var(--muted); }
.signal b { color: var(--fg); font-weight: 600; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 0 0 12px; font-size: 13px; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
h3 { font-size: 13px; margin: 14px 0 6px; }
.spark { width: 100%; max-width: 600px; height: 60px; display: block; }
.spark polyline { fill: none; stroke: var(--accent); stroke-width: 2; }
.spark line { stroke: var(--line); }
`;
