// One case: the summary (safety first), how to reach the resident, the live transcript,
// taking over (one staff member at a time), giving back, closing with an outcome chosen on
// purpose, and writing to a chat resident (a phone case is called back instead).
"use strict";

const { api, element } = Staff;
const $ = (id) => document.getElementById(id);
const sessionId = new URLSearchParams(window.location.search).get("id") || "";
const base = "/api/cases/" + encodeURIComponent(sessionId);
const draftKey = "toegang-draft:" + sessionId;
const WHO = { resident: "Inwoner", bot: "Assistent", staff: "Medewerker" };
let current = null;
let me = null;
let live = null;

function problem(text) {
  $("problem").replaceChildren(element("p", {}, text), back());
  $("problem").hidden = false;
  $("case").hidden = true;
  $("heading").textContent = "Gesprek niet gevonden";
}

function back() {
  const p = element("p");
  p.appendChild(element("a", { href: "/staff/" }, "Terug naar de wachtrij"));
  return p;
}

function showSummary(data) {
  const root = $("summary");
  root.replaceChildren();
  for (const section of data.summary_sections) {
    const safety = section.title === "Veiligheid eerst";
    const box = element("section", { className: "summary-block" + (safety ? " safety" : "") });
    box.appendChild(element("h3", {}, section.title));
    const list = element("dl");
    for (const line of section.lines) {
      list.append(element("dt", {}, line.label), element("dd", {}, line.text));
    }
    box.appendChild(list);
    root.appendChild(box);
  }
}

function phoneLinks(contact) {
  const list = element("ul", { className: "phones" });
  for (const phone of contact.phones) {
    const li = element("li");
    li.appendChild(element("a", { href: phone.href, className: "call" }, "Bel " + phone.shown));
    li.append(` (${phone.source}${phone.confirmed ? ", bevestigd" : ""})`);
    list.appendChild(li);
  }
  return list;
}

function showContact(data) {
  const body = $("contact-body");
  body.replaceChildren();
  const contact = data.contact;
  if (contact.preference) body.appendChild(element("p", {}, "Afspraak over contact: " + contact.preference + "."));
  if (contact.phones.length) body.appendChild(phoneLinks(contact));
  else body.appendChild(element("p", { className: "no-number" }, contact.no_number));
  if (contact.safe_words.length) {
    body.appendChild(element("p", { className: "safe" }, "Wanneer het veilig is: " + contact.safe_words.map((w) => `"${w}"`).join("; ") + "."));
  }
}

function showFacts(data) {
  const parts = [data.channel_words, data.route_words, data.urgency_words, data.status_words];
  if (data.waiting) parts.push(data.waiting === "net binnen" ? "net binnen" : "wacht " + data.waiting);
  $("facts").textContent = parts.join(" · ");
  $("heading").textContent = data.channel === "phone" ? "Telefoongesprek" : "Chatgesprek";
}

function showHandling(data) {
  const holder = data.holder;
  const mine = holder && me && holder === me.user;
  const closed = data.status === "afgerond";
  $("holder").textContent = closed ? "" : holder
    ? (mine ? "U heeft dit gesprek." : `${holder} heeft dit gesprek.`)
    : "Niemand heeft dit gesprek nu.";
  $("take").hidden = closed || !!holder;
  $("take").textContent = data.channel === "phone" ? "Neem over (ik bel terug)" : "Neem over";
  $("force").hidden = closed || !holder || mine;
  $("release").hidden = closed || !mine;
  $("close").hidden = closed || (holder && !mine);
  $("confirm-box").hidden = !data.needs_close_confirmation;
  $("closed").hidden = !closed;
  if (closed) $("closed").textContent = `Dit gesprek is afgerond door ${data.closed_by}: ${outcomeWords(data)}.`;
  const writing = data.channel === "chat" && !closed && (!holder || mine);
  $("write").hidden = !writing;
  $("phone-note").hidden = data.channel !== "phone";
  if (data.channel === "phone") {
    const note = $("phone-note");
    note.replaceChildren(element("p", {}, "Dit is een telefoongesprek. Een bericht komt niet aan. Bel de inwoner terug."));
    if (data.contact.phones.length) note.appendChild(phoneLinks(data.contact));
    else note.appendChild(element("p", { className: "no-number" }, data.contact.no_number));
  }
}

function outcomeWords(data) {
  const found = data.outcomes.find((o) => o.value === data.outcome);
  return found ? found.title : data.outcome;
}

function showOutcomes(data) {
  const root = $("outcomes");
  if (root.childElementCount) return;
  data.outcomes.forEach((outcome, index) => {
    const id = "outcome-" + index;
    const wrap = element("div", { className: "choice" });
    wrap.append(
      element("input", { type: "radio", name: "outcome", id, value: outcome.value }),
      element("label", { for: id }, outcome.title),
    );
    root.appendChild(wrap);
  });
}

function show(entry) {
  if (!entry.shown && !entry.text) return;
  const text = entry.shown || entry.text;
  const line = element("p", { className: "entry " + entry.sender });
  const who = entry.sender === "staff" && entry.who ? `Medewerker (${entry.who})` : WHO[entry.sender] || entry.sender;
  line.append(element("span", { className: "who" }, who + ": "), text);
  $("transcript").appendChild(line);
  $("transcript").scrollTop = $("transcript").scrollHeight;
}

function shownOf(entry) {
  if (entry.text) return entry.text;
  if (entry.sender !== "resident") return null;
  if (entry.chosen) return `[koos: ${entry.chosen}]`;
  if (entry.automatic) return null;
  return entry.payload ? "[koos een knop]" : null;
}

async function load() {
  if (!sessionId) { problem("Er is geen gesprek gekozen."); return; }
  const { status, data } = await api(base);
  if (status === 404) { problem(data.detail || "Dit gesprek bestaat niet of is verlopen."); return; }
  if (status === 403) { problem(data.detail || "U heeft geen toegang tot dit gesprek."); return; }
  current = data;
  $("case").hidden = false;
  showFacts(data);
  showSummary(data);
  showContact(data);
  showOutcomes(data);
  showHandling(data);
  $("transcript").replaceChildren();
  data.transcript.forEach(show);
  if (!live) {
    const last = data.transcript.length ? data.transcript[data.transcript.length - 1].id : "";
    live = new EventSource(base + "/events" + (last ? "?after=" + encodeURIComponent(last) : ""));
    live.onmessage = (event) => {
      const entry = JSON.parse(event.data);
      show({ ...entry, shown: shownOf(entry) });
    };
  }
}

async function act(path, body, done) {
  const { ok, status, data } = await api(base + path, { method: "POST", body: body || {} });
  if (!ok) {
    $("status").textContent = data.detail || "Dat lukte niet. Probeer het opnieuw.";
    if (status === 409) await refresh();
    return false;
  }
  $("status").textContent = done;
  await refresh();
  return true;
}

async function refresh() {
  const { ok, data } = await api(base);
  if (!ok) return;
  current = data;
  showFacts(data);
  showSummary(data);
  showContact(data);
  showHandling(data);
}

$("take").addEventListener("click", () => act("/take", {}, "U heeft het gesprek overgenomen."));
$("force").addEventListener("click", () => act("/take", { force: true }, "U heeft het gesprek overgenomen."));
$("release").addEventListener("click", () => act("/release", {}, "Het gesprek staat weer in de wachtrij. De assistent praat weer met de inwoner."));
$("close").addEventListener("submit", async (event) => {
  event.preventDefault();
  const chosen = document.querySelector("input[name=outcome]:checked");
  if (!chosen) { $("status").textContent = "Kies eerst hoe het gesprek is afgerond."; return; }
  if (current.needs_close_confirmation && !$("confirm").checked) {
    $("status").textContent = "Dit gesprek gaat over veiligheid. Vink eerst aan dat de inwoner veilig is of hulp heeft.";
    $("confirm").focus();
    return;
  }
  const label = document.querySelector(`label[for=${chosen.id}]`).textContent;
  await act("/close", { outcome: chosen.value, confirm: $("confirm").checked }, `Afgesloten: ${label}.`);
});

function messageChanged() {
  const text = $("message").value;
  $("send").disabled = !text.trim();
  if (text.trim()) sessionStorage.setItem(draftKey, text);
  else sessionStorage.removeItem(draftKey);
}
$("message").addEventListener("input", messageChanged);
$("write").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("message").value.trim();
  if (!text) { $("status").textContent = "Het bericht is leeg. Typ eerst een bericht."; return; }
  // The draft stays in this tab until it is sent: a login that expired does not lose it.
  sessionStorage.setItem(draftKey, $("message").value);
  const { ok, data } = await api(base + "/messages", { method: "POST", body: { text } });
  if (!ok) { $("status").textContent = data.detail || "Het bericht is niet verstuurd."; return; }
  sessionStorage.removeItem(draftKey);
  $("message").value = "";
  $("draft-note").hidden = true;
  messageChanged();
  $("status").textContent = "Verstuurd.";
  await refresh();
});

const draft = sessionStorage.getItem(draftKey);
if (draft) { $("message").value = draft; $("draft-note").hidden = false; messageChanged(); }

Staff.menu().then((data) => { me = data; if (current) showHandling(current); });
load();
