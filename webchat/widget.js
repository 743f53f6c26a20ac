// The chat on another site of the municipality, with one script tag:
//   <script src="https://<gateway>/webchat/widget.js" defer></script>
// It adds a "Chat met de gemeente" button that opens the chat in a frame. The gateway lets
// only the sites in WIDGET_ORIGINS frame the chat.
(function () {
  "use strict";
  const script = document.currentScript;
  if (!script || !script.src) return;
  const origin = new URL(script.src).origin;

  const open = document.createElement("button");
  open.type = "button";
  open.textContent = "Chat met de gemeente";
  open.setAttribute("aria-expanded", "false");
  Object.assign(open.style, {
    position: "fixed", right: "1rem", bottom: "1rem", zIndex: "2147483000",
    minHeight: "48px", padding: "0.6rem 1.2rem", font: "bold 1.125rem system-ui, sans-serif",
    color: "#fff", background: "#00598a", border: "2px solid #fff", borderRadius: "0.5rem",
    cursor: "pointer",
  });

  const frame = document.createElement("iframe");
  frame.title = "Chat met gemeente Assen";
  frame.src = origin + "/";
  frame.hidden = true;
  frame.id = "toegang-chat-frame";
  open.setAttribute("aria-controls", frame.id);
  Object.assign(frame.style, {
    position: "fixed", right: "1rem", bottom: "4.5rem", zIndex: "2147483000",
    width: "min(26rem, calc(100vw - 2rem))", height: "min(40rem, calc(100vh - 6rem))",
    border: "2px solid #00598a", borderRadius: "0.5rem", background: "#fff",
  });

  open.addEventListener("click", () => {
    frame.hidden = !frame.hidden;
    open.setAttribute("aria-expanded", String(!frame.hidden));
    open.textContent = frame.hidden ? "Chat met de gemeente" : "Sluit de chat";
    if (!frame.hidden) frame.focus();
  });
  document.body.append(frame, open);
})();
