// Staff page load against a running server: signs in as the coordinator and
// as an officer, then requests inbox pages (every list, several pages deep)
// and complaint pages (random complaints) one after another, and prints
// the p50/p95/max of each kind. On loopback the time to the last byte is
// the server's time to render.
// Usage: node bench/staff.mjs BASE_URL [REQUESTS=300] [MAX_ID]
const base = process.argv[2] ?? "http://127.0.0.1:3000";
const requests = Number(process.argv[3] ?? 300);
const maxId = Number(process.argv[4] ?? 100000);
const password = "phanhoi2026";

async function signIn(login) {
  const response = await fetch(`${base}/api/staff/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ login, password }),
  });
  if (!response.ok) throw new Error(`sign-in ${login}: ${response.status} ${await response.text()}`);
  return response.headers.get("set-cookie").split(";")[0];
}

async function timed(path, cookie) {
  const t0 = performance.now();
  const response = await fetch(base + path, { headers: { cookie } });
  const body = await response.text();
  const ms = performance.now() - t0;
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${body.slice(0, 200)}`);
  return { ms, body };
}

function stats(name, times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  console.log(
    `${name}: n=${sorted.length} p50=${at(0.5).toFixed(1)} ms p95=${at(0.95).toFixed(1)} ms max=${sorted[sorted.length - 1].toFixed(1)} ms`,
  );
  return at(0.95);
}

const coordinator = await signIn("dieuphoi");
const officer = await signIn("canbo.ubndxa");
const coordinatorQueues = ["cho-phan-loai", "sap-den-han", "qua-han", "gia-han", "tat-ca"];
const officerQueues = ["dang-xu-ly", "cho-duyet", "tat-ca"];

// Warm-up (connections, caches), not counted.
for (let i = 0; i < 20; i++) await timed(`/can-bo?hang=tat-ca&trang=${i + 1}`, coordinator);

const inbox = [];
const casePages = [];
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
for (let i = 0; i < requests; i++) {
  const [cookie, queues] = i % 2 === 0 ? [coordinator, coordinatorQueues] : [officer, officerQueues];
  const queue = queues[i % queues.length];
  const page = 1 + Math.floor(random() * (queue === "tat-ca" ? 200 : 5));
  inbox.push((await timed(`/can-bo?hang=${queue}&trang=${page}`, cookie)).ms);
  const id = 1 + Math.floor(random() * maxId);
  casePages.push((await timed(`/can-bo/phan-anh/${id}`, coordinator)).ms);
}
const a = stats("inbox page", inbox);
const b = stats("complaint page", casePages);
console.log(`budget 100 ms at p95: ${a <= 100 && b <= 100 ? "met" : "NOT met"}`);
