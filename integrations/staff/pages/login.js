"use strict";
// After logging in: back to the page that was asked for (a deep link keeps its ?id=; the
// gateway checks it is a staff page), or the first page of the staff member's role.
document.getElementById("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  const status = document.getElementById("status");
  const body = {
    username: document.getElementById("username").value,
    password: document.getElementById("password").value,
    next: new URLSearchParams(window.location.search).get("next"),
  };
  const response = await fetch("/staff/api/login", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (response.ok) {
    window.location.href = data.start || "/staff/";
    return;
  }
  status.textContent = data.detail || "Inloggen lukt niet.";
});
