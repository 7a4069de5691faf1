//! The real server on a loopback port: health, pages, status codes.

use phanhoi::server::services::routing::Router;
use phanhoi::server::{cli, http, seed, AppState, Config};
use std::sync::Arc;

use crate::on_both_databases;
use crate::support::TestDb;

/// A running server; stops when dropped.
pub struct Server {
    pub base: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

pub async fn start(t: &TestDb) -> Server {
    start_with(t, &[]).await
}

/// A server whose configuration also has `settings` (name, value).
pub async fn start_with(t: &TestDb, settings: &[(&str, &str)]) -> Server {
    let url = t.url.clone();
    let config = Config::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".into()),
        "PHANHOI_PROVINCE_NAME" => Some("Thanh Hóa".into()),
        other => settings.iter().find(|(n, _)| *n == other).map(|(_, v)| v.to_string()),
    })
    .unwrap();
    let listener = http::bind(config.site_addr).await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let options = cli::leptos_options(&config);
    let state = AppState::new(
        t.db.clone(),
        config,
        options,
        Arc::new(Router::load(&t.db).await.unwrap()),
    )
    .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(http::serve(listener, state, async move {
        let _ = stopped.await;
    }));
    Server { base, _stop: stop }
}

pub async fn get(url: &str) -> (u16, String) {
    let response = reqwest::get(url).await.expect("request");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

on_both_databases!(health_reports_the_database, |t: TestDb| async move {
    let server = start(&t).await;
    let (status, body) = get(&format!("{}/health", server.base)).await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["database"], "ok");
    t.db.close().await;
    let (status, body) = get(&format!("{}/health", server.base)).await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("unreachable"));
});

on_both_databases!(home_page_shows_figures_and_latest_answers, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let server = start(&t).await;
    let (status, empty) = get(&server.base).await;
    assert_eq!(status, 200);
    assert!(empty.contains("<html lang=\"vi\""));
    assert!(empty.contains("Gửi phản ánh"));
    assert!(
        empty.contains("Chưa có phản ánh nào được trả lời công khai."),
        "empty state"
    );

    seed::seed_demo(&t.db, phanhoi::server::store::now()).await.unwrap();
    let (status, home) = get(&server.base).await;
    assert_eq!(status, 200);
    let mut conn = t.db.pool().acquire().await.unwrap();
    let figures = phanhoi::server::store::stats::headline_figures(&mut conn)
        .await
        .unwrap();
    assert!(
        home.contains(&format!("data-figure=\"received\">{}<", figures.received)),
        "received figure"
    );
    assert!(
        home.contains(&format!("data-figure=\"answered\">{}<", figures.answered)),
        "answered figure"
    );
    let latest = phanhoi::server::store::stats::latest_published(&mut conn, 1)
        .await
        .unwrap();
    assert!(home.contains(&latest[0].title), "latest published title");
    assert!(!home.contains("Chưa có phản ánh nào được trả lời công khai."));
});

on_both_databases!(unknown_pages_are_404_in_vietnamese, |t: TestDb| async move {
    let server = start(&t).await;
    let (status, body) = get(&format!("{}/khong-co-trang-nay", server.base)).await;
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy trang"));
});

on_both_databases!(tracker_validates_and_finds_codes, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    seed::seed_demo(&t.db, phanhoi::server::store::now()).await.unwrap();
    let server = start(&t).await;
    let (status, body) = get(&format!("{}/tra-cuu?ma=abc", server.base)).await;
    assert_eq!(status, 422);
    assert!(
        body.contains("Mã tra cứu gồm 8 ký tự (bạn đã nhập 3)."),
        "message next to the field"
    );
    assert!(body.contains("value=\"abc\""), "keeps what was typed");
    let (status, body) = get(&format!("{}/tra-cuu?ma=2222-2222", server.base)).await;
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy phản ánh với mã này"));

    let (code, title, private): (String, String, i64) = sqlx::query_as(
        "SELECT tracking_code, title, 1 - is_public FROM complaints WHERE status = 'published' ORDER BY is_public DESC LIMIT 1",
    )
    .fetch_one(t.db.pool())
    .await
    .unwrap();
    assert_eq!(private, 0);
    let (status, body) = get(&format!("{}/tra-cuu?ma={}", server.base, code.to_lowercase())).await;
    assert_eq!(status, 200);
    assert!(body.contains(&title));
    assert!(body.contains("Đã trả lời"));
});

#[tokio::test]
async fn a_port_in_use_is_reported_plainly() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let err = http::bind(taken.local_addr().unwrap()).await.unwrap_err();
    let message = err.to_string();
    assert!(message.contains("đang được chương trình khác sử dụng"), "{message}");
    assert!(message.contains("LEPTOS_SITE_ADDR"), "{message}");
}
