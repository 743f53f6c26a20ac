// Counts per route, wijk and outcome, per day: aggregates only.
"use strict";

const TITLES = { route: "Per route", wijk: "Per wijk", outcome: "Per uitkomst" };

async function load() {
  const response = await fetch("/api/stats?days=14");
  if (response.status === 401) { window.location.href = "/staff/login"; return; }
  const days = await response.json();
  const root = document.getElementById("tables");
  for (const kind of Object.keys(TITLES)) {
    const names = [...new Set(days.flatMap((d) => Object.keys(d[kind])))].sort();
    const h2 = document.createElement("h2");
    h2.textContent = TITLES[kind];
    const table = document.createElement("table");
    const head = table.createTHead().insertRow();
    ["Dag", ...names, "Totaal"].forEach((t) => { const th = document.createElement("th"); th.textContent = t; head.appendChild(th); });
    const body = table.createTBody();
    for (const day of days) {
      const row = body.insertRow();
      const counts = names.map((n) => day[kind][n] || 0);
      [day.date, ...counts, counts.reduce((a, b) => a + b, 0)].forEach((v) => { row.insertCell().textContent = v; });
    }
    root.append(h2, table);
  }
}
load();
