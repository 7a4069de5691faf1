//! The notifier's SMTP backend against a real SMTP server:
//! `scripts/smtp-sink.py`, a minimal one in Python's standard library that
//! keeps every message it receives, and decodes it with Python's own mail
//! parser so these tests check what a mail reader would show.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use phanhoi::server::notify::{Notice, Notifier, NotifyError};

/// A running `scripts/smtp-sink.py` on a free port, stopped on drop.
struct SmtpSink {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl SmtpSink {
    fn start() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/smtp-sink.py");
        let mut child = Command::new("python3")
            .arg(&script)
            .args(["--port", "0", "--dir"])
            .arg(dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start python3 {}: {e}", script.display()));
        // Wait for "ready PORT", but not forever.
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(20)).unwrap_or_default();
        let port = line.trim().strip_prefix("ready ").and_then(|p| p.parse().ok());
        let mut sink = Self { child, port: 0, dir };
        match port {
            Some(port) => sink.port = port,
            None => panic!("smtp-sink did not start (it said {line:?})"),
        }
        sink
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in order: the raw message and what
    /// the sink decoded of it (envelope, headers, text).
    fn messages(&self) -> Vec<(String, serde_json::Value)> {
        let mut numbers: Vec<u32> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .filter_map(|entry| {
                let name = entry.unwrap().file_name().into_string().ok()?;
                name.strip_suffix(".json")?.parse().ok()
            })
            .collect();
        numbers.sort_unstable();
        numbers
            .into_iter()
            .map(|n| {
                let read = |ext: &str| std::fs::read_to_string(self.dir.path().join(format!("{n}.{ext}"))).unwrap();
                (read("eml"), serde_json::from_str(&read("json")).unwrap())
            })
            .collect()
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

const SUBJECT: &str = "Nhắc hạn xử lý phản ánh ABCD-EFGH";
const BODY: &str = "Phản ánh ABCD-EFGH “Rác thải ùn ứ” sắp đến hạn ở bước “Phân loại” (hạn 05/03/2026).\n\
                    . Dòng bắt đầu bằng dấu chấm vẫn còn nguyên.\n\
                    Vui lòng đăng nhập hệ thống Phản hồi để xử lý.";

#[tokio::test]
async fn a_vietnamese_notice_reaches_both_recipients() {
    let sink = SmtpSink::start();
    let notifier = Notifier::from_settings(Some(&sink.url()), "Phản hồi <a@b.vn>").unwrap();
    assert_eq!(notifier.describe(), format!("SMTP 127.0.0.1:{}", sink.port));
    let notice = Notice {
        to: vec!["can-bo.mot@phanhoi.local".into(), "can-bo.hai@phanhoi.local".into()],
        subject: SUBJECT.into(),
        body: BODY.into(),
    };
    notifier.send(&notice).await.unwrap();

    let messages = sink.messages();
    assert_eq!(messages.len(), 1, "one message for both recipients");
    let (raw, got) = &messages[0];
    assert!(got.get("decode_error").is_none(), "{got}");
    assert_eq!(got["mail_from"], "a@b.vn");
    assert_eq!(
        got["rcpt_to"],
        serde_json::json!(["can-bo.mot@phanhoi.local", "can-bo.hai@phanhoi.local"])
    );
    assert_eq!(got["subject"], SUBJECT);
    assert_eq!(got["from"], "Phản hồi <a@b.vn>");
    let to = got["to"].as_str().unwrap();
    assert!(
        to.contains("can-bo.mot@phanhoi.local") && to.contains("can-bo.hai@phanhoi.local"),
        "{to}"
    );
    assert_eq!(got["body"].as_str().unwrap().trim_end(), BODY);
    // On the wire the headers are plain ASCII: the Vietnamese words were
    // encoded (RFC 2047), not sent raw.
    let headers = raw.split("\r\n\r\n").next().unwrap();
    assert!(headers.is_ascii(), "{headers}");
    assert!(!raw.contains(SUBJECT), "the subject must be encoded");

    // The notifier is reused for the next notice.
    notifier.clone().send(&notice).await.unwrap();
    assert_eq!(sink.messages().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_an_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let notifier = Notifier::from_settings(Some(&format!("smtp://127.0.0.1:{port}")), "Phản hồi <a@b.vn>").unwrap();
    let notice = Notice {
        to: vec!["can-bo@phanhoi.local".into()],
        subject: SUBJECT.into(),
        body: BODY.into(),
    };
    let err = notifier.send(&notice).await.unwrap_err();
    assert!(matches!(err, NotifyError::Send { .. }), "{err}");
    let shown = err.to_string();
    assert!(
        shown.contains("không gửi được thư") && shown.contains(&format!("127.0.0.1:{port}")),
        "{shown}"
    );
}
