// Statistics page load against a running server: the public agency ranking
// (/xep-hang), the coordinator's dashboard (/can-bo/thong-ke) and the staff
// ranking (/can-bo/xep-hang) for many periods — months, quarters and years
// of the generated history and custom ranges with ragged ends — one request
// after another; prints p50/p95/max per page. On loopback the time to the
// last byte is the server's time to render.
// Usage: node bench/stats.mjs BASE_URL [REQUESTS=200] [YEARS=2]
const base = process.argv[2] ?? "http://127.0.0.1:3000";
const requests = Number(process.argv[3] ?? 200);
const years = Number(process.argv[4] ?? 2);
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
  const response = await fetch(base + path, { headers: cookie ? { cookie } : {} });
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

let seed = 4242;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (n) => Math.floor(random() * n);
const pad = (n) => String(n).padStart(2, "0");
const iso = (d) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
// Today in Vietnam (UTC+7).
const today = new Date(Date.now() + 7 * 3600 * 1000);
const months = years * 12 + 1;

/// A period's query string: the current month, a month, a quarter or a
/// year of the history, or a custom range (a few days to a whole history).
function period(i) {
  const back = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - pick(months), 1));
  switch (i % 5) {
    case 0:
      return "";
    case 1:
      return `?ky=thang&thang=${back.getUTCFullYear()}-${pad(back.getUTCMonth() + 1)}`;
    case 2:
      return `?ky=quy&quy=${back.getUTCFullYear()}-Q${Math.floor(back.getUTCMonth() / 3) + 1}`;
    case 3:
      return `?ky=nam&nam=${today.getUTCFullYear() - pick(years + 1)}`;
    default: {
      const span = 86400000 * (3 + pick(years * 365));
      const to = new Date(today.getTime() - 86400000 * pick(years * 365));
      return `?ky=khoang&tu=${iso(new Date(to.getTime() - span))}&den=${iso(to)}`;
    }
  }
}

const coordinator = await signIn("dieuphoi");
const leader = await signIn("lanhdao.sxd");

// Warm-up (connections, caches), not counted.
for (let i = 0; i < 10; i++) {
  await timed(`/xep-hang${period(i)}`);
  await timed(`/can-bo/thong-ke${period(i)}`, coordinator);
}

const ranking = [];
const dashboard = [];
const staff = [];
for (let i = 0; i < requests; i++) {
  const p = period(i);
  ranking.push((await timed(`/xep-hang${p}`)).ms);
  dashboard.push((await timed(`/can-bo/thong-ke${p}`, coordinator)).ms);
  if (i % 2 === 0) staff.push((await timed(`/can-bo/xep-hang${p}`, i % 4 === 0 ? coordinator : leader)).ms);
}
const a = stats("public ranking page (/xep-hang)", ranking);
const b = stats("dashboard page (/can-bo/thong-ke)", dashboard);
stats("staff ranking page (/can-bo/xep-hang)", staff);
console.log(`budget 200 ms at p95: ${a <= 200 && b <= 200 ? "met" : "NOT met"}`);
