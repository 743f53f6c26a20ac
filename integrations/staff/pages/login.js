"use strict";
document.getElementById("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("status");
  const body = {
    username: document.getElementById("username").value,
    password: document.getElementById("password").value,
  };
  const response = await fetch("/staff/api/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.ok) {
    const next = new URLSearchParams(window.location.search).get("next");
    window.location.href = next && next.startsWith("/staff/") ? next : "/staff/";
    return;
  }
  const data = await response.json().catch(() => ({}));
  status.textContent = data.detail || "Inloggen lukt niet.";
});
