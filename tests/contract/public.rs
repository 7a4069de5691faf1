//! The public answers: search with or without diacritics, filters and
//! pagination; and no public page or public endpoint ever shows a seeded
//! citizen's name, phone or e-mail.

use phanhoi::domain::public::{PublicQuery, StatusFilter, PAGE_SIZE};
use phanhoi::server::services::complaints::submit;
use phanhoi::server::services::public;
use phanhoi::server::store::complaints::NewComplaint;
use phanhoi::server::{seed, store};

use crate::http::{get, start};
use crate::on_both_databases;
use crate::support::TestDb;

on_both_databases!(search_ignores_diacritics_and_filters_combine, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    seed::seed_demo(&t.db, store::now()).await.unwrap();
    let answered = public::list(&t.db, &PublicQuery::default()).await.unwrap();
    assert!(answered.results.total > 0, "the demo has published answers");
    for item in &answered.results.items {
        assert!(item.status.is_answered(), "the default filter shows answers");
    }
    // Every word of a title finds it, typed with or without diacritics.
    let title = answered.results.items[0].title.clone();
    let plain = phanhoi::domain::text::fold(&title);
    for typed in [title.clone(), plain.clone(), plain.to_uppercase()] {
        let found = public::list(
            &t.db,
            &PublicQuery {
                text: typed.clone(),
                ..PublicQuery::default()
            },
        )
        .await
        .unwrap();
        assert!(
            found.results.items.iter().any(|i| i.title == title),
            "{typed:?} finds {title:?}"
        );
    }
    let nothing = public::list(
        &t.db,
        &PublicQuery {
            text: "zorblat".into(),
            ..PublicQuery::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(nothing.results.total, 0);

    // An agency filter keeps only that agency's complaints.
    let all = public::list(
        &t.db,
        &PublicQuery {
            status: StatusFilter::All,
            ..PublicQuery::default()
        },
    )
    .await
    .unwrap();
    let agency_name = all.results.items[0].agency_name.clone().unwrap();
    let code = all
        .agencies
        .iter()
        .find(|a| a.name == agency_name)
        .unwrap()
        .code
        .clone();
    let filtered = public::list(
        &t.db,
        &PublicQuery {
            agency: code,
            status: StatusFilter::All,
            ..PublicQuery::default()
        },
    )
    .await
    .unwrap();
    assert!(filtered.results.total >= 1);
    assert!(filtered.results.total <= all.results.total);
    assert!(filtered
        .results
        .items
        .iter()
        .all(|i| i.agency_name.as_deref() == Some(agency_name.as_str())));
});

on_both_databases!(pages_hold_twenty_and_say_how_many, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let sxd = crate::support::agency_id(&t.db, "SXD").await;
    for i in 0..(PAGE_SIZE + 5) {
        let new = NewComplaint {
            title: format!("Đèn đường hỏng số {i}"),
            description: "Cột đèn trước cổng chợ không sáng đã hai tuần.".into(),
            citizen_name: "Trần Văn Bình".into(),
            citizen_phone: "0912000111".into(),
            is_public: true,
            ..NewComplaint::default()
        };
        let (id, _) = submit(&t.db, &new, 1_772_416_800 + i).await.unwrap();
        phanhoi::server::services::complaints::receive(&t.db, id, 1_772_416_800 + i)
            .await
            .unwrap();
        phanhoi::server::services::complaints::assign(&t.db, id, 1, sxd, None, None, 1_772_416_900 + i)
            .await
            .unwrap();
    }
    let query = PublicQuery {
        text: "den duong".into(),
        status: StatusFilter::InProgress,
        ..PublicQuery::default()
    };
    let first = public::list(&t.db, &query).await.unwrap();
    assert_eq!(first.results.total, PAGE_SIZE + 5);
    assert_eq!(first.results.items.len() as i64, PAGE_SIZE);
    assert_eq!(first.results.page_count(), 2);
    assert_eq!(
        first.results.items[0].title,
        format!("Đèn đường hỏng số {}", PAGE_SIZE + 4),
        "newest first"
    );
    let second = public::list(&t.db, &PublicQuery { page: 2, ..query }).await.unwrap();
    assert_eq!(second.results.items.len(), 5);
});

/// Every seeded citizen's name, phone (as stored and as often written) and
/// e-mail.
fn seeded_citizens() -> Vec<String> {
    let demo: serde_json::Value = serde_json::from_str(include_str!("../../seed/demo_complaints.json")).unwrap();
    let mut secrets = Vec::new();
    for complaint in demo.as_array().unwrap() {
        secrets.push(complaint["citizen_name"].as_str().unwrap().to_owned());
        let phone = complaint["citizen_phone"].as_str().unwrap().to_owned();
        secrets.push(format!("{} {} {}", &phone[..4], &phone[4..7], &phone[7..]));
        secrets.push(phone);
        if let Some(email) = complaint["citizen_email"].as_str() {
            secrets.push(email.to_owned());
        }
    }
    secrets
}

fn leaks<'a>(body: &str, secrets: &'a [String]) -> Vec<&'a String> {
    secrets.iter().filter(|s| body.contains(s.as_str())).collect()
}

on_both_databases!(no_public_page_shows_a_citizen, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    seed::seed_demo(&t.db, store::now()).await.unwrap();
    let secrets = seeded_citizens();
    assert!(secrets.len() > 100);
    let server = start(&t).await;
    let base = &server.base;
    let mut pages = vec![
        format!("{base}/"),
        format!("{base}/gui-phan-anh"),
        format!("{base}/tra-cuu"),
        format!("{base}/phan-anh?trang-thai=tat-ca"),
        format!("{base}/phan-anh?trang-thai=tat-ca&trang=2"),
        format!("{base}/phan-anh?q=duong"),
    ];
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM complaints ORDER BY id")
        .fetch_all(t.db.pool())
        .await
        .unwrap();
    let codes: Vec<String> = sqlx::query_scalar("SELECT tracking_code FROM complaints ORDER BY id")
        .fetch_all(t.db.pool())
        .await
        .unwrap();
    for id in &ids {
        pages.push(format!("{base}/phan-anh/{id}"));
    }
    for code in &codes {
        pages.push(format!("{base}/tra-cuu?ma={code}"));
    }
    let mut shown = 0;
    for url in &pages {
        let (status, body) = get(url).await;
        assert!(status == 200 || status == 404, "{url}: {status}");
        if status == 200 {
            shown += 1;
        }
        assert_eq!(leaks(&body, &secrets), Vec::<&String>::new(), "{url}");
    }
    assert!(shown > codes.len(), "the public pages were really shown");

    // The server functions behind them, called directly.
    let client = reqwest::Client::new();
    for (endpoint, params) in [
        ("home", vec![]),
        ("track", vec![("code", codes[0].clone())]),
        ("public-complaint", vec![("id", ids[0].to_string())]),
    ] {
        let response = client
            .post(format!("{base}/api/{endpoint}"))
            .form(&params)
            .send()
            .await
            .unwrap();
        let body = response.text().await.unwrap();
        assert_eq!(leaks(&body, &secrets), Vec::<&String>::new(), "/api/{endpoint}");
    }
});
