//! The reminder job in two real server processes against one database:
//! every due stage gets exactly one reminder, whoever records it.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use phanhoi::server::seed;

use crate::on_both_databases;
use crate::staff::received;
use crate::support::TestDb;

/// A `phanhoi serve` process; killed when dropped.
struct Process(Child, std::sync::mpsc::Receiver<String>);

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(database_url: &str) -> Process {
    let mut child = Command::new(env!("CARGO_BIN_EXE_phanhoi"))
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .env("PHANHOI_REMINDER_INTERVAL_SECONDS", "1")
        .env("PHANHOI_ROUTING_RETRAIN_MINUTES", "0")
        .env("PHANHOI_DEMO", "0")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start phanhoi serve");
    let stdout = child.stdout.take().unwrap();
    let (lines, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    Process(child, receiver)
}

/// How many reminders a process says it recorded, from its log lines.
fn recorded(process: &Process) -> i64 {
    process
        .1
        .try_iter()
        .filter_map(|line| {
            let at = line.find("reminders=")?;
            let digits: String = line[at + 10..].chars().take_while(char::is_ascii_digit).collect();
            digits.parse::<i64>().ok()
        })
        .sum()
}

async fn count(t: &TestDb, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(t.db.pool()).await.unwrap()
}

on_both_databases!(two_servers_record_each_reminder_once, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    // 30 complaints received three weeks ago: every triage is overdue.
    let long_ago = phanhoi::server::store::now() - 21 * 24 * 3600;
    for n in 0..30 {
        received(&t.db, &format!("Phản ánh quá hạn số {n}"), long_ago + n).await;
    }
    let one = serve(&t.url);
    let two = serve(&t.url);
    let started = Instant::now();
    while count(&t, "SELECT COUNT(*) FROM reminders").await < 30 {
        assert!(started.elapsed() < Duration::from_secs(60), "the job did not run");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Let both run a few more times.
    tokio::time::sleep(Duration::from_secs(3)).await;
    assert_eq!(count(&t, "SELECT COUNT(*) FROM reminders").await, 30);
    assert_eq!(
        count(&t, "SELECT COUNT(*) FROM complaint_events WHERE kind = 'reminder'").await,
        30
    );
    let (a, b) = (recorded(&one), recorded(&two));
    assert_eq!(a + b, 30, "the two processes logged {a} and {b}");
});
