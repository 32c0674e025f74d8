// Listeners of Knit's <knit-auth> component, as Knit's vanilla JS guide
// shows: the backend creates session tokens and confirms what onFinish says.
"use strict";

const knitAuth = document.getElementById("knit-auth");
const statusEl = document.getElementById("status");
const listEl = document.getElementById("integrations");

function show(message) {
  statusEl.textContent = message;
}

// postJSON posts body as JSON to the backend and returns the JSON answer,
// or throws with the backend's error message.
async function postJSON(url, body) {
  const res = await fetch(url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw new Error(data.error || res.statusText);
  }
  return data;
}

// newSession fetches a fresh auth session token from the backend: the
// component will not open with an empty or used token.
async function newSession() {
  const r = await postJSON("/api/knit/session");
  knitAuth.setAttribute("authsessiontoken", r.token);
}

// finish hands onFinish's event.detail to the backend, which confirms the
// integration with Knit before storing its ID.
async function finish(detail) {
  const r = await postJSON("/api/knit/integrations", detail);
  const li = document.createElement("li");
  li.textContent = `${r.appId} (${r.category}): ${r.integrationId}`;
  listEl.appendChild(li);
  show(`Connected ${r.appId}. Integration ID ${r.integrationId} confirmed and stored.`);
}

knitAuth.addEventListener("onNewSession", (e) => {
  e.preventDefault();
  newSession().catch((err) => show(`Could not start a Knit session: ${err.message}`));
});

knitAuth.addEventListener("onFinish", (e) => {
  e.preventDefault();
  finish(e.detail).catch((err) => show(`Could not save the integration: ${err.message}`));
});

knitAuth.addEventListener("onDeactivate", (e) => {
  e.preventDefault();
  const id = e.detail?.integrationDetails?.integrationId ?? "";
  show(`Integration ${id} was deactivated in Knit.`);
});

// Playground mode only: stand in for the end user in Knit's UI.
const playgroundButton = document.getElementById("playground-connect");
if (playgroundButton) {
  playgroundButton.addEventListener("click", async () => {
    try {
      const detail = await postJSON("/playground/connect", {
        token: knitAuth.getAttribute("authsessiontoken"),
        appId: document.getElementById("playground-app").value,
      });
      await finish(detail);
      await newSession(); // a token completes one connection
    } catch (err) {
      show(`Playground: ${err.message}`);
    }
  });
}
