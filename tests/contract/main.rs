//! Contract tests: the store, the services and the HTTP server against real
//! databases. Every test runs on a fresh SQLite file, and again on a fresh
//! PostgreSQL database when `TEST_DATABASE_URL` is set (`.ci/run` sets it).

mod support;

mod http;
mod migrations;
mod public;
mod routing;
mod seed;
mod wizard;
mod workflow;
