// Beheer: the accounts with their roles, unlocking a login after too many wrong passwords,
// and the audit log.
"use strict";

const { api, element } = Staff;
const $ = (id) => document.getElementById(id);
const dutch = DutchDate.moment;

async function accounts() {
  const { data } = await api("/staff/api/beheer/accounts");
  const body = $("accounts");
  body.replaceChildren();
  for (const account of data) {
    const tr = body.insertRow();
    tr.append(element("th", { scope: "row" }, account.user), element("td", {}, account.role_names.join(", ")));
    const cell = element("td");
    if (account.locked_seconds > 0) {
      const minutes = Math.max(1, Math.ceil(account.locked_seconds / 60));
      cell.append(`Op slot, nog ${minutes} ${minutes === 1 ? "minuut" : "minuten"}. `);
      const button = element("button", { type: "button", className: "secondary" }, `Ontgrendel ${account.user}`);
      button.addEventListener("click", async () => {
        const { ok } = await api(`/staff/api/beheer/accounts/${encodeURIComponent(account.user)}/unlock`, { method: "POST", body: {} });
        $("status").textContent = ok ? `${account.user} kan weer inloggen.` : "Ontgrendelen lukte niet.";
        accounts();
        audit();
      });
      cell.appendChild(button);
    } else {
      cell.textContent = "Kan inloggen";
    }
    tr.appendChild(cell);
  }
}

async function audit() {
  const { data } = await api("/api/audit");
  const body = $("audit");
  body.replaceChildren();
  for (const entry of data) {
    const tr = body.insertRow();
    tr.append(element("td", {}, dutch(entry.at)), element("td", {}, entry.who), element("td", {}, entry.action));
    tr.appendChild(element("td", {}, entry.session_id ? entry.session_id.slice(0, 8) + "..." : ""));
  }
}

Staff.menu();
accounts();
audit();
