// One case: summary, live transcript, writing to the resident, back to the assistant, closing.
"use strict";

const $ = (id) => document.getElementById(id);
const sessionId = new URLSearchParams(window.location.search).get("id");
const base = "/api/cases/" + encodeURIComponent(sessionId);

async function call(path, body) {
  const response = await fetch(base + path, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) { window.location.href = "/staff/login"; throw new Error("login"); }
  return response.json();
}

function show(entry) {
  const line = document.createElement("p");
  line.className = "entry " + entry.sender;
  const who = { resident: "Inwoner", bot: "Assistent", staff: "Medewerker" }[entry.sender] || entry.sender;
  line.textContent = `${who}: ${entry.text || entry.payload || ""}`;
  $("transcript").appendChild(line);
  line.scrollIntoView({ block: "end" });
}

async function load() {
  const data = await call("");
  $("summary").textContent = data.summary;
  $("status").textContent = data.mode === "staff" ? `Overgenomen door ${data.taken_by}.` : "";
  $("transcript").replaceChildren();
  data.transcript.forEach(show);
  const last = data.transcript.length ? data.transcript[data.transcript.length - 1].id : "";
  const live = new EventSource(base + "/events" + (last ? "?after=" + encodeURIComponent(last) : ""));
  live.onmessage = (event) => show(JSON.parse(event.data));
}

$("take").addEventListener("click", async () => {
  const data = await call("/take", {});
  $("status").textContent = `Overgenomen door ${data.taken_by}.`;
});
$("release").addEventListener("click", async () => {
  await call("/release", {});
  $("status").textContent = "De assistent praat weer met de inwoner.";
});
$("close").addEventListener("click", async () => {
  const data = await call("/close", { outcome: $("outcome").value });
  $("status").textContent = `Afgesloten: ${data.outcome}.`;
});
$("write").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("message").value.trim();
  if (!text) return;
  await call("/messages", { text });
  $("message").value = "";
});
load();
