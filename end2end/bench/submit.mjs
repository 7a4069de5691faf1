// Submission load against a running server. First N concurrent citizens
// fill the wizard's four steps for each of their complaints (the step posts
// are timed too); then the N citizens submit them all at once, each one
// complaint after another with no pause: the latency of that submission
// (the POST that files the complaint) is the budgeted figure. Finally each
// confirmation page is read for its tracking code.
// Usage: node bench/submit.mjs BASE_URL [CONCURRENCY=50] [PER_CITIZEN=10]
const base = process.argv[2] ?? "http://127.0.0.1:3000";
const concurrency = Number(process.argv[3] ?? 50);
const perCitizen = Number(process.argv[4] ?? 10);

const steps = [
  { category: "giao-thong", title: "Đường vào thôn bị sụt lún", description: "Đoạn đường dài khoảng 50 m bị sụt sâu, xe máy đi qua rất nguy hiểm, đề nghị sửa sớm." },
  { commune: "phuong-ham-rong", address: "Thôn 3" },
  { agency: "tu-dong" },
  { name: "Nguyễn Văn An", phone: "0912345678", publish: "co", consent: "co" },
];

async function post(path, fields, cookie) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const t0 = performance.now();
  const response = await fetch(base + path, { method: "POST", body: form, redirect: "manual", headers: cookie ? { cookie } : {} });
  await response.arrayBuffer();
  return { response, ms: performance.now() - t0 };
}

const submitTimes = [];
const stepTimes = [];
let errors = 0;
const acknowledged = [];

function fail(n, err) {
  errors++;
  if (errors <= 5) console.error(`citizen ${n}: ${err.message}`);
}

async function prepare(n) {
  const cookies = [];
  for (let i = 0; i < perCitizen; i++) {
    let cookie = null;
    try {
      for (let s = 0; s < steps.length; s++) {
        const { response, ms } = await post(`/gui-phan-anh/buoc/${s + 1}`, { ...steps[s], di: "tiep" }, cookie);
        stepTimes.push(ms);
        if (response.status !== 303) throw new Error(`step ${s + 1}: HTTP ${response.status}`);
        const set = response.headers.get("set-cookie");
        if (set) cookie = set.split(";")[0];
      }
      cookies.push(cookie);
    } catch (err) {
      fail(n, err);
    }
  }
  return cookies;
}

async function submitAll(n, cookies) {
  const filed = [];
  for (const cookie of cookies) {
    try {
      const { response, ms } = await post("/gui-phan-anh/buoc/5", { di: "gui" }, cookie);
      submitTimes.push(ms);
      const location = response.headers.get("location");
      if (response.status !== 303 || location !== "/gui-phan-anh/da-gui") {
        throw new Error(`submit: HTTP ${response.status} → ${location}`);
      }
      filed.push(cookie);
    } catch (err) {
      fail(n, err);
    }
  }
  return filed;
}

async function confirm(cookie) {
  const page = await (await fetch(base + "/gui-phan-anh/da-gui", { headers: { cookie } })).text();
  const code = page.match(/data-code="([^"]+)"/)?.[1];
  if (code) acknowledged.push(code);
  else errors++;
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const drafts = await Promise.all(Array.from({ length: concurrency }, (_, n) => prepare(n)));
const started = performance.now();
const filed = await Promise.all(drafts.map((cookies, n) => submitAll(n, cookies)));
const seconds = (performance.now() - started) / 1000;
for (const cookies of filed) for (const cookie of cookies) await confirm(cookie);

const fmt = (v) => v.toFixed(1).padStart(7);
console.log(`${concurrency} concurrent submitters × ${perCitizen} submissions in ${seconds.toFixed(1)} s (${(submitTimes.length / seconds).toFixed(0)} per second)`);
console.log(`submission (POST that files): p50 ${fmt(percentile(submitTimes, 50))} ms  p95 ${fmt(percentile(submitTimes, 95))} ms  p99 ${fmt(percentile(submitTimes, 99))} ms  max ${fmt(Math.max(...submitTimes))} ms`);
console.log(`step posts (while preparing): p50 ${fmt(percentile(stepTimes, 50))} ms  p95 ${fmt(percentile(stepTimes, 95))} ms`);
console.log(`errors: ${errors}`);
console.log(`acknowledged: ${acknowledged.length} (distinct codes: ${new Set(acknowledged).size})`);
console.log(`CODES ${acknowledged.join(",")}`);
