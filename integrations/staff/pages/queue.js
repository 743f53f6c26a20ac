// The work list: the queue (most urgent first, then who waits longest), my cases, cases taken
// by others, closed cases and all cases; filters, search, and new acute cases announced.
"use strict";

const { api, element } = Staff;
const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(window.location.search);
const view = params.get("view") || "wachtrij";
const FILTERS = ["q", "route", "urgency", "channel", "wijk"];
const EMPTY = {
  wachtrij: "Er wacht niemand.",
  mijn: "U heeft nu geen gesprekken.",
  overgenomen: "Niemand heeft nu een gesprek overgenomen.",
  afgerond: "Er zijn nog geen afgeronde gesprekken.",
  alle: "Er zijn geen gesprekken.",
};
let seenAcute = null; // acute cases in the queue at the last look; null before the first look
let lastCount = "";
let titles = {};
let pendingWijk = params.get("wijk") || ""; // chosen in a link before its option exists

function query() {
  const wanted = new URLSearchParams({ view });
  for (const name of FILTERS) if ($(name).value) wanted.set(name, $(name).value);
  if (pendingWijk) wanted.set("wijk", pendingWijk);
  return wanted;
}

function showViews(views) {
  titles = views;
  const list = $("views");
  list.replaceChildren();
  for (const [name, title] of Object.entries(views)) {
    const li = element("li");
    const link = element("a", { href: "/staff/?view=" + name, "aria-current": name === view ? "page" : null }, title);
    li.appendChild(link);
    list.appendChild(li);
  }
  $("title").textContent = views[view] || "Gesprekken";
  document.title = `${views[view] || "Gesprekken"} - Toegang Assistent`;
}

function showWijken(choices) {
  const select = $("wijk");
  const chosen = select.value;
  const known = new Set([...select.options].map((o) => o.value));
  for (const { value, title } of choices.wijk) {
    if (!known.has(value)) select.appendChild(element("option", { value }, title));
  }
  select.value = pendingWijk || chosen;
  if (select.value === pendingWijk) pendingWijk = "";
}

function meta(row) {
  const items = [];
  items.push(element("span", { className: "badge urgency-" + row.urgency }, row.urgency_words));
  if (row.waiting_seconds !== null) {
    items.push(element("span", { className: "wait" }, row.waiting_seconds < 60 ? "net binnen" : "wacht " + row.waiting));
  } else {
    items.push(element("span", {}, row.updated_seconds < 60 ? "zojuist bijgewerkt" : `bijgewerkt ${row.updated} geleden`));
  }
  items.push(element("span", { className: "channel" }, row.channel_words));
  items.push(element("span", {}, row.route_words));
  items.push(element("span", {}, row.wijk ? "Wijk " + row.wijk : "Wijk niet bekend"));
  if (row.kind_words) items.push(element("span", {}, row.kind_words));
  return items;
}

function contact(row) {
  if (row.phone_href) {
    return element("a", { href: row.phone_href, className: "call" }, "Bel " + row.phone);
  }
  if (row.no_number) return element("span", { className: "no-number" }, "Geen telefoonnummer");
  return null;
}

function rowItem(row, fresh) {
  const li = element("li", { className: `row urgency-${row.urgency}${fresh ? " fresh" : ""}` });
  const heading = element("h2", { className: "need" });
  const link = element("a", { href: "/staff/gesprek?id=" + encodeURIComponent(row.session_id) }, row.need);
  heading.appendChild(link);
  if (fresh) heading.prepend(element("span", { className: "new" }, "Nieuw: "));
  const line = element("p", { className: "meta" });
  line.append(...meta(row));
  li.append(heading, line);
  const extra = element("p", { className: "status" });
  if (row.status === "overgenomen") extra.append(row.status_words + ". ");
  if (row.status === "afgerond") extra.append(`Afgerond door ${row.closed_by}: ${row.outcome_words}. `);
  const call = contact(row);
  if (call) extra.append(call);
  if (extra.childNodes.length) li.appendChild(extra);
  return li;
}

function announce(newAcute) {
  const zone = $("announce");
  if (!newAcute.length) return;
  const first = newAcute[0];
  const box = element("div", { className: "alert" });
  const text = newAcute.length === 1 ? "Nieuw acuut gesprek: " : `${newAcute.length} nieuwe acute gesprekken. Eerste: `;
  box.append(text);
  box.appendChild(element("a", { href: "/staff/gesprek?id=" + encodeURIComponent(first.session_id) }, first.need));
  const wait = first.waiting_seconds < 60 ? "net binnen" : "wacht " + first.waiting;
  box.append(`. ${first.channel_words}, ${wait}.`);
  zone.replaceChildren(box);
}

function countText(data) {
  const c = data.counts;
  const filtered = c.totaal !== data.in_view ? ` (van ${data.in_view})` : "";
  const word = c.totaal === 1 ? "gesprek" : "gesprekken";
  const urgent = c.acuut ? `, waarvan ${c.acuut} acuut` : "";
  return `${c.totaal} ${word}${filtered}${urgent}.`;
}

async function refresh() {
  const { ok, data } = await api("/api/cases?" + query().toString());
  if (!ok) return;
  if (!Object.keys(titles).length) showViews(data.views);
  showWijken(data.choices);
  const queue = view === "wachtrij" ? data.rows : (await api("/api/handoffs")).data;
  const acute = queue.filter((r) => r.urgency === "acuut");
  const fresh = seenAcute === null ? [] : acute.filter((r) => !seenAcute.has(r.session_id));
  seenAcute = new Set([...(seenAcute || []), ...acute.map((r) => r.session_id)]);
  announce(fresh);
  const freshIds = new Set(fresh.map((r) => r.session_id));
  const list = $("rows");
  const keep = new Set([...list.querySelectorAll("li.fresh")].map((li) => li.dataset.session));
  list.replaceChildren(...data.rows.map((row) => {
    const item = rowItem(row, freshIds.has(row.session_id) || keep.has(row.session_id));
    item.dataset.session = row.session_id;
    return item;
  }));
  const text = countText(data);
  if (text !== lastCount) { $("count").textContent = text; lastCount = text; }
  const empty = $("empty");
  empty.hidden = data.rows.length > 0;
  empty.textContent = data.in_view ? "Geen gesprekken gevonden met deze filters." : EMPTY[view];
  document.title = (acute.length ? `(${acute.length} acuut) ` : "") + `${titles[view] || "Gesprekken"} - Toegang Assistent`;
}

for (const name of FILTERS) {
  $(name).value = params.get(name) || "";
  $(name).addEventListener(name === "q" ? "input" : "change", () => {
    const shown = query();
    history.replaceState(null, "", "/staff/?" + shown.toString());
    refresh();
  });
}
$("filters").addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
$("clear").addEventListener("click", () => {
  for (const name of FILTERS) $(name).value = "";
  history.replaceState(null, "", "/staff/?view=" + view);
  refresh();
});

Staff.menu();
refresh();
setInterval(refresh, 2000);
