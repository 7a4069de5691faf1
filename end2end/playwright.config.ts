// End-to-end tests on a phone-sized screen, run twice: once hydrated and
// once with JavaScript disabled. The server is the debug build made by
// `cargo leptos build`, on a fresh SQLite database with demo data.
import { defineConfig } from "@playwright/test";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const port = Number(process.env.E2E_PORT ?? 3107);
// Workers load this file again: they inherit the folder chosen by the main
// process through the environment, so tests can reach the same database.
process.env.E2E_DATA_DIR ||= mkdtempSync(join(tmpdir(), "phanhoi-e2e-"));
const dataDir = process.env.E2E_DATA_DIR;
process.env.E2E_DATABASE_URL = `sqlite://${dataDir}/e2e.db`;

export default defineConfig({
  testDir: "./tests",
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 360, height: 640 },
    isMobile: true,
    hasTouch: true,
    locale: "vi-VN",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "hydrated", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: {
    command: "../target/debug/phanhoi serve",
    url: `http://127.0.0.1:${port}/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      PHANHOI_UPLOAD_DIR: `${dataDir}/uploads`,
      // Every test submits from 127.0.0.1.
      PHANHOI_LIMIT_SUBMIT_PER_ADDRESS_HOUR: "200",
      LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
      LEPTOS_SITE_ROOT: "../target/site",
      PHANHOI_DEMO: "1",
      RUST_LOG: "warn",
    },
  },
});
