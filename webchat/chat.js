// Plain web chat for Toegang Assistent. The conversation lives in sessionStorage:
// it survives a reload, not a closed tab on a shared computer.
"use strict";

const STORE = "toegang.chat";
const log = document.getElementById("log");
const statusLine = document.getElementById("status");
const form = document.getElementById("form");
const input = document.getElementById("text");

function load() {
  try { return JSON.parse(sessionStorage.getItem(STORE)) || { sessionId: null, items: [] }; }
  catch { return { sessionId: null, items: [] }; }
}
const state = load();
function save() { sessionStorage.setItem(STORE, JSON.stringify(state)); }

function render(item) {
  const bubble = document.createElement("div");
  bubble.className = "bubble " + item.from;
  bubble.textContent = item.text;
  if (item.from === "staff") {
    const who = document.createElement("strong");
    who.textContent = "Medewerker: ";
    bubble.prepend(who);
  }
  log.appendChild(bubble);
  if (item.link && item.link.url && item.link.url.startsWith("/")) {
    // A download under the message, such as the appointment for the resident's own agenda.
    const link = document.createElement("a");
    link.className = "download";
    link.href = item.link.url;
    link.setAttribute("download", "");
    link.textContent = item.link.title;
    bubble.appendChild(document.createElement("br"));
    bubble.appendChild(link);
  }
  if (item.buttons && item.buttons.length) {
    const choices = document.createElement("div");
    choices.className = "choices";
    for (const b of item.buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", () => send({ payload: b.payload }, b.title));
      choices.appendChild(button);
    }
    log.appendChild(choices);
  }
  bubble.scrollIntoView({ block: "end" });
}

function add(item) { state.items.push(item); save(); render(item); }

async function newSession() {
  const response = await fetch("/api/chat/sessions", { method: "POST" });
  const data = await response.json();
  if (!response.ok) throw new Error(data.detail || "Er ging iets mis.");
  state.sessionId = data.session_id;
  state.lastEventId = null;
  save();
  listen();
}

// Messages from a staff member arrive live; the browser reconnects by itself and resumes
// after the last message it saw (Last-Event-ID).
let events = null;
function listen() {
  if (!state.sessionId || !window.EventSource) return;
  if (events) events.close();
  const after = state.lastEventId ? `?after=${encodeURIComponent(state.lastEventId)}` : "";
  events = new EventSource(`/api/chat/sessions/${encodeURIComponent(state.sessionId)}/events${after}`);
  events.onmessage = (event) => {
    if (event.lastEventId && event.lastEventId === state.lastEventId) return;
    state.lastEventId = event.lastEventId;
    const entry = JSON.parse(event.data);
    add({ from: entry.sender === "staff" ? "staff" : "bot", text: entry.text, buttons: [] });
  };
}

async function post(body) {
  return fetch(`/api/chat/sessions/${encodeURIComponent(state.sessionId)}/messages`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

async function send(body, shown) {
  if (shown) add({ from: "resident", text: shown });
  statusLine.textContent = "De assistent schrijft een antwoord ...";
  try {
    if (!state.sessionId) await newSession();
    let response = await post(body);
    if (response.status === 404) { await newSession(); response = await post(body); }
    const data = await response.json();
    const messages = data.messages || [{ text: data.detail || "Er ging iets mis." }];
    for (const m of messages) {
      add({ from: "bot", text: m.text, buttons: m.buttons || [], link: m.link || null });
    }
  } catch {
    add({ from: "bot", text: "Er ging iets mis met de verbinding. Probeer het opnieuw of bel ons." });
  } finally {
    statusLine.textContent = "";
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send({ text }, text);
});
document.getElementById("person").addEventListener("click", () =>
  send({ payload: "/ask_person" }, "Praat met een medewerker"));

if (state.items.length) { state.items.forEach(render); listen(); }
else send({ payload: "/greet" });
