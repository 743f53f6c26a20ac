// Counts per route, wijk and outcome, per day: aggregates only.
"use strict";

const TITLES = {
  route: "Per route",
  wijk: "Per wijk",
  outcome: "Per uitkomst",
  feedback: "Hoe ging het gesprek? (antwoorden van inwoners)",
  feedback_asked: "Vraag 'Hoe ging het gesprek?' gesteld",
};
const LABELS = {
  feedback: { goed: "Goed", gaat_wel: "Gaat wel", niet_goed: "Niet goed" },
  feedback_asked: { chat: "Chat", phone: "Telefoon" },
};
const label = (kind, name) => (LABELS[kind] && LABELS[kind][name]) || name;

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
    ["Dag", ...names.map((n) => label(kind, n)), "Totaal"].forEach((t) => { const th = document.createElement("th"); th.textContent = t; head.appendChild(th); });
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
