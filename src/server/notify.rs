//! The notifier: how reminders reach people. It owns the two backends —
//! the server log (the default, nothing to set up) and e-mail over SMTP when
//! `PHANHOI_SMTP_URL` is set — and the errors of delivering a [`Notice`].
//! What a reminder says and who receives it is decided by its caller
//! (`services::reminders`).

use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::{Address, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::config::redact_url;

/// One message to people responsible for a complaint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// E-mail addresses.
    pub to: Vec<String>,
    pub subject: String,
    /// Plain text.
    pub body: String,
}

/// Where notices go. Cheap to clone: every clone shares the settings, and
/// the SMTP backend opens one connection per notice.
// One notifier per process: the size of its variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
pub enum Notifier {
    /// Notices are written to the server log only.
    Log,
    /// Notices are sent as e-mail.
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
        /// `host:port`, for messages (never the credentials).
        server: String,
    },
}

/// Why a notifier could not be set up or a notice not delivered.
#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error(
        "địa chỉ máy chủ thư (SMTP) không hợp lệ ({url}): cần dạng smtp://máy:cổng, \
         smtps://người-dùng:mật-khẩu@máy:cổng hoặc smtp://máy:cổng?tls=required (chi tiết: {detail})"
    )]
    InvalidUrl { url: String, detail: String },
    #[error("địa chỉ người gửi thư không hợp lệ ({value:?}): cần dạng Tên <địa-chỉ@miền>")]
    InvalidSender { value: String },
    #[error("địa chỉ nhận thư không hợp lệ: {address:?}")]
    InvalidRecipient { address: String },
    #[error("không soạn được thư (chi tiết: {detail})")]
    Compose { detail: String },
    #[error("không gửi được thư qua máy chủ {server} (chi tiết: {detail})")]
    Send { server: String, detail: String },
}

impl Notifier {
    /// The log backend when `smtp_url` is unset or blank; otherwise e-mail
    /// through that server (`smtp://` plain, `?tls=required` for STARTTLS,
    /// `smtps://` for TLS from the start; `user:password@` to sign in),
    /// sent as `from`. Checks the settings but does not connect.
    pub fn from_settings(smtp_url: Option<&str>, from: &str) -> Result<Self, NotifyError> {
        let Some(url) = smtp_url.map(str::trim).filter(|u| !u.is_empty()) else {
            return Ok(Self::Log);
        };
        let invalid_url = |detail: String| NotifyError::InvalidUrl {
            url: redact_url(url),
            detail,
        };
        let parsed = url::Url::parse(url).map_err(|e| invalid_url(e.to_string()))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| invalid_url(e.to_string()))?
            .build();
        let from = from
            .trim()
            .parse::<Mailbox>()
            .map_err(|_| NotifyError::InvalidSender { value: from.into() })?;
        Ok(Self::Smtp {
            transport,
            from,
            server: server_of(&parsed),
        })
    }

    /// Delivers `notice` to all its recipients in one message. A notice with
    /// no recipients is only logged; an invalid address fails the whole
    /// notice before anything is sent.
    pub async fn send(&self, notice: &Notice) -> Result<(), NotifyError> {
        if notice.to.is_empty() {
            tracing::warn!(subject = %notice.subject, "notice has no recipients; not sent");
            return Ok(());
        }
        match self {
            Self::Log => {
                tracing::info!(
                    recipients = notice.to.len(),
                    subject = %notice.subject,
                    body = %one_line(&notice.body),
                    "notice (log backend)"
                );
                Ok(())
            }
            Self::Smtp {
                transport,
                from,
                server,
            } => {
                let message = compose(from, notice)?;
                transport.send(message).await.map_err(|e| NotifyError::Send {
                    server: server.clone(),
                    detail: e.to_string(),
                })?;
                tracing::debug!(recipients = notice.to.len(), %server, "notice sent by e-mail");
                Ok(())
            }
        }
    }

    /// Where notices go, for the start-up log and the admin pages.
    pub fn describe(&self) -> String {
        match self {
            Self::Log => "nhật ký".into(),
            Self::Smtp { server, .. } => format!("SMTP {server}"),
        }
    }
}

/// The e-mail for `notice`: UTF-8 plain text; lettre encodes the headers
/// (RFC 2047) and picks the body's transfer encoding.
fn compose(from: &Mailbox, notice: &Notice) -> Result<Message, NotifyError> {
    let mut builder = Message::builder()
        .from(from.clone())
        .subject(notice.subject.clone())
        .header(ContentType::TEXT_PLAIN);
    for address in &notice.to {
        let parsed = address
            .trim()
            .parse::<Address>()
            .map_err(|_| NotifyError::InvalidRecipient {
                address: address.clone(),
            })?;
        builder = builder.to(Mailbox::from(parsed));
    }
    builder
        .body(notice.body.clone())
        .map_err(|e| NotifyError::Compose { detail: e.to_string() })
}

/// `host:port` of an SMTP URL, with lettre's default ports.
fn server_of(url: &url::Url) -> String {
    let tls = url.query_pairs().any(|(k, _)| k == "tls");
    let port = url.port().unwrap_or(match (url.scheme(), tls) {
        ("smtps", _) => 465,
        (_, true) => 587,
        _ => 25,
    });
    let host = url.host_str().unwrap_or_default();
    format!("{host}:{port}")
}

/// `text` on one log line.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" / ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;
    use std::sync::{Arc, Mutex};

    const FROM: &str = "Phản hồi <khong-tra-loi@phanhoi.local>";

    fn notice(to: &[&str]) -> Notice {
        Notice {
            to: to.iter().map(|a| a.to_string()).collect(),
            subject: "Nhắc hạn xử lý phản ánh ABCD-EFGH".into(),
            body: "Phản ánh ABCD-EFGH sắp đến hạn.\nVui lòng đăng nhập để xử lý.".into(),
        }
    }

    fn block_on<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn notifier_is_shareable() {
        fn shareable<T: Clone + Send + Sync + 'static>() {}
        shareable::<Notifier>();
    }

    #[test]
    fn no_url_means_the_log() {
        for url in [None, Some(""), Some("  ")] {
            let notifier = Notifier::from_settings(url, "").unwrap();
            assert!(matches!(notifier, Notifier::Log));
            assert_eq!(notifier.describe(), "nhật ký");
        }
    }

    #[test]
    fn smtp_urls_parse_and_describe_without_credentials() {
        let cases = [
            ("smtp://127.0.0.1:2525", "SMTP 127.0.0.1:2525"),
            ("smtp://mail.example.vn", "SMTP mail.example.vn:25"),
            (
                "smtp://u:s3cret@mail.example.vn?tls=required",
                "SMTP mail.example.vn:587",
            ),
            ("smtps://u:s3cret@mail.example.vn", "SMTP mail.example.vn:465"),
        ];
        for (url, shown) in cases {
            let notifier = Notifier::from_settings(Some(url), FROM).unwrap();
            assert_eq!(notifier.describe(), shown);
            if let Notifier::Smtp { from, .. } = &notifier {
                assert_eq!(from.email.to_string(), "khong-tra-loi@phanhoi.local");
                assert_eq!(from.name.as_deref(), Some("Phản hồi"));
            } else {
                panic!("{url} should give the SMTP backend");
            }
        }
    }

    #[test]
    fn bad_urls_are_errors_without_the_password() {
        for url in [
            "http://mail.example.vn",
            "smtp://u:s3cret@mail.example.vn?tls=maybe",
            "không phải url",
        ] {
            let err = Notifier::from_settings(Some(url), FROM).err().expect(url);
            let shown = err.to_string();
            assert!(matches!(err, NotifyError::InvalidUrl { .. }), "{shown}");
            assert!(shown.contains("không hợp lệ"), "{shown}");
            assert!(!shown.contains("s3cret"), "{shown}");
        }
    }

    #[test]
    fn bad_sender_is_an_error() {
        let err = Notifier::from_settings(Some("smtp://127.0.0.1:2525"), "không có địa chỉ")
            .err()
            .unwrap();
        assert!(matches!(err, NotifyError::InvalidSender { .. }), "{err}");
    }

    #[test]
    fn an_invalid_recipient_is_named_before_connecting() {
        // Nothing listens on port 9 here; the address fails first.
        let notifier = Notifier::from_settings(Some("smtp://127.0.0.1:9"), FROM).unwrap();
        let err = block_on(notifier.send(&notice(&["a@phanhoi.local", "không-phải-thư"]))).unwrap_err();
        assert!(matches!(err, NotifyError::InvalidRecipient { .. }), "{err}");
        assert!(err.to_string().contains("không-phải-thư"), "{err}");
    }

    #[test]
    fn no_recipients_sends_nothing() {
        let notifier = Notifier::from_settings(Some("smtp://127.0.0.1:9"), FROM).unwrap();
        block_on(notifier.send(&notice(&[]))).unwrap();
    }

    /// A log sink for one test.
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_log_backend_writes_one_line() {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(move || writer.clone())
            .with_ansi(false)
            .finish();
        tracing::subscriber::with_default(subscriber, || {
            block_on(Notifier::Log.send(&notice(&["a@phanhoi.local", "b@phanhoi.local"]))).unwrap();
        });
        let logged = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert_eq!(logged.lines().count(), 1, "{logged}");
        assert!(logged.contains("recipients=2"), "{logged}");
        assert!(logged.contains("Nhắc hạn xử lý phản ánh ABCD-EFGH"), "{logged}");
        assert!(
            logged.contains("sắp đến hạn. / Vui lòng đăng nhập để xử lý."),
            "{logged}"
        );
    }
}
