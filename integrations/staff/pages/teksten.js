// Phrasing editor for communication staff: edit, see B1 feedback while typing, save, revert.
"use strict";

const $ = (id) => document.getElementById(id);
let texts = [];
let current = null;
let timer = null;

async function api(path, options = {}) {
  const response = await fetch("/staff/api" + path, {
    headers: { "Content-Type": "application/json" },
    ...options,
  });
  if (response.status === 401) { window.location.href = "/staff/login"; throw new Error("login"); }
  return { status: response.status, data: await response.json() };
}

function showList() {
  const query = $("search").value.toLowerCase();
  const list = $("names");
  list.replaceChildren();
  for (const item of texts) {
    if (query && !(item.name + " " + item.text).toLowerCase().includes(query)) continue;
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = item.name;
    if (item.changed) button.classList.add("changed");
    button.addEventListener("click", () => open(item));
    li.appendChild(button);
    list.appendChild(li);
  }
}

function findingsInto(list, report) {
  list.replaceChildren();
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

async function check() {
  const body = { text: $("chat").value, voice: $("voice").value || null };
  const { data } = await api("/b1?name=" + encodeURIComponent(current.name), {
    method: "POST", body: JSON.stringify(body),
  });
  findingsInto($("chat-findings"), data.chat);
  findingsInto($("voice-findings"), data.voice);
  $("save").disabled = !data.can_save;
  $("status").textContent = data.problems.join(" ");
}

function changed() {
  $("preview").textContent = $("chat").value;
  clearTimeout(timer);
  timer = setTimeout(check, 250);
}

async function showHistory() {
  const { data } = await api("/teksten/" + encodeURIComponent(current.name) + "/history");
  const list = $("history");
  list.replaceChildren();
  data.forEach((change, index) => {
    const li = document.createElement("li");
    const when = new Date(change.at).toLocaleString("nl-NL");
    li.textContent = `${when}, ${change.who}: "${change.before.text}" werd "${change.after.text}" `;
    const button = document.createElement("button");
    button.type = "button";
    button.textContent = "Zet terug";
    button.addEventListener("click", async () => {
      const { data: restored } = await api("/teksten/" + encodeURIComponent(current.name) + "/revert", {
        method: "POST", body: JSON.stringify({ index }),
      });
      $("chat").value = restored.text;
      $("voice").value = restored.voice || "";
      $("status").textContent = "Teruggezet.";
      await reload();
      changed();
      showHistory();
    });
    li.appendChild(button);
    list.appendChild(li);
  });
}

function open(item) {
  current = item;
  $("edit").hidden = false;
  $("name").textContent = item.name;
  $("chat").value = item.text;
  $("voice").value = item.voice || "";
  $("placeholders").textContent = item.placeholders.length
    ? "Invulvelden (laten staan): " + item.placeholders.map((p) => "{" + p + "}").join(", ")
    : "";
  $("status").textContent = "";
  changed();
  showHistory();
}

async function reload() {
  ({ data: texts } = await api("/teksten"));
  showList();
}

$("chat").addEventListener("input", changed);
$("voice").addEventListener("input", changed);
$("search").addEventListener("input", showList);
$("save").addEventListener("click", async () => {
  const body = { text: $("chat").value, voice: $("voice").value || null };
  const { status, data } = await api("/teksten/" + encodeURIComponent(current.name), {
    method: "PUT", body: JSON.stringify(body),
  });
  $("status").textContent = status === 200 ? "Opgeslagen. De assistent gebruikt deze tekst nu."
    : (data.detail + " " + (data.problems || []).join(" "));
  await reload();
  showHistory();
});
$("speak").addEventListener("click", () => {
  if (!("speechSynthesis" in window)) return;
  const utterance = new SpeechSynthesisUtterance($("voice").value || $("chat").value);
  utterance.lang = "nl-NL";
  const dutch = speechSynthesis.getVoices().find((v) => v.lang.startsWith("nl"));
  if (dutch) utterance.voice = dutch;
  speechSynthesis.speak(utterance);
});
$("logout").addEventListener("click", async () => {
  await api("/logout", { method: "POST" });
  window.location.href = "/staff/login";
});
reload();
