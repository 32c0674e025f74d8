// End-to-end run of `knit mock` driven from Node.js with only built-ins
// (fetch, node:http, node:crypto, node:child_process), as a service in
// another language would drive it. .ci/e2e-cli starts `knit mock` and runs
// this script with:
//
//   KNIT_BIN   path of the knit binary (to start `knit listen`)
//   MOCK_READY the JSON ready line of `knit mock --json`
//
// It creates an auth session through /v1.0, completes it through the
// control API, starts a sync, and checks that every signed delivery went
// mock -> knit listen (verifies, forwards) -> a Node receiver that verifies
// X-Knit-Signature itself with HMAC-SHA256 and answers 200.
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";

const ready = JSON.parse(process.env.MOCK_READY);
const key = ready.apiKey;
const base = ready.baseUrl;
const control = ready.controlUrl;
const auth = { Authorization: `Bearer ${key}`, "Content-Type": "application/json" };

function fail(msg) {
  console.error(`e2e-cli.mjs: FAIL: ${msg}`);
  process.exit(1);
}
function check(cond, msg) {
  if (!cond) fail(msg);
}

async function knitCall(method, body, integrationId) {
  const headers = { ...auth };
  if (integrationId) headers["X-Knit-Integration-Id"] = integrationId;
  const res = await fetch(`${base}/${method}`, { method: "POST", headers, body: JSON.stringify(body) });
  const json = await res.json();
  check(res.status === 200 && json.success === true, `${method}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function ctl(verb, path, body) {
  const res = await fetch(control + path, { method: verb, headers: auth, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = await res.json();
  check(res.status === 200, `control ${verb} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

// 1. The Node receiver: verifies the raw body's signature itself.
const received = [];
const receiver = createServer((req, res) => {
  const chunks = [];
  req.on("data", (c) => chunks.push(c));
  req.on("end", () => {
    const raw = Buffer.concat(chunks);
    const want = createHmac("sha256", key).update(raw).digest("base64url");
    const got = String(req.headers["x-knit-signature"] || "");
    const ok = got.length === want.length && timingSafeEqual(Buffer.from(got), Buffer.from(want));
    const ev = JSON.parse(raw.toString("utf8"));
    received.push({ ok, eventId: ev.eventId, eventType: ev.eventType, integrationId: req.headers["x-knit-integration-id"] });
    res.writeHead(ok ? 200 : 401).end();
  });
});
await new Promise((r) => receiver.listen(0, "127.0.0.1", r));
const receiverURL = `http://127.0.0.1:${receiver.address().port}/knit/webhook`;

// 2. knit listen between the mock and the receiver.
const listen = spawn(process.env.KNIT_BIN, ["listen", "--port", "0", "--json", "--forward-to", receiverURL], {
  env: { ...process.env, KNIT_API_KEY: key },
  stdio: ["ignore", "pipe", "inherit"],
});
const listenLines = [];
const listenReady = new Promise((resolve, reject) => {
  createInterface({ input: listen.stdout }).on("line", (line) => {
    const m = JSON.parse(line);
    if (m.event === "ready") resolve(m);
    else listenLines.push(m);
  });
  listen.on("exit", (code) => reject(new Error(`knit listen exited with ${code}`)));
});
const listenInfo = await listenReady;

try {
  // 3. The mock started with --connect hris,ats: both integrations exist.
  check(ready.integrations.HRIS && ready.integrations.ATS, `ready line lacks integrations: ${JSON.stringify(ready)}`);

  // 4. An auth session through /v1.0, completed through the control API.
  const session = await knitCall("auth.createSession", {
    originOrgId: "node-co", originOrgName: "Node Co", originUserEmail: "dev@node.example", originUserName: "Dev",
    filters: [{ category: "HRIS", apps: ["personio"] }],
  });
  const token = session.msg.token;
  check(typeof token === "string" && token.length > 0, "auth.createSession returned no token");
  const completed = await ctl("POST", `sessions/${token}/complete`, { appId: "personio" });
  const integrationId = completed.integrationId;
  const list = await ctl("GET", "integrations");
  check(list.integrations.some((i) => i.integrationId === integrationId && i.appId === "personio" && i.active), "the new integration is not listed");

  // 5. Deliveries of HRIS go to knit listen, which forwards to the receiver.
  await ctl("PUT", "webhooks/HRIS", { url: `${listenInfo.url}/knit/webhook` });
  const started = await knitCall("sync.start", { dataType: "employee" }, integrationId);
  const runId = started.data.syncRunId;
  const run = await ctl("GET", `sync-runs/${runId}?wait=120s`);
  check(run.done, `sync run ${runId} not done: ${JSON.stringify(run)}`);
  check(run.failed.length === 0 && run.delivered === run.events, `not every event delivered: ${JSON.stringify(run)}`);

  check(received.length === run.events, `receiver got ${received.length} deliveries, want ${run.events}`);
  check(received.every((d) => d.ok), "a delivery failed HMAC verification in Node");
  check(received.every((d) => d.integrationId === integrationId), "X-Knit-Integration-Id was not forwarded unchanged");
  const records = received.filter((d) => d.eventType === "record.new").length;
  check(records > 0 && records === run.events - 2, `want ${run.events - 2} record.new events, got ${records}`);
  check(received.at(-1).eventType === "sync.events.allConsumed", "the last event is not sync.events.allConsumed");
  const verified = listenLines.filter((l) => l.event === "delivery" && l.verified && l.appStatus === 200).length;
  check(verified === run.events, `knit listen verified ${verified} deliveries, want ${run.events}`);

  // 6. A fault injected through the control API reaches /v1.0 callers.
  await ctl("POST", "faults/fail", { count: 1, status: 503 });
  const faulty = await fetch(`${base}/sync.start`, { method: "POST", headers: { ...auth, "X-Knit-Integration-Id": integrationId }, body: "{}" });
  check(faulty.status === 503, `injected 503 not seen: ${faulty.status}`);

  console.log(`e2e-cli.mjs: ok: session ${token} -> ${integrationId}; sync ${runId}: ${run.events} events signed, verified by knit listen and by Node, all answered 200`);
} finally {
  listen.kill("SIGTERM");
  receiver.close();
}
