//! Contract tests: the store, the services and the HTTP server against real
//! databases. Every test runs on a fresh SQLite file, and again on a fresh
//! PostgreSQL database when `TEST_DATABASE_URL` is set (`.ci/run` sets it).

mod support;

mod admin;
mod answer_files;
mod batch;
mod generate;
mod http;
mod migrations;
mod notify;
mod public;
mod ratings;
mod reminder_processes;
mod routing;
mod seed;
mod staff;
mod staff_http;
mod stats;
mod stats_pages;
mod wizard;
mod workflow;
