//! The statistics pages and downloads over HTTP against the real server:
//! the public ranking (with a wrong period), its CSV and XLSX, the staff
//! ranking and the dashboard with their downloads and who may see them,
//! and that no citizen's name, phone or e-mail appears anywhere.

use std::io::Read;

use chrono::Duration;
use phanhoi::domain::deadline::local_date;
use phanhoi::domain::stats::Period;
use phanhoi::server::services::stats;
use phanhoi::server::{generate::generate, seed, store};

use crate::http::{get, start, Server};
use crate::on_both_databases;
use crate::support::TestDb;

const PASSWORD: &str = phanhoi::server::seed::DEMO_PASSWORD;
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A response's status, headers and body.
struct Fetched {
    status: u16,
    content_type: String,
    disposition: String,
    body: Vec<u8>,
}

impl Fetched {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn fetch(client: &reqwest::Client, url: &str) -> Fetched {
    let response = client.get(url).send().await.expect("request");
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    let (content_type, disposition) = (header("content-type"), header("content-disposition"));
    Fetched {
        status: response.status().as_u16(),
        content_type,
        disposition,
        body: response.bytes().await.expect("body").to_vec(),
    }
}

async fn signed_in(server: &Server, login: &str) -> reqwest::Client {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let response = client
        .post(format!("{}/api/staff/sign-in", server.base))
        .form(&[("login", login), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200, "{login} signs in");
    client
}

/// The CSV's header and rows (after the byte-order mark).
fn parse_csv(bytes: &[u8]) -> (Vec<String>, Vec<Vec<String>>) {
    assert!(bytes.starts_with(BOM), "UTF-8 byte-order mark");
    let mut reader = csv::Reader::from_reader(&bytes[BOM.len()..]);
    let header = reader.headers().unwrap().iter().map(str::to_owned).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

/// The text of one part of an XLSX file (a zip).
fn xlsx_part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX file is a zip");
    let mut part = archive.by_name(name).expect("part of the workbook");
    let mut text = String::new();
    part.read_to_string(&mut text).unwrap();
    text
}

/// Some citizens' names, phones and e-mails, which must never show.
async fn private_data(t: &TestDb) -> Vec<String> {
    let rows: Vec<(String, String, Option<String>)> =
        sqlx::query_as("SELECT citizen_name, citizen_phone, citizen_email FROM complaints ORDER BY id LIMIT 40")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
    assert!(!rows.is_empty());
    rows.into_iter()
        .flat_map(|(name, phone, email)| [Some(name), Some(phone), email])
        .flatten()
        .filter(|s| s.len() >= 6)
        .collect()
}

fn assert_private(what: &str, body: &str, private: &[String]) {
    for secret in private {
        assert!(!body.contains(secret.as_str()), "{what} shows private data {secret:?}");
    }
}

/// The last 365 days up to today, as query parameters.
fn last_year(now: i64) -> (Period, String) {
    let today = local_date(now);
    let period = Period::range(today - Duration::days(364), today).unwrap();
    let query = period.query_string();
    (period, query)
}

async fn prepared(t: &TestDb) -> i64 {
    let now = store::now();
    seed::seed_reference(&t.db, 17).await.unwrap();
    seed::seed_demo(&t.db, now - 400 * 86_400).await.unwrap();
    generate(&t.db, 400, 7, 1, now).await.unwrap();
    stats::rebuild(&t.db).await.unwrap();
    now
}

on_both_databases!(public_ranking_page_and_downloads, |t: TestDb| async move {
    let now = prepared(&t).await;
    let private = private_data(&t).await;
    let server = start(&t).await;
    let anyone = reqwest::Client::new();
    let (period, query) = last_year(now);

    let (status, page) = get(&format!("{}/xep-hang?{query}", server.base)).await;
    assert_eq!(status, 200, "{page}");
    for text in [
        "Xếp hạng cơ quan, đơn vị",
        "Cách tính điểm và xếp hạng",
        "Điểm tổng hợp (thang 100)",
        "role=\"img\"",
        "<caption",
        "scope=\"row\"",
        "Toàn tỉnh",
        "Tải bảng về",
        &period.label(),
    ] {
        assert!(page.contains(text), "the ranking page shows {text:?}");
    }
    let link = format!("href=\"/xep-hang.csv?{}\"", query.replace('&', "&amp;"));
    assert!(page.contains(&link), "download link {link}");
    assert_private("the ranking page", &page, &private);

    // The default period (this month) renders too, and a wrong one says why
    // next to its field.
    let (status, _) = get(&format!("{}/xep-hang", server.base)).await;
    assert_eq!(status, 200);
    let (status, wrong) = get(&format!("{}/xep-hang?ky=thang&thang=2026-13", server.base)).await;
    assert_eq!(status, 422);
    assert!(wrong.contains("id=\"thang-loi\""), "error next to the month field");
    assert!(wrong.contains("Tháng không hợp lệ"), "{wrong}");
    let (status, wrong) = get(&format!(
        "{}/xep-hang?ky=khoang&tu=2026-10-02&den=2026-10-01",
        server.base
    ))
    .await;
    assert_eq!(status, 422);
    assert!(wrong.contains("id=\"den-loi\""));

    let ranking = stats::agency_ranking(&t.db, period, now).await.unwrap();
    assert!(!ranking.province.is_empty(), "generated complaints in the period");
    let csv = fetch(&anyone, &format!("{}/xep-hang.csv?{query}", server.base)).await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.content_type, "text/csv; charset=utf-8");
    assert!(
        csv.disposition.starts_with("attachment; filename=\"xep-hang-khoang-") && csv.disposition.ends_with(".csv\""),
        "{}",
        csv.disposition
    );
    let (header, rows) = parse_csv(&csv.body);
    assert_eq!(header[..4], ["Hạng", "Cơ quan, đơn vị", "Tiếp nhận", "Đã trả lời"]);
    assert_eq!(header.len(), 14);
    assert_eq!(
        rows.len(),
        ranking.rows.len() + 1,
        "one row per agency and the province"
    );
    assert_eq!(rows.last().unwrap()[1], "Toàn tỉnh");
    assert_eq!(rows.last().unwrap()[2], ranking.province.received.to_string());
    assert_eq!(rows[0][1], ranking.rows[0].name);
    assert_private("the ranking CSV", &csv.text(), &private);

    let xlsx = fetch(&anyone, &format!("{}/xep-hang.xlsx?{query}", server.base)).await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(
        xlsx.content_type,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(xlsx.disposition.ends_with(".xlsx\""));
    assert!(xlsx_part(&xlsx.body, "xl/workbook.xml").contains("<sheet name=\"Xếp hạng cơ quan, đơn vị\""));
    let strings = xlsx_part(&xlsx.body, "xl/sharedStrings.xml");
    assert!(strings.contains("Toàn tỉnh") && strings.contains(&ranking.rows[0].name));
    assert_private("the ranking XLSX", &strings, &private);

    let wrong = fetch(&anyone, &format!("{}/xep-hang.csv?ky=quy&quy=2026-Q5", server.base)).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("Quý không hợp lệ"));
});

on_both_databases!(staff_statistics_need_the_role, |t: TestDb| async move {
    let now = prepared(&t).await;
    let private = private_data(&t).await;
    let server = start(&t).await;
    let (period, query) = last_year(now);
    let base = &server.base;
    let anonymous = reqwest::Client::new();
    let officer = signed_in(&server, "canbo.sxd").await;
    let leader = signed_in(&server, "lanhdao.sxd").await;
    let coordinator = signed_in(&server, "dieuphoi").await;

    // Who may download what.
    let staff_csv = format!("{base}/can-bo/xep-hang.csv?{query}");
    let dashboard_csv = format!("{base}/can-bo/thong-ke/co-quan.csv?{query}");
    for url in [&staff_csv, &dashboard_csv] {
        assert_eq!(fetch(&anonymous, url).await.status, 401, "{url}");
        assert_eq!(fetch(&officer, url).await.status, 403, "{url}");
    }
    assert_eq!(fetch(&leader, &dashboard_csv).await.status, 403);
    let other = store::catalog::agency_id_by_code(&mut t.db.pool().acquire().await.unwrap(), "SYT")
        .await
        .unwrap()
        .expect("another agency");
    assert_eq!(
        fetch(&leader, &format!("{staff_csv}&co-quan={other}")).await.status,
        403,
        "a leader sees only the own agency"
    );

    // The server functions behind the pages allow exactly these roles.
    let admin = signed_in(&server, "admin").await;
    let callers = [
        ("anonymous", &anonymous),
        ("officer", &officer),
        ("leader", &leader),
        ("coordinator", &coordinator),
        ("admin", &admin),
    ];
    let matrix: [(&str, &[&str]); 3] = [
        (
            "stats/ranking",
            &["anonymous", "officer", "leader", "coordinator", "admin"],
        ),
        ("stats/staff-ranking", &["leader", "coordinator"]),
        ("stats/dashboard", &["coordinator"]),
    ];
    for (endpoint, allowed) in matrix {
        for (who, client) in callers {
            let response = client
                .post(format!("{base}/api/{endpoint}"))
                .form(&[("query[ky]", "nam")])
                .send()
                .await
                .unwrap();
            let expected = match (allowed.contains(&who), who) {
                (true, _) => 200,
                (false, "anonymous") => 401,
                _ => 403,
            };
            assert_eq!(response.status().as_u16(), expected, "{endpoint} as {who}");
        }
    }

    // Pages: 401 and 403 pages for those who may not see them.
    let page = fetch(&anonymous, &format!("{base}/can-bo/thong-ke")).await;
    assert_eq!(page.status, 401);
    assert!(page.text().contains("Cần đăng nhập"));
    assert_eq!(fetch(&officer, &format!("{base}/can-bo/thong-ke")).await.status, 403);
    assert_eq!(fetch(&officer, &format!("{base}/can-bo/xep-hang")).await.status, 403);

    // The leader's staff ranking: the agency's officers.
    let page = fetch(&leader, &format!("{base}/can-bo/xep-hang?{query}")).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        html.contains("Xếp hạng cán bộ") && html.contains("Sở Xây dựng"),
        "{html}"
    );
    assert_private("the staff ranking", &html, &private);
    let me = crate::staff::staff(&t.db, "lanhdao.sxd").await;
    let ranking = stats::staff_ranking(&t.db, &me, period, None, now).await.unwrap();
    let csv = fetch(&leader, &staff_csv).await;
    assert_eq!(csv.status, 200);
    let (header, rows) = parse_csv(&csv.body);
    assert_eq!(header[..3], ["Hạng", "Cán bộ", "Cơ quan, đơn vị"]);
    assert_eq!(rows.len(), ranking.rows.len() + 1);
    let xlsx = fetch(&leader, &format!("{base}/can-bo/xep-hang.xlsx?{query}")).await;
    assert_eq!(xlsx.status, 200);
    assert!(xlsx_part(&xlsx.body, "xl/workbook.xml").contains("<sheet name=\"Xếp hạng cán bộ, Sở Xây dựng\""));

    // The coordinator's dashboard: every table, its chart and downloads.
    let page = fetch(&coordinator, &format!("{base}/can-bo/thong-ke?{query}")).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    for heading in [
        "Theo trạng thái",
        "Theo cơ quan, đơn vị",
        "Theo lĩnh vực",
        "Theo xã, phường",
        "Theo tháng",
        "Mức độ hài lòng",
    ] {
        assert!(html.contains(heading), "the dashboard shows {heading}");
    }
    assert!(
        html.matches("<svg").count() >= 7,
        "a chart per table and the on-time trend"
    );
    assert_private("the dashboard", &html, &private);
    let me = crate::staff::staff(&t.db, "dieuphoi").await;
    let dashboard = stats::dashboard(&t.db, &me, period, now).await.unwrap();
    let expected_rows = [
        ("trang-thai", dashboard.by_status.len()),
        ("co-quan", dashboard.by_agency.len()),
        ("linh-vuc", dashboard.by_category.len()),
        ("xa-phuong", dashboard.by_commune.len()),
        ("thang", dashboard.by_month.len()),
        ("danh-gia", 5),
    ];
    for (slug, rows) in expected_rows {
        let csv = fetch(&coordinator, &format!("{base}/can-bo/thong-ke/{slug}.csv?{query}")).await;
        assert_eq!(csv.status, 200, "{slug}");
        assert!(
            csv.disposition.contains(&format!("thong-ke-{slug}-khoang-")),
            "{}",
            csv.disposition
        );
        let (_, parsed) = parse_csv(&csv.body);
        assert_eq!(parsed.len(), rows + 1, "{slug}: the rows and the totals");
        assert_private(slug, &csv.text(), &private);
        let xlsx = fetch(&coordinator, &format!("{base}/can-bo/thong-ke/{slug}.xlsx?{query}")).await;
        assert_eq!(xlsx.status, 200, "{slug}");
        assert!(!xlsx_part(&xlsx.body, "xl/worksheets/sheet1.xml").is_empty());
    }
    let (_, months) = parse_csv(
        &fetch(&coordinator, &format!("{base}/can-bo/thong-ke/thang.csv?{query}"))
            .await
            .body,
    );
    assert_eq!(
        months.last().unwrap()[1],
        dashboard.totals.received.to_string(),
        "the totals row adds up the period"
    );
    assert_eq!(
        fetch(&coordinator, &format!("{base}/can-bo/thong-ke/khac.csv"))
            .await
            .status,
        404
    );
    assert_eq!(
        fetch(&coordinator, &format!("{base}/can-bo/thong-ke/co-quan.pdf"))
            .await
            .status,
        404
    );
    let wrong = fetch(&coordinator, &format!("{base}/can-bo/thong-ke?ky=nam&nam=1990")).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.text().contains("id=\"nam-loi\""));
});
