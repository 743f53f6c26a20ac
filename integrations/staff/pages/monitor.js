// The figures: each conversation once, in its final route and known wijk; routes, dates,
// channels and waiting times in words; a CSV of the same counts. Aggregates only.
"use strict";

const { api, element } = Staff;
const $ = (id) => document.getElementById(id);

function table(title, rows, caption) {
  const box = element("section", { className: "figure" });
  box.appendChild(element("h2", {}, title));
  if (!rows.length) {
    box.appendChild(element("p", { className: "hint" }, "Nog niets geteld."));
    return box;
  }
  const wrap = element("div", { className: "table-wrap", tabindex: "0", role: "region", "aria-label": title });
  const t = element("table");
  t.appendChild(element("caption", { className: "visually-hidden" }, caption));
  const head = t.createTHead().insertRow();
  head.append(element("th", { scope: "col" }, "Wat"), element("th", { scope: "col" }, "Aantal"));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    tr.append(element("th", { scope: "row" }, row.name), element("td", {}, String(row.count)));
  }
  wrap.appendChild(t);
  box.appendChild(wrap);
  return box;
}

async function load() {
  const days = $("days").value;
  $("csv").href = "/api/stats.csv?days=" + days;
  const { ok, data } = await api("/api/stats/figures?days=" + days);
  if (!ok) return;
  const wait = data.average_wait ? ` Gemiddeld wachtte een inwoner ${data.average_wait} op een medewerker.` : "";
  $("totals").textContent = `Van ${data.from} tot en met ${data.to}: ${data.conversations} ${data.conversations === 1 ? "gesprek" : "gesprekken"}.${wait}`;
  $("tables").replaceChildren(...data.tables.map((t) => table(t.title, t.rows, `${t.title}, ${data.from} tot en met ${data.to}`)));
  const body = $("days-body");
  body.replaceChildren();
  for (const day of data.per_day) {
    const tr = body.insertRow();
    tr.appendChild(element("th", { scope: "row" }, day.date_words));
    for (const value of [day.conversations, day.chat, day.phone, day.average_wait || "-"]) {
      tr.appendChild(element("td", {}, String(value)));
    }
  }
}

$("days").addEventListener("change", load);
$("period").addEventListener("submit", (event) => { event.preventDefault(); load(); });
Staff.menu();
load();
