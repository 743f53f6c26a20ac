// Phrasing editor for communication staff: find a text by what it says and where it is used,
// edit chat and phone side by side with B1 feedback while typing, preview it with sample
// values, listen to the phone text, save (or see why not), and revert.
"use strict";

const $ = (id) => document.getElementById(id);
const WHERE_WORDS = {
  chat: "chat", telefoon: "telefoon", sms: "sms", agenda: "agenda", medewerkers: "medewerkers",
};
const BOX_OF_FIELD = { text: "chat", voice: "voice", closed: "closed" };
let texts = [];
let current = null;
let timer = null;
let lastCheck = null;

async function api(path, options = {}) {
  const response = await fetch("/staff/api" + path, {
    headers: { "Content-Type": "application/json" },
    ...options,
  });
  if (response.status === 401) { window.location.href = "/staff/login?next=/staff/teksten"; throw new Error("login"); }
  return { status: response.status, data: await response.json() };
}

function haystack(item) {
  return [
    item.moment, item.name, item.text, item.voice || "", item.closed || "",
    ...item.buttons.map((b) => b.title), ...item.where,
    item.closed ? "buiten kantoortijd" : "",
  ].join("\n").toLowerCase();
}

function fitsWhere(item, where) {
  if (!where) return true;
  if (where === "closed") return item.closed !== null;
  if (where === "buttons") return item.buttons.length > 0;
  if (where === "changed") return item.changed;
  if (where === "other") return !item.where.includes("chat") && !item.where.includes("telefoon");
  return item.where.includes(where);
}

// What in the text matched the search, to show under its moment.
function snippet(item, query) {
  if (query) {
    const button = item.buttons.find((b) => b.title.toLowerCase().includes(query));
    if (button && !item.text.toLowerCase().includes(query)) return `Knop: "${button.title}"`;
    if (item.closed && item.closed.toLowerCase().includes(query) && !item.text.toLowerCase().includes(query)) {
      return `Buiten kantoortijd: "${item.closed}"`;
    }
    if (item.voice && item.voice.toLowerCase().includes(query) && !item.text.toLowerCase().includes(query)) {
      return `Telefoon: "${item.voice}"`;
    }
  }
  const main = item.where.includes("chat") ? item.text : (item.voice || item.text);
  return `"${main}"`;
}

function showList() {
  const query = $("search").value.trim().toLowerCase();
  const where = $("where").value;
  const list = $("names");
  list.replaceChildren();
  let shown = 0;
  for (const item of texts) {
    if (!fitsWhere(item, where)) continue;
    if (query && !query.split(/\s+/).every((word) => haystack(item).includes(word))) continue;
    shown += 1;
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    const moment = document.createElement("span");
    moment.className = "moment";
    moment.textContent = item.moment;
    const said = document.createElement("span");
    said.className = "snippet";
    said.textContent = snippet(item, query);
    const badges = document.createElement("span");
    badges.className = "badges";
    const words = item.where.map((w) => WHERE_WORDS[w]);
    if (item.closed) words.push("buiten kantoortijd");
    if (item.changed) words.push("aangepast");
    badges.textContent = words.join(" · ");
    button.append(moment, said, badges);
    if (item.changed) button.classList.add("changed");
    if (current && current.name === item.name) button.setAttribute("aria-current", "true");
    button.addEventListener("click", () => open(item));
    li.appendChild(button);
    list.appendChild(li);
  }
  $("count").textContent = shown === 1 ? "1 tekst gevonden." : `${shown} teksten gevonden.`;
}

function findingsInto(list, report) {
  list.replaceChildren();
  if (!report) return;
  const items = report.findings.length ? report.findings
    : [{ severity: "ok", message: "Goed: deze tekst is B1." }];
  for (const f of items) {
    const li = document.createElement("li");
    li.className = f.severity;
    const label = f.severity === "fail" ? "Fout" : f.severity === "warn" ? "Let op" : "";
    li.textContent = (label ? label + ": " : "") + f.message + (f.suggestion ? " " + f.suggestion : "");
    list.appendChild(li);
  }
}

function fieldOf(name) {
  return current.fields.find((f) => f.field === name);
}

function draft() {
  const textField = fieldOf("text");
  const voiceField = fieldOf("voice");
  return {
    text: textField ? $("chat").value : current.text,
    voice: voiceField ? ($("voice").value || null) : current.voice,
    closed: fieldOf("closed") ? $("closed").value : null,
    buttons: current.buttons.length
      ? [...$("button-fields").querySelectorAll("input")].map((input) => input.value) : null,
  };
}

function reportFor(field, data) {
  if (field.field === "closed") return data.closed;
  if (field.field === "voice" || field.channel === "telefoon") return data.voice;
  return data.chat;
}

function showPreview(preview) {
  $("preview").textContent = preview.chat;
  const buttons = $("preview-buttons");
  buttons.replaceChildren();
  for (const title of preview.buttons) {
    const li = document.createElement("li");
    li.textContent = title;
    buttons.appendChild(li);
  }
  const spoken = $("phone-preview");
  spoken.replaceChildren();
  for (const line of preview.phone) {
    const li = document.createElement("li");
    li.textContent = line;
    spoken.appendChild(li);
  }
  $("closed-preview").textContent = preview.closed || "";
}

function showSaveState(data) {
  let reasons = data.blocked;
  if (!reasons.length && data.unchanged) reasons = ["Er is nog niets veranderd."];
  $("save").disabled = reasons.length > 0;
  $("save-reason").textContent = reasons.length ? "Opslaan kan nog niet: " + reasons.join(" ") : "";
}

async function check() {
  const asked = current.name;
  const { data } = await api("/b1?name=" + encodeURIComponent(asked), {
    method: "POST", body: JSON.stringify(draft()),
  });
  if (!current || current.name !== asked) return;
  lastCheck = data;
  for (const field of current.fields) {
    findingsInto($(BOX_OF_FIELD[field.field] + "-findings"), reportFor(field, data));
  }
  showPreview(data.preview);
  showSaveState(data);
}

function changed() {
  clearTimeout(timer);
  timer = setTimeout(check, 250);
}

function describeChange(change) {
  const parts = [`"${change.before.text}" werd "${change.after.text}"`];
  if ((change.before.voice || "") !== (change.after.voice || "")) parts.push("telefoontekst aangepast");
  if ((change.before.closed || "") !== (change.after.closed || "")) parts.push("tekst buiten kantoortijd aangepast");
  if (JSON.stringify(change.before.buttons) !== JSON.stringify(change.after.buttons)) parts.push("knoppen aangepast");
  return parts.join(", ");
}

async function showHistory() {
  const name = current.name;
  const { data } = await api("/teksten/" + encodeURIComponent(name) + "/history");
  const list = $("history");
  list.replaceChildren();
  data.forEach((change, index) => {
    const li = document.createElement("li");
    const when = DutchDate.moment(change.at);
    li.textContent = `${when}, ${change.who}: ${describeChange(change)} `;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Zet terug";
    button.addEventListener("click", async () => {
      await api("/teksten/" + encodeURIComponent(name) + "/revert", {
        method: "POST", body: JSON.stringify({ index }),
      });
      await reload();
      const item = texts.find((t) => t.name === name);
      open(item);
      $("status").textContent = "Teruggezet.";
    });
    li.appendChild(button);
    list.appendChild(li);
  });
}

function fillButtons(item) {
  const holder = $("button-fields");
  holder.replaceChildren();
  item.buttons.forEach((button, index) => {
    const id = "button-" + index;
    const label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = `Knop ${index + 1}`;
    const input = document.createElement("input");
    input.id = id;
    input.type = "text";
    input.value = button.title;
    if (button.locked) {
      input.readOnly = true;
      const hint = document.createElement("span");
      hint.className = "hint";
      hint.id = id + "-hint";
      hint.textContent = "De assistent vult deze knop zelf in.";
      input.setAttribute("aria-describedby", hint.id);
      holder.append(label, input, hint);
    } else {
      input.addEventListener("input", changed);
      holder.append(label, input);
    }
  });
  $("buttons-edit").hidden = item.buttons.length === 0;
}

function open(item) {
  current = item;
  $("edit").hidden = false;
  $("moment").textContent = item.moment;
  $("name").textContent = item.name;
  const where = item.where.map((w) => WHERE_WORDS[w]);
  if (item.closed !== null) where.push("buiten kantoortijd");
  $("where-used").textContent = "Gebruikt in: " + where.join(", ") + ".";
  for (const box of ["text", "voice", "closed"]) $("box-" + box).hidden = true;
  $("box-phone").hidden = !item.where.includes("telefoon");
  $("chat-view").hidden = !item.where.includes("chat") && item.where.includes("telefoon");
  for (const field of item.fields) {
    $("box-" + field.field).hidden = false;
    if (field.field !== "closed") $("label-" + field.field).textContent = field.label;
  }
  $("chat").value = item.text;
  $("voice").value = item.voice || "";
  $("closed").value = item.closed || "";
  const needs = [...new Set([...item.needs.text, ...item.needs.voice, ...item.needs.closed])];
  $("placeholders").textContent = needs.length
    ? "Invulvelden (laten staan, de assistent vult ze in): " + needs.map((p) => "{" + p + "}").join(", ")
    : "";
  fillButtons(item);
  $("status").textContent = "";
  $("save-reason").textContent = "";
  showList();
  changed();
  showHistory();
}

async function reload() {
  ({ data: texts } = await api("/teksten"));
  texts.sort((a, b) => a.moment.localeCompare(b.moment, "nl"));
  showList();
}

function listen() {
  if (!("speechSynthesis" in window) || !lastCheck) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(lastCheck.preview.phone.join(" "));
  utterance.lang = "nl-NL";
  const dutch = speechSynthesis.getVoices().find((v) => v.lang.startsWith("nl"));
  if (dutch) utterance.voice = dutch;
  speechSynthesis.speak(utterance);
}

$("chat").addEventListener("input", changed);
$("voice").addEventListener("input", changed);
$("closed").addEventListener("input", changed);
$("search").addEventListener("input", showList);
$("where").addEventListener("change", showList);
$("save").addEventListener("click", async () => {
  const name = current.name;
  const { status, data } = await api("/teksten/" + encodeURIComponent(name), {
    method: "PUT", body: JSON.stringify(draft()),
  });
  await reload();
  if (status === 200) {
    current = texts.find((t) => t.name === name);
    $("status").textContent = "Opgeslagen. De assistent gebruikt deze tekst nu.";
    showList();
    changed();
  } else {
    $("status").textContent = data.detail + " " + (data.blocked || data.problems || []).join(" ");
  }
  showHistory();
});
$("listen").addEventListener("click", listen);
Staff.menu();
reload();
