// Web chat of Toegang Assistent: made for residents who read poorly, by keyboard, screen
// reader or touch. Everything a resident or staff member writes is shown as text, never run.
// The conversation lives in sessionStorage: it survives a reload, not a closed tab.
"use strict";

const STORE = "toegang.chat";
const log = document.getElementById("log");
const statusLine = document.getElementById("status");
const form = document.getElementById("form");
const input = document.getElementById("text");
const exitButton = document.getElementById("exit");

function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE)) ||
      { sessionId: null, items: [], prefs: {}, quickExit: false };
  } catch {
    return { sessionId: null, items: [], prefs: {}, quickExit: false };
  }
}
const state = load();
state.prefs = state.prefs || {};
function save() { sessionStorage.setItem(STORE, JSON.stringify(state)); }

// --- Reading aloud: only when the browser has a Dutch voice -------------------------------
let dutchVoice = null;
function findDutchVoice() {
  if (!window.speechSynthesis) return;
  dutchVoice = speechSynthesis.getVoices().find((v) => v.lang && v.lang.toLowerCase().startsWith("nl")) || null;
  document.querySelectorAll(".read").forEach((b) => { b.hidden = !dutchVoice; });
}
if (window.speechSynthesis) {
  findDutchVoice();
  speechSynthesis.addEventListener("voiceschanged", findDutchVoice);
}
function readAloud(text) {
  if (!dutchVoice) return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.voice = dutchVoice;
  utterance.lang = dutchVoice.lang;
  speechSynthesis.speak(utterance);
}

// --- Icons next to the words of a button (never an icon alone) ----------------------------
// A symbol from the font every system has, or a drawn icon (class "i-...").
const ICONS = [
  [/^\/ask_person$/, "i-person"],
  [/^(ja|ja graag|ja bel mij)/i, "\u2714"],
  [/^(nee|geen)/i, "\u2716"],
  [/ om \d+\.\d\d uur$/, "i-clock"],
  [/^andere tijd$/i, "\u21BB"],
  [/^bel mij/i, "\u260E"],
  [/^weet ik niet$/i, "?"],
];
function iconFor(button) {
  for (const [pattern, icon] of ICONS) {
    if (pattern.test(button.payload) || pattern.test(button.title)) return icon;
  }
  return "\u2192";
}
function iconElement(icon) {
  const element = document.createElement("span");
  element.setAttribute("aria-hidden", "true");
  if (icon.startsWith("i-")) element.className = "icon svg-icon " + icon;
  else { element.className = "icon"; element.textContent = icon; }
  return element;
}

// --- Showing the conversation --------------------------------------------------------------
// Help numbers in the assistant's words become links a phone can call with one tap.
const HELP_NUMBERS = /\b113\.nl\b|\b0[89]00[- ]?\d{4}\b|\b14 ?0592\b|\b11[23]\b/g;

function appendWithNumbers(parent, text) {
  let at = 0;
  for (const match of text.matchAll(HELP_NUMBERS)) {
    parent.append(text.slice(at, match.index));
    const link = document.createElement("a");
    const found = match[0];
    link.textContent = found;
    link.href = found === "113.nl" ? "https://www.113.nl/" : "tel:" + found.replace(/\D/g, "");
    if (found === "113.nl") { link.target = "_blank"; link.rel = "noopener noreferrer"; }
    parent.append(link);
    at = match.index + found.length;
  }
  parent.append(text.slice(at));
}

// --- After the goodbye: how did it go? Three big buttons with words, and a sentence if the
// resident wants. The gateway never asks this in a conversation about safety. ---------------
async function answerFeedback(item, body) {
  try {
    const response = await fetch(
      `/api/chat/sessions/${encodeURIComponent(state.sessionId)}/feedback`,
      { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) },
    );
    const data = await response.json();
    item.thanks = (data.messages && data.messages[0] && data.messages[0].text) || data.detail || "";
  } catch {
    item.thanks = "Er ging iets mis met de verbinding.";
  }
  if (body.rating) item.rating = body.rating;
  if (body.remark !== undefined) item.remarked = true;
  save();
  renderAll();
  const next = document.getElementById("feedback-remark");
  if (body.rating && next) next.focus();
}

function renderFeedback(item) {
  const card = document.createElement("section");
  card.className = "feedback";
  card.setAttribute("aria-labelledby", "feedback-question");
  const question = document.createElement("p");
  question.id = "feedback-question";
  question.className = "bubble question";
  question.textContent = item.question;
  card.appendChild(question);
  if (!item.rating) {
    const ratings = document.createElement("div");
    ratings.className = "ratings";
    ratings.setAttribute("role", "group");
    ratings.setAttribute("aria-labelledby", "feedback-question");
    for (const choice of item.choices) {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = choice.title;
      const rating = choice.payload.replace(/^feedback:/, "");
      button.addEventListener("click", () => answerFeedback(item, { rating }));
      ratings.appendChild(button);
    }
    card.appendChild(ratings);
  } else {
    const chosen = item.choices.find((c) => c.payload === "feedback:" + item.rating);
    const said = document.createElement("p");
    said.className = "chosen";
    said.textContent = "U koos: " + (chosen ? chosen.title : item.rating);
    card.appendChild(said);
    if (item.thanks) {
      const thanks = document.createElement("p");
      thanks.className = "bubble thanks";
      thanks.textContent = item.thanks;
      card.appendChild(thanks);
    }
    if (!item.remarked) {
      const remark = document.createElement("form");
      remark.className = "remark";
      const label = document.createElement("label");
      label.htmlFor = "feedback-remark";
      label.textContent = item.remarkLabel;
      const field = document.createElement("input");
      field.id = "feedback-remark";
      field.type = "text";
      field.maxLength = 300;
      const send = document.createElement("button");
      send.type = "submit";
      send.textContent = "Stuur";
      remark.append(label, field, send);
      remark.addEventListener("submit", (event) => {
        event.preventDefault();
        const text = field.value.trim();
        if (text) answerFeedback(item, { remark: text });
      });
      card.appendChild(remark);
    }
  }
  log.appendChild(card);
}

function render(item, isLast) {
  if (item.from === "feedback") { renderFeedback(item); return; }
  const message = document.createElement("div");
  message.className = "message " + item.from;
  const bubble = document.createElement("div");
  bubble.className = "bubble " + item.from;
  if (item.from === "staff") {
    const who = document.createElement("strong");
    who.textContent = "Medewerker: ";
    bubble.appendChild(who);
  }
  if (item.from === "resident") bubble.append(item.text);
  else appendWithNumbers(bubble, item.text);
  if (item.link && item.link.url && item.link.url.startsWith("/")) {
    const link = document.createElement("a");
    link.className = "download";
    link.href = item.link.url;
    link.setAttribute("download", "");
    link.textContent = item.link.title;
    bubble.appendChild(document.createElement("br"));
    bubble.appendChild(link);
  }
  message.appendChild(bubble);
  if (item.from !== "resident") {
    const read = document.createElement("button");
    read.type = "button";
    read.className = "read";
    read.hidden = !dutchVoice;
    read.append(iconElement("i-speaker"), " Lees voor");
    read.addEventListener("click", () => readAloud(item.text));
    message.appendChild(read);
  }
  log.appendChild(message);
  if (isLast && item.buttons && item.buttons.length) {
    const choices = document.createElement("div");
    choices.className = "choices";
    choices.setAttribute("role", "group");
    choices.setAttribute("aria-label", "Kies een antwoord");
    for (const b of item.buttons) {
      const button = document.createElement("button");
      button.type = "button";
      button.append(iconElement(iconFor(b)), " ", b.title);
      button.addEventListener("click", () => send({ payload: b.payload }, b.title, true));
      choices.appendChild(button);
    }
    log.appendChild(choices);
  }
  bubble.scrollIntoView({ block: "end" });
}

function renderAll() {
  log.textContent = "";
  const lastWithButtons = state.items.map((i) => (i.buttons || []).length > 0).lastIndexOf(true);
  state.items.forEach((item, index) => render(item, index === lastWithButtons && index >= lastResidentIndex()));
}
function lastResidentIndex() {
  return state.items.map((i) => i.from === "resident").lastIndexOf(true);
}

function add(item) { state.items.push(item); save(); renderAll(); }

// --- Talking to the gateway ------------------------------------------------------------------
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

async function send(body, shown, fromButton) {
  if (shown) add({ from: "resident", text: shown });
  statusLine.textContent = "De assistent schrijft een antwoord ...";
  try {
    if (!state.sessionId) await newSession();
    let response = await post(body);
    if (response.status === 404) { await newSession(); response = await post(body); }
    const data = await response.json();
    const messages = data.messages || [{ text: data.detail || "Er ging iets mis." }];
    if (data.quick_exit) { state.quickExit = true; showQuickExit(); }
    for (const m of messages) {
      state.items.push({ from: "bot", text: m.text, buttons: m.buttons || [], link: m.link || null });
    }
    if (data.feedback) {
      state.items.push({
        from: "feedback", question: data.feedback.question, choices: data.feedback.choices,
        remarkLabel: data.feedback.remark_label, rating: null, remarked: false, thanks: "",
      });
    }
    save();
    renderAll();
  } catch {
    add({ from: "bot", text: "Er ging iets mis met de verbinding. Probeer het opnieuw of bel ons." });
  } finally {
    statusLine.textContent = "";
  }
  // Keyboard users land on the new choices after a button, in the text field after typing.
  const first = log.querySelector(".choices button");
  if (fromButton === true && first) first.focus();
  else if (fromButton === false) input.focus();
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send({ text }, text, false);
});
document.getElementById("person").addEventListener("click", () =>
  send({ payload: "/ask_person" }, "Praat met een medewerker", true));

// --- Snel weg: clear everything and go to a neutral site -----------------------------------
function showQuickExit() {
  exitButton.classList.add("urgent");
  document.body.classList.add("safety");  // "Snel weg" stays in view, also on a small phone
}
exitButton.addEventListener("click", () => {
  sessionStorage.clear();
  if (events) events.close();
  log.textContent = "";
  window.location.replace(exitButton.dataset.exitUrl || "about:blank");
});

// --- Larger text and more contrast, remembered for this tab --------------------------------
function applyPrefs() {
  for (const [id, cls] of [["larger", "larger"], ["contrast", "contrast"]]) {
    const on = !!state.prefs[cls];
    document.documentElement.classList.toggle(cls, on);
    document.getElementById(id).setAttribute("aria-pressed", String(on));
  }
}
for (const id of ["larger", "contrast"]) {
  document.getElementById(id).addEventListener("click", () => {
    state.prefs[id] = !state.prefs[id];
    save();
    applyPrefs();
  });
}

// --- Speaking instead of typing, only after the resident agreed ----------------------------
const Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
const speakButton = document.getElementById("speak");
const consent = document.getElementById("consent");
if (Recognition) {
  speakButton.hidden = false;
  speakButton.addEventListener("click", () => {
    if (state.prefs.speechConsent) { listenToSpeech(); return; }
    consent.hidden = false;
    document.getElementById("consent-yes").focus();
  });
  document.getElementById("consent-yes").addEventListener("click", () => {
    state.prefs.speechConsent = true;
    save();
    consent.hidden = true;
    listenToSpeech();
  });
  document.getElementById("consent-no").addEventListener("click", () => {
    consent.hidden = true;
    input.focus();
  });
}
function listenToSpeech() {
  const recognition = new Recognition();
  recognition.lang = "nl-NL";
  statusLine.textContent = "Ik luister ...";
  recognition.onresult = (event) => { input.value = event.results[0][0].transcript; input.focus(); };
  recognition.onend = () => { statusLine.textContent = ""; };
  recognition.start();
}

applyPrefs();
if (state.quickExit) showQuickExit();
if (state.items.length) { renderAll(); listen(); }
else send({ payload: "/greet" }, null, null);  // the page opens without moving the focus
