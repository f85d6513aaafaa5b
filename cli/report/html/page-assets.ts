// The inline stylesheet and script of the HTML report. Inline so the file is self-contained (it opens
// from disk or as a CI artifact, with no network); the page's Content-Security-Policy allows exactly
// these two blocks by hash, so nothing injected into the page could run or load anything.

/** Colours meet WCAG AA contrast on white; the print rules keep them (and show every panel). */
export const PAGE_CSS = `
:root { --fail: #b3261e; --indeterminate: #8a5300; --waived: #00607a; --attested: #6b3fa0;
  --pass: #1e6b34; --na: #5f6368; --clean: #1e6b34; --line: #d0d4d9; --muted: #4a4f55; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1f23;
  margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; background: #fff; }
h1 { font-size: 1.5rem; margin: .5rem 0; } h2 { font-size: 1.2rem; margin: 2rem 0 .5rem;
  border-bottom: 1px solid var(--line); padding-bottom: .25rem; } h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: #0b57d0; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
.verdict { display: inline-block; padding: .1rem .6rem; border-radius: .3rem; color: #fff; font-weight: 700; }
.verdict-fail { background: var(--fail); } .verdict-pass { background: var(--pass); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-left-width: .4rem; border-radius: .3rem; padding: .3rem .7rem; min-width: 8rem; }
.counts strong { display: block; font-size: 1.4rem; }
.s-fail { border-color: var(--fail) !important; } .s-indeterminate { border-color: var(--indeterminate) !important; }
.s-waived { border-color: var(--waived) !important; } .s-attested { border-color: var(--attested) !important; }
.s-pass, .s-clean { border-color: var(--pass) !important; } .s-not_applicable { border-color: var(--na) !important; }
.badge { display: inline-block; font-size: .75rem; font-weight: 700; padding: 0 .4rem; border-radius: .25rem; color: #fff; white-space: nowrap; }
.b-fail { background: var(--fail); } .b-indeterminate { background: var(--indeterminate); } .b-waived { background: var(--waived); }
.b-attested { background: var(--attested); } .b-pass, .b-clean { background: var(--pass); } .b-not_applicable { background: var(--na); }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .3rem .5rem; }
th { background: #f3f4f6; } th[scope="row"] { white-space: nowrap; }
caption { text-align: left; color: var(--muted); padding: .25rem 0; }
.filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
.filters label { display: flex; flex-direction: column; font-size: .85rem; color: var(--muted); }
select, button { font: inherit; }
select:focus-visible, button:focus-visible, a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
.muted { color: var(--muted); }
.resources { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 1.5rem; }
.tree, .tree ul { list-style: none; margin: 0; padding-left: 1.1rem; }
.tree { padding-left: 0; }
.node { background: none; border: 1px solid transparent; border-left: .35rem solid var(--clean); border-radius: .2rem;
  padding: .05rem .4rem; margin: .1rem 0; text-align: left; cursor: pointer; color: inherit; }
.node:hover, .node[aria-pressed="true"] { border-color: var(--line); background: #f3f4f6; }
.node.w-fail { border-left-color: var(--fail); } .node.w-indeterminate { border-left-color: var(--indeterminate); }
.node.w-waived { border-left-color: var(--waived); }
.node .type { color: var(--muted); font-size: .8rem; }
.resources > div { position: sticky; top: .5rem; align-self: start; max-height: calc(100vh - 1rem); overflow-y: auto; }
.detail { border: 1px solid var(--line); border-radius: .3rem; padding: .5rem 1rem; }
.finding { border-left: .35rem solid var(--line); padding: .25rem .75rem; margin: .75rem 0; }
.fix { margin: .25rem 0; } .fix::before { content: "Fix: "; font-weight: 700; }
pre.excerpt { background: #f6f8fa; border: 1px solid var(--line); padding: .4rem 0; overflow-x: auto; margin: .25rem 0; }
pre.excerpt span { display: block; padding: 0 .6rem; white-space: pre; }
pre.excerpt .current { background: #fde7e6; font-weight: 700; }
pre.excerpt .ln { display: inline; padding: 0 .6rem 0 0; color: var(--muted); user-select: none; }
dl.provenance { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.provenance dt { font-weight: 700; } dl.provenance dd { margin: 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 800px) { .resources { grid-template-columns: 1fr; } }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .filters, .no-print { display: none !important; }
  .detail[hidden] { display: block !important; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .resources { grid-template-columns: 1fr; }
  .resources > div { position: static; max-height: none; overflow: visible; }
  a { color: inherit; text-decoration: none; }
  section, tr, .finding { break-inside: avoid; }
}
`;

/** Filters of the rule matrix and the resource tree's detail panels; plain DOM, no library. */
export const PAGE_SCRIPT = `
(function () {
  "use strict";
  var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("#rule-matrix tbody tr"));
  var shown = document.getElementById("rule-matrix-shown");
  function applyFilters() {
    var visible = 0;
    rows.forEach(function (row) {
      var keep = filters.every(function (select) {
        return select.value === "" || row.getAttribute("data-" + select.getAttribute("data-filter")) === select.value;
      });
      row.hidden = !keep;
      if (keep) visible += 1;
    });
    if (shown) shown.textContent = visible + " of " + rows.length + " rules shown";
  }
  filters.forEach(function (select) { select.addEventListener("change", applyFilters); });
  applyFilters();
  var nodes = Array.prototype.slice.call(document.querySelectorAll("button.node"));
  var details = Array.prototype.slice.call(document.querySelectorAll(".resources .detail"));
  var hint = document.getElementById("resource-hint");
  nodes.forEach(function (node) {
    node.addEventListener("click", function () {
      var target = node.getAttribute("aria-controls");
      details.forEach(function (detail) { detail.hidden = detail.id !== target; });
      nodes.forEach(function (other) { other.setAttribute("aria-pressed", String(other === node)); });
      if (hint) hint.hidden = true;
    });
  });
})();
`;
