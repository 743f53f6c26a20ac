// Shared by the staff pages: the menu for the roles of who is logged in, logging out, and
// calls to the API that send an expired login back to the login page and then here again.
"use strict";

const Staff = (() => {
  const here = () => window.location.pathname + window.location.search;

  function toLogin() {
    window.location.href = "/staff/login?next=" + encodeURIComponent(here());
  }

  // JSON from the API. A 401 (login expired) goes to the login page and comes back here.
  async function api(path, options = {}) {
    const init = { headers: { "Content-Type": "application/json" }, ...options };
    if (init.body !== undefined && typeof init.body !== "string") init.body = JSON.stringify(init.body);
    const response = await fetch(path, init);
    if (response.status === 401) {
      if (options.onLoginExpired) options.onLoginExpired();
      toLogin();
      throw new Error("login");
    }
    const data = await response.json().catch(() => ({}));
    return { status: response.status, ok: response.ok, data };
  }

  function element(tag, props = {}, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "className") node.className = value;
      else if (key === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  async function logout() {
    await fetch("/staff/api/logout", { method: "POST" });
    sessionStorage.clear();
    window.location.href = "/staff/login";
  }

  // The menu: the pages this staff member may use, who is logged in, and logging out.
  async function menu() {
    const nav = document.getElementById("menu");
    if (!nav) return null;
    const { data } = await api("/staff/api/me");
    const list = element("ul", { className: "menu" });
    for (const page of data.pages) {
      const li = element("li");
      const current = window.location.pathname === page.path;
      li.appendChild(element("a", { href: page.path, "aria-current": current ? "page" : null }, page.title));
      list.appendChild(li);
    }
    const who = element("li", { className: "who" }, `${data.user} (${data.role_names.join(", ")})`);
    const out = element("li");
    const button = element("button", { type: "button", className: "logout" }, "Uitloggen");
    button.addEventListener("click", logout);
    out.appendChild(button);
    list.append(who, out);
    nav.replaceChildren(list);
    return data;
  }

  // After logging out, the Back button must not show a case from the browser's memory.
  window.addEventListener("pageshow", (event) => { if (event.persisted) window.location.reload(); });

  return { api, element, menu, logout, toLogin };
})();
