#include "render/report_assets.h"

namespace escviz {

std::string_view ReportCss() {
  return R"CSS(:root { --fg: #1d2330; --muted: #5d6778; --line: #d9dee7; --bg: #ffffff;
  --soft: #f4f6fa; --heap: #c62828; --heap-soft: #fdecea; --link: #1558b0; --bar: #d9534f;
  --bar2: #4a78c2; --bar3: #7a5ab8; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--fg); background: var(--bg); }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
header.top { display: flex; gap: 18px; align-items: center; padding: 8px 20px;
  background: #20293a; color: #fff; position: sticky; top: 0; z-index: 5; }
header.top a { color: #dce6f7; }
header.top .brand { font-weight: 700; color: #fff; margin-right: 8px; }
main { padding: 12px 24px 40px; max-width: 1280px; }
h1 { font-size: 22px; margin: 12px 0 4px; word-break: break-all; }
h1 code, h3 code { font-size: inherit; }
[id] { scroll-margin-top: 56px; }
h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 12px; }
code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace;
  font-size: 12.5px; }
pre.chain { background: var(--soft); border: 1px solid var(--line); border-radius: 6px;
  padding: 8px 10px; overflow-x: auto; margin: 6px 0; white-space: pre; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0 4px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 8px 14px; min-width: 130px;
  background: var(--soft); }
.card .n { font-size: 22px; font-weight: 700; }
.card .l { color: var(--muted); font-size: 12px; }
.card.heap .n { color: var(--heap); }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(380px, 1fr)); gap: 8px 28px; }
.bars { width: 100%; border-collapse: collapse; table-layout: fixed; }
.bars td { padding: 2px 6px 2px 0; vertical-align: middle; }
.bars td.name { width: 58%; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.bars td.num { text-align: right; width: 56px; font-variant-numeric: tabular-nums; }
.bars .b { height: 12px; background: var(--bar); border-radius: 2px; min-width: 2px; }
.bars.causes .b { background: var(--bar2); }
.bars.chokes .b { background: var(--bar3); }
table.data { border-collapse: collapse; width: 100%; margin: 6px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 8px;
  text-align: left; vertical-align: top; }
table.data td.num, table.data th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data th { background: var(--soft); position: sticky; top: 38px; }
table.sortable th { cursor: pointer; user-select: none; }
table.sortable th::after { content: " \2195"; color: #a3acbb; font-size: 11px; }
table.sortable th[aria-sort="ascending"]::after { content: " \25B2"; color: var(--fg); }
table.sortable th[aria-sort="descending"]::after { content: " \25BC"; color: var(--fg); }
input.filter, input#search { font: inherit; padding: 5px 9px; border: 1px solid #b8c0cc;
  border-radius: 6px; width: 340px; max-width: 100%; }
input#search { width: 520px; font-size: 15px; }
ul#search-results { list-style: none; padding: 0; margin: 6px 0; max-width: 1000px; }
ul#search-results li { padding: 3px 6px; border-bottom: 1px solid var(--soft); }
ul#search-results .kind { display: inline-block; width: 64px; color: var(--muted); font-size: 12px; }
.badge { display: inline-block; font-size: 11px; border-radius: 4px; padding: 0 6px;
  background: #e7ebf2; color: #33405a; margin-right: 6px; white-space: nowrap; }
.badge.heap { background: var(--heap); color: #fff; }
.badge.leak { background: #f2e2b8; color: #5b4300; }
.verdict { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 10px 0; }
.verdict:target { border-color: var(--link); box-shadow: 0 0 0 3px #c9dcf7; }
.verdict .head { font-weight: 600; }
.verdict .where { color: var(--muted); font-size: 12.5px; }
.links { margin: 4px 0; }
.links a { margin-right: 4px; }
.links span { margin-right: 22px; }
.note { background: #fff8e1; border: 1px solid #f0d98c; border-radius: 6px; padding: 6px 10px;
  margin: 10px 0; }
figure.graph { margin: 8px 0; overflow: auto; max-height: 620px; border: 1px solid var(--line);
  border-radius: 6px; padding: 6px; background: #fff; }
figure.graph img { display: block; }
figure.graph.fit { max-height: none; }
figure.graph.wide { max-height: 80vh; }
.bars.patterns td.name { width: 30%; }
.bars.patterns .b { background: var(--bar2); }
p.remedy { background: #eef6ee; border-left: 3px solid #5a9b5a; padding: 6px 10px; }
ul.sites li { margin: 4px 0; }
span.hint { color: #7a4b00; font-size: 12px; }
a.badge.pattern { background: #e4ecf7; color: #1d3f73; text-decoration: none; }
td.v a.pattern { font-size: 11px; color: #1d3f73; }
figure.graph.fit img { max-width: 100%; height: auto; }
figure.graph figcaption { position: sticky; left: 0; }
figure.graph figcaption { color: var(--muted); font-size: 12px; }
table.src { border-collapse: collapse; width: 100%; table-layout: fixed; }
table.src td { padding: 0 8px; vertical-align: top; }
table.src td.ln { text-align: right; color: #8a93a3; user-select: none; width: 58px; }
table.src td.code { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, monospace;
  font-size: 12.5px; white-space: pre-wrap; overflow-wrap: anywhere; tab-size: 4; }
table.src td.v { font-size: 12px; color: var(--muted); width: 34%; overflow-wrap: anywhere; }
table.src tr.heap td.code { background: var(--heap-soft); }
table.src tr.heap td.ln { color: var(--heap); font-weight: 700; }
table.src tr:target td { background: #e3edfb; }
table.src td.v a.heap { color: var(--heap); font-weight: 600; }
table.src td.v span { display: block; }
.muted { color: var(--muted); }
footer { color: var(--muted); font-size: 12px; padding: 10px 24px; border-top: 1px solid var(--line); }
)CSS";
}

std::string_view ReportJs() {
  return R"JS("use strict";
(function () {
  function cellValue(row, i) {
    var c = row.cells[i];
    if (!c) return "";
    var v = c.getAttribute("data-v");
    return v !== null ? parseFloat(v) : c.textContent.toLowerCase();
  }
  function sortBy(table, th, i) {
    var body = table.tBodies[0];
    var desc = th.getAttribute("aria-sort") !== "descending";
    if (th.getAttribute("aria-sort") === null && !th.classList.contains("num")) desc = false;
    Array.prototype.forEach.call(th.parentNode.cells, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", desc ? "descending" : "ascending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = cellValue(a, i), y = cellValue(b, i);
      var r = x < y ? -1 : x > y ? 1 : 0;
      return desc ? -r : r;
    });
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) { frag.appendChild(r); });
    body.appendChild(frag);
  }
  function setUpTables() {
    document.querySelectorAll("table.sortable").forEach(function (table) {
      var head = table.tHead && table.tHead.rows[0];
      if (!head) return;
      Array.prototype.forEach.call(head.cells, function (th, i) {
        th.addEventListener("click", function () { sortBy(table, th, i); });
      });
    });
    document.querySelectorAll("input.filter").forEach(function (input) {
      var table = document.getElementById(input.getAttribute("data-table"));
      if (!table) return;
      input.addEventListener("input", function () {
        var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
        var shown = 0;
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          var text = row.textContent.toLowerCase();
          var ok = terms.every(function (t) { return text.indexOf(t) >= 0; });
          row.hidden = !ok;
          if (ok) shown++;
        });
        var count = document.getElementById(input.getAttribute("data-table") + "-count");
        if (count) count.textContent = shown + " shown";
      });
    });
  }
  var kinds = { s: "site", f: "function", p: "package", l: "file", c: "cause" };
  function setUpSearch() {
    var input = document.getElementById("search");
    var list = document.getElementById("search-results");
    if (!input || !list) return;
    var data = window.ESCVIZ_SEARCH || [];
    var base = input.getAttribute("data-base") || "";
    var lower = null;
    input.addEventListener("input", function () {
      while (list.firstChild) list.removeChild(list.firstChild);
      var terms = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      if (!terms.length) return;
      if (!lower) lower = data.map(function (d) { return d[1].toLowerCase(); });
      var found = 0, limit = 60;
      for (var i = 0; i < data.length && found < limit; i++) {
        var t = lower[i];
        if (!terms.every(function (w) { return t.indexOf(w) >= 0; })) continue;
        found++;
        var li = document.createElement("li");
        var k = document.createElement("span");
        k.className = "kind";
        k.textContent = kinds[data[i][0]] || "";
        var a = document.createElement("a");
        a.href = base + data[i][2];
        a.textContent = data[i][1];
        li.appendChild(k);
        li.appendChild(a);
        list.appendChild(li);
      }
      if (!found) {
        var none = document.createElement("li");
        none.className = "muted";
        none.textContent = "no match";
        list.appendChild(none);
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { setUpTables(); setUpSearch(); });
})();
)JS";
}

}  // namespace escviz
