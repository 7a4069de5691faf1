// Submission load against a running server. First N concurrent citizens
// fill the wizard's four steps for each of their complaints (the step posts
// are timed too); then the N citizens submit them all at once, each one
// complaint after another with no pause: the latency of that submission
// (the POST that files the complaint) is the budgeted figure. Finally each
// confirmation page is read for its tracking code.
// Usage: node bench/submit.mjs BASE_URL [CONCURRENCY=50] [PER_CITIZEN=10]
import http from "node:http";

const base = process.argv[2] ?? "http://127.0.0.1:3000";
const concurrency = Number(process.argv[3] ?? 50);
const perCitizen = Number(process.argv[4] ?? 10);

const steps = [
  { category: "giao-thong", title: "Đường vào thôn bị sụt lún", description: "Đoạn đường dài khoảng 50 m bị sụt sâu, xe máy đi qua rất nguy hiểm, đề nghị sửa sớm." },
  { commune: "phuong-ham-rong", address: "Thôn 3" },
  { agency: "tu-dong" },
  { name: "Nguyễn Văn An", phone: "0912345678", publish: "co", consent: "co" },
];

// Plain node:http with keep-alive connections and each form encoded once:
// the load generator shares the machine's cores with the server, so it
// should spend as little of them as it can (fetch and FormData cost more
// CPU per request than the server does).
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const boundary = "----phanhoi-bench-boundary";
const encoded = new Map();

function multipart(fields) {
  const key = JSON.stringify(fields);
  let body = encoded.get(key);
  if (!body) {
    let text = "";
    for (const [k, v] of Object.entries(fields)) {
      text += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    }
    body = Buffer.from(`${text}--${boundary}--\r\n`);
    encoded.set(key, body);
  }
  return body;
}

function request(method, path, cookie, body) {
  return new Promise((resolve, reject) => {
    const headers = cookie ? { cookie } : {};
    if (body) {
      headers["content-type"] = `multipart/form-data; boundary=${boundary}`;
      headers["content-length"] = body.length;
    }
    const req = http.request(base + path, { method, agent, headers }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString() }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

async function post(path, fields, cookie) {
  const body = multipart(fields);
  const t0 = performance.now();
  const response = await request("POST", path, cookie, body);
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
        const set = response.headers["set-cookie"]?.[0];
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
      const location = response.headers.location;
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
  const page = (await request("GET", "/gui-phan-anh/da-gui", cookie)).text;
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
