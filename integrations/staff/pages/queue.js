// The live queue: new handoffs appear without a reload.
"use strict";

async function refresh() {
  const response = await fetch("/api/handoffs");
  if (response.status === 401) { window.location.href = "/staff/login"; return; }
  const rows = await response.json();
  const body = document.getElementById("queue");
  body.replaceChildren();
  for (const row of rows) {
    const tr = document.createElement("tr");
    tr.className = "urgency-" + row.urgency;
    const since = new Date(row.requested_at).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
    for (const value of [row.urgency, row.kind, row.route || "", row.summary || "", since]) {
      const td = document.createElement("td");
      td.textContent = value;
      tr.appendChild(td);
    }
    const td = document.createElement("td");
    const link = document.createElement("a");
    link.href = "/staff/gesprek?id=" + encodeURIComponent(row.session_id);
    link.textContent = "Open";
    td.appendChild(link);
    tr.appendChild(td);
    body.appendChild(tr);
  }
  document.getElementById("empty").hidden = rows.length > 0;
}

refresh();
setInterval(refresh, 2000);
