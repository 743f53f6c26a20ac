// Review of finished conversations: mark a turn the assistant misunderstood, and say what the
// resident meant (topic or route) or what the assistant should have said.
"use strict";

const $ = (id) => document.getElementById(id);
const ROUTE_WORDS = {
  crisis: "crisis", veilig_thuis: "Veilig Thuis", huishoudelijke_hulp: "hulp in huis",
  voorziening: "hulpmiddel of aanpassing", buurtteam: "buurtteam", informatie: "informatie",
  medewerker: "medewerker", buiten_scope: "andere afdeling",
};
const RATING_WORDS = { goed: "Goed", gaat_wel: "Gaat wel", niet_goed: "Niet goed" };
let topics = { topics: [], routes: [] };
let opened = null;

async function api(path, options = {}) {
  const response = await fetch(path, { headers: { "Content-Type": "application/json" }, ...options });
  if (response.status === 401) { window.location.href = "/staff/login?next=/staff/review"; throw new Error("login"); }
  return { status: response.status, data: await response.json() };
}

function topicLabel(intent) {
  const topic = topics.topics.find((t) => t.intent === intent);
  return topic ? topic.label : intent;
}

function describeMark(mark) {
  const parts = [];
  if (mark.intent) parts.push("bedoelde: " + topicLabel(mark.intent));
  if (mark.route) parts.push("route: " + (ROUTE_WORDS[mark.route] || mark.route));
  if (mark.answer) parts.push(`beter antwoord: "${mark.answer}"`);
  return "Verkeerd begrepen (" + parts.join(", ") + ")";
}

async function loadList() {
  const { data } = await api("/api/review/conversations");
  const list = $("conversations");
  list.replaceChildren();
  for (const row of data) {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    const when = DutchDate.moment(row.updated_at);
    const channel = row.channel === "phone" ? "telefoon" : "chat";
    const first = document.createElement("span");
    first.className = "moment";
    first.textContent = row.first_words ? `"${row.first_words}"` : "(alleen knoppen)";
    const about = document.createElement("span");
    about.className = "badges";
    const bits = [when, channel, ROUTE_WORDS[row.route] || "geen route"];
    if (row.rating) bits.push("inwoner: " + RATING_WORDS[row.rating]);
    if (row.marks) bits.push(row.marks === 1 ? "1 markering" : `${row.marks} markeringen`);
    about.textContent = bits.join(" · ");
    button.append(first, about);
    button.addEventListener("click", () => open(row.session_id));
    li.appendChild(button);
    list.appendChild(li);
  }
  $("count").textContent = data.length === 1 ? "1 gesprek." : `${data.length} gesprekken.`;
}

function markForm(turn, existing) {
  const form = $("mark-form").content.firstElementChild.cloneNode(true);
  const intent = form.querySelector("select[name=intent]");
  for (const topic of topics.topics) intent.add(new Option(topic.label, topic.intent));
  const route = form.querySelector("select[name=route]");
  for (const name of topics.routes) route.add(new Option(ROUTE_WORDS[name] || name, name));
  if (existing) {
    intent.value = existing.intent || "";
    route.value = existing.intent ? "" : (existing.route || "");
    form.querySelector("textarea").value = existing.answer || "";
  }
  form.querySelector(".cancel").addEventListener("click", () => showTurns());
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      intent: intent.value || null,
      route: intent.value ? null : (route.value || null),
      answer: form.querySelector("textarea").value.trim() || null,
    };
    if (!body.intent && !body.route && !body.answer) {
      $("status").textContent = "Kies een onderwerp of route, of schrijf een beter antwoord.";
      return;
    }
    const { status } = await api(
      `/api/review/conversations/${encodeURIComponent(opened.session_id)}/marks/${encodeURIComponent(turn.id)}`,
      { method: "PUT", body: JSON.stringify(body) },
    );
    $("status").textContent = status === 200 ? "Bewaard." : "Dat lukte niet.";
    await open(opened.session_id, true);
    loadList();
  });
  return form;
}

function showTurns(formFor) {
  const list = $("turns");
  list.replaceChildren();
  for (const turn of opened.turns) {
    const li = document.createElement("li");
    li.className = "turn " + (turn.sender || "");
    const who = turn.sender === "resident" ? "Inwoner" : turn.sender === "staff" ? "Medewerker" : "Assistent";
    const said = document.createElement("p");
    said.textContent = `${who}: ${turn.button ? "[knop] " : ""}${turn.text}`;
    li.appendChild(said);
    const mark = opened.marks.find((m) => m.turn === turn.id);
    if (mark) {
      const note = document.createElement("p");
      note.className = "marked";
      note.textContent = describeMark(mark);
      li.appendChild(note);
    }
    if (turn.sender === "resident" && !turn.button) {
      if (formFor === turn.id) {
        li.appendChild(markForm(turn, mark));
      } else {
        const button = document.createElement("button");
        button.type = "button";
        button.textContent = mark ? "Verander de markering" : "Verkeerd begrepen";
        button.setAttribute("aria-label", `${button.textContent}: ${turn.text}`);
        button.addEventListener("click", () => {
          showTurns(turn.id);
          $("turns").querySelector("select[name=intent]").focus();
        });
        li.appendChild(button);
        if (mark) {
          const remove = document.createElement("button");
          remove.type = "button";
          remove.textContent = "Haal de markering weg";
          remove.addEventListener("click", async () => {
            await api(
              `/api/review/conversations/${encodeURIComponent(opened.session_id)}/marks/${encodeURIComponent(turn.id)}`,
              { method: "DELETE" },
            );
            await open(opened.session_id, true);
            loadList();
          });
          li.appendChild(remove);
        }
      }
    }
    list.appendChild(li);
  }
}

async function open(sessionId, keepStatus) {
  const { status, data } = await api("/api/review/conversations/" + encodeURIComponent(sessionId));
  if (status !== 200) { $("status").textContent = data.detail; return; }
  opened = data;
  $("conversation").hidden = false;
  const channel = data.channel === "phone" ? "telefoon" : "chat";
  $("title").textContent = "Gesprek via de " + channel;
  $("about").textContent = "Route: " + (ROUTE_WORDS[data.route] || "geen") + (data.outcome ? ". Afgesloten: " + data.outcome + "." : ".");
  const rating = data.feedback.rating ? RATING_WORDS[data.feedback.rating] : null;
  $("feedback").textContent = rating
    ? `De inwoner vond het gesprek: ${rating}.` + (data.feedback.remark ? ` "${data.feedback.remark}"` : "")
    : "De inwoner zei niet hoe het ging.";
  if (!keepStatus) $("status").textContent = "";
  showTurns();
}

(async () => {
  ({ data: topics } = await api("/api/review/topics"));
  await loadList();
})();
Staff.menu();
