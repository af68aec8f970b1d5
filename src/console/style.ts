// The console's whole stylesheet, inlined by the layout: no build step, no external assets.
export const CSS = `
:root { --ink: #1f2937; --muted: #5b6472; --line: #e5e7eb; --bg: #f6f7f9; --brand: #0a55e6; --ok: #047857; --bad: #b91c1c; --warn: #92400e; }
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
a { color: var(--brand); text-decoration: underline; text-underline-offset: 2px; }
a.btn, header.top a { text-decoration: none; } header.top a:hover { text-decoration: underline; }
:focus-visible { outline: 3px solid #f59e0b; outline-offset: 2px; }
.skip { position: absolute; left: 8px; top: -60px; background: #fff; color: var(--brand); padding: 8px 12px; border-radius: 6px; z-index: 10; }
.skip:focus { top: 8px; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
header.top { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: center; padding: 10px 24px; background: #111827; color: #fff; }
header.top a { color: #e5e7eb; } header.top a.brand { color: #fff; font-weight: 700; margin-right: 8px; }
header.top nav { display: flex; flex-wrap: wrap; gap: 4px 14px; } header.top .spacer { flex: 1; }
header.top select { padding: 3px 6px; } header.top .clock { color: #d1d5db; font-size: 13px; }
header.top form { display: flex; gap: 6px; align-items: center; } header.top label { margin: 0; }
main { max-width: 1040px; margin: 0 auto; padding: 20px 24px 60px; } main:focus { outline: none; }
h1 { font-size: 24px; margin: 4px 0 4px; } h2 { font-size: 17px; margin: 0 0 10px; } h3 { font-size: 15px; margin: 14px 0 6px; }
.muted { color: var(--muted); } .small { font-size: 13px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin: 14px 0; }
.card.past-due { border-left: 4px solid var(--bad); }
.row { display: flex; gap: 16px; align-items: center; justify-content: space-between; flex-wrap: wrap; }
.amount { font-size: 28px; font-weight: 650; } .amount.bad { color: var(--bad); }
.btn, button { display: inline-block; border: 1px solid var(--brand); background: var(--brand); color: #fff; border-radius: 6px; padding: 6px 14px; font: inherit; cursor: pointer; }
.btn.secondary, button.secondary { background: #fff; color: var(--brand); }
.btn:hover { filter: brightness(1.05); }
table { width: 100%; border-collapse: collapse; background: #fff; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; font-size: 12px; padding: 1px 8px; border-radius: 999px; background: #eef2ff; color: #3730a3; }
.badge.paid, .badge.ok, .badge.succeeded { background: #ecfdf5; color: var(--ok); }
.badge.past_due, .badge.bad, .badge.failed { background: #fef2f2; color: var(--bad); }
.badge.open { background: #fffbeb; color: var(--warn); } .badge.mmr { background: #111827; color: #fff; }
.flash { background: #ecfdf5; border: 1px solid #a7f3d0; color: #065f46; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.problem { background: #fef2f2; border: 1px solid #fecaca; color: #7f1d1d; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.problem strong { display: block; color: var(--bad); } .problem ul { margin: 6px 0 0; padding-left: 20px; }
.problem details { margin-top: 6px; font-size: 13px; } .problem summary { cursor: pointer; }
.field-error { display: block; color: var(--bad); font-size: 13px; margin: 2px 0 6px; }
input[aria-invalid=true] { border-color: var(--bad); }
form.inline { display: inline; } fieldset { border: 1px solid var(--line); border-radius: 8px; margin: 10px 0; padding: 10px 14px; }
label { display: inline-flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 12px 4px 0; }
label.block { display: flex; margin: 8px 0; }
input[type=text], input[type=number], input[type=date], input[type=password], select { padding: 5px 8px; border: 1px solid #6b7280; border-radius: 6px; font: inherit; max-width: 100%; }
.choices label { display: flex; margin: 6px 0; }
.steps td.fail { color: var(--bad); } .steps td.pass { color: var(--ok); }
pre { background: #f3f4f6; padding: 8px; border-radius: 6px; white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; margin: 4px 0; }
code { font-size: 13px; overflow-wrap: anywhere; }
dl.data { margin: 0; font-size: 13px; } dl.data div { display: inline; margin-right: 10px; } dl.data dt, dl.data dd { display: inline; margin: 0; } dl.data dt { color: var(--muted); }
td.nowrap { white-space: nowrap; }
ul.scenarios { list-style: none; margin: 0; padding: 0; } ul.scenarios li { border-top: 1px solid var(--line); padding: 10px 0; }
ul.scenarios p { margin: 4px 0 8px; }
ul.checklist { list-style: none; margin: 0; padding: 0; } ul.checklist li { border-top: 1px solid var(--line); padding: 8px 0; }
ul.checklist p { margin: 4px 0; } details summary { cursor: pointer; margin: 4px 0 8px; }
ul.jump { margin: 0; padding: 0; list-style: none; display: flex; flex-wrap: wrap; gap: 4px 18px; }
@media (max-width: 640px) {
  header.top { padding: 10px 14px; } main { padding: 12px 12px 48px; } .card { padding: 12px; }
  table thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  table, tbody, tr, td, tbody th { display: block; width: 100%; }
  tr { border-bottom: 1px solid var(--line); padding: 6px 0; }
  td, tbody th { border: 0; padding: 2px 0 2px 42%; position: relative; text-align: left; min-height: 1.6em; overflow-wrap: anywhere; }
  td.num { text-align: left; } td.nowrap { white-space: normal; }
  td[data-label]::before { content: attr(data-label); position: absolute; left: 0; width: 40%; font-size: 12px; text-transform: uppercase; color: var(--muted); }
}
`;

// Progressive enhancement only, and never on focus: typing an amount or a new card selects the
// matching radio button; tabbing through the fields leaves the choice as it is.
export const SCRIPT = `document.querySelectorAll('[data-selects]').forEach(function (box) {
  box.addEventListener('input', function (ev) {
    var r = document.getElementById(box.getAttribute('data-selects'));
    if (r && ev.target !== r && ev.target.type !== 'radio') r.checked = true;
  });
});`;
