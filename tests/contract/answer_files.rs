//! Files attached to an agency's answer: checked by content, kept with the
//! draft, public with the published answer (behind the second factor for a
//! private complaint), never the citizen's own uploads; over HTTP too.

use phanhoi::domain::{ComplaintStatus, StaffUser, TrackingCode};
use phanhoi::error::AppError;
use phanhoi::server::config::Limits;
use phanhoi::server::services::complaints::{receive, submit};
use phanhoi::server::services::files::{self, Reader, Upload};
use phanhoi::server::services::{public, tracker, workflow};
use phanhoi::server::{store, Db};

use crate::http::Server;
use crate::on_both_databases;
use crate::staff::{complaint, seeded, staff, version, MONDAY_MORNING};
use crate::support::TestDb;

const HOUR: i64 = 3600;

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n% Ket qua kiem tra hien truong\n%%EOF\n".to_vec()
}

/// A JPEG skeleton carrying a GPS position in its EXIF segment.
fn photo_with_gps() -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8];
    b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00]);
    let exif = b"Exif\0\0GPSLatitude=19.807;GPSLongitude=105.776";
    b.extend_from_slice(&[0xFF, 0xE1]);
    b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    b.extend_from_slice(exif);
    b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9]);
    b
}

fn upload(name: &str, bytes: Vec<u8>) -> Upload {
    Upload {
        name: name.into(),
        bytes,
    }
}

/// A complaint with Sở Xây dựng, in progress; returns its id.
async fn in_progress(db: &Db, is_public: bool, at: i64) -> i64 {
    let coordinator = staff(db, "dieuphoi").await;
    let officer = staff(db, "canbo.sxd").await;
    let mut new = complaint("Cống thoát nước bị vỡ");
    new.is_public = is_public;
    let (id, _) = submit(db, &new, at).await.unwrap();
    receive(db, id, at + 60).await.unwrap();
    let (_, v) = version(db, id).await;
    workflow::assign(db, &coordinator, id, v, "SXD", "", at + HOUR)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::accept(db, &officer, id, v, at + 2 * HOUR).await.unwrap();
    id
}

async fn publish(db: &Db, id: i64, at: i64) {
    let officer = staff(db, "canbo.sxd").await;
    let leader = staff(db, "lanhdao.sxd").await;
    let (_, v) = version(db, id).await;
    workflow::save_answer(db, &officer, id, v, "Đã sửa xong cống.", true, at)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::approve(db, &leader, id, v, at + HOUR).await.unwrap();
    assert_eq!(version(db, id).await.0, ComplaintStatus::Published);
}

async fn read(db: &Db, dir: &std::path::Path, reader: Reader<'_>, file: i64) -> Result<Vec<u8>, AppError> {
    files::read(
        db,
        &Limits::default(),
        dir,
        reader,
        file,
        MONDAY_MORNING + 30 * 24 * HOUR,
    )
    .await
    .map(|(_, bytes)| bytes)
}

fn as_staff(user: &StaffUser) -> Reader<'_> {
    Reader {
        staff: Some(user),
        ..Reader::default()
    }
}

async fn code_of(db: &Db, id: i64) -> String {
    sqlx::query_scalar("SELECT tracking_code FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

on_both_databases!(answer_files_follow_the_answer, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let dir = tempfile::tempdir().unwrap();
    let officer = staff(db, "canbo.sxd").await;
    let other = staff(db, "canbo.sct").await;
    let coordinator = staff(db, "dieuphoi").await;
    let at = MONDAY_MORNING;
    let id = in_progress(db, true, at).await;

    // Only the agency's officer attaches, and only while drafting.
    for who in [&other, &coordinator] {
        let refused = files::attach_to_answer(db, dir.path(), who, id, vec![upload("a.pdf", pdf())], at).await;
        assert_eq!(refused, Err(AppError::Forbidden));
    }
    let nothing = files::attach_to_answer(db, dir.path(), &officer, id, vec![upload("a.pdf", vec![])], at).await;
    assert!(matches!(nothing, Err(AppError::Validation { ref field, .. }) if field == "tep"));

    let refusals = files::attach_to_answer(
        db,
        dir.path(),
        &officer,
        id,
        vec![
            upload("Biên bản kiểm tra.pdf", pdf()),
            upload("anh-that.jpg", photo_with_gps()),
            upload("giả-ảnh.jpg", b"<script>alert(1)</script>".to_vec()),
        ],
        at + 3 * HOUR,
    )
    .await
    .unwrap();
    assert_eq!(refusals.len(), 1, "{refusals:?}");
    assert!(refusals[0].contains("giả-ảnh.jpg"), "{refusals:?}");
    let mut conn = db.pool().acquire().await.unwrap();
    let stored = store::attachments::for_complaint(&mut conn, id, true).await.unwrap();
    drop(conn);
    assert_eq!(
        stored.iter().map(|f| f.file_name.as_str()).collect::<Vec<_>>(),
        ["Biên bản kiểm tra.pdf", "anh-that.jpg"]
    );
    let (pdf_id, photo_id) = (stored[0].id, stored[1].id);
    let photo = read(db, dir.path(), as_staff(&officer), photo_id).await.unwrap();
    assert!(
        !String::from_utf8_lossy(&photo).contains("GPS"),
        "location metadata is stripped"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "the refused file is not kept"
    );

    // At most five files.
    let many = (0..5).map(|n| upload(&format!("phu-luc-{n}.pdf"), pdf())).collect();
    let refusals = files::attach_to_answer(db, dir.path(), &officer, id, many, at + 4 * HOUR)
        .await
        .unwrap();
    assert_eq!(refusals.len(), 2, "{refusals:?}");
    assert!(refusals[0].contains("tối đa 5 tệp"), "{refusals:?}");

    // Before publication: the agency and the coordinator read them; the
    // public and other agencies do not learn they exist.
    assert_eq!(read(db, dir.path(), as_staff(&officer), pdf_id).await.unwrap(), pdf());
    assert!(read(db, dir.path(), as_staff(&coordinator), pdf_id).await.is_ok());
    assert_eq!(
        read(db, dir.path(), as_staff(&other), pdf_id).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        read(db, dir.path(), Reader::default(), pdf_id).await,
        Err(AppError::NotFound)
    );

    // Removing one is recorded in the internal history.
    let extra: Vec<i64> = {
        let mut conn = db.pool().acquire().await.unwrap();
        let all = store::attachments::for_complaint(&mut conn, id, true).await.unwrap();
        all.iter().skip(2).map(|f| f.id).collect()
    };
    assert_eq!(
        files::remove_from_answer(db, dir.path(), &other, id, extra[0], at).await,
        Err(AppError::Forbidden)
    );
    for file in &extra {
        files::remove_from_answer(db, dir.path(), &officer, id, *file, at + 5 * HOUR)
            .await
            .unwrap();
    }
    assert_eq!(
        files::remove_from_answer(db, dir.path(), &officer, id, extra[0], at).await,
        Err(AppError::NotFound)
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    let mut conn = db.pool().acquire().await.unwrap();
    let notes: Vec<String> = store::complaints::events(&mut conn, id, false)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|e| e.note)
        .collect();
    drop(conn);
    assert!(notes
        .iter()
        .any(|n| n == "Đính kèm vào dự thảo trả lời: Biên bản kiểm tra.pdf"));
    assert!(notes.iter().any(|n| n == "Bỏ tệp khỏi dự thảo trả lời: phu-luc-0.pdf"));

    // The citizen's own upload is never public.
    let citizen_file = {
        let mut conn = db.pool().acquire().await.unwrap();
        let key = "citizen-photo.jpg";
        std::fs::write(dir.path().join(key), photo_with_gps()).unwrap();
        let new = store::attachments::NewAttachment {
            draft_token: None,
            complaint_id: Some(id),
            for_answer: false,
            uploaded_by: None,
            file_name: "ảnh người dân.jpg",
            content_type: "image/jpeg",
            size_bytes: 10,
            storage_key: key,
        };
        store::attachments::insert(&mut conn, &new, at).await.unwrap()
    };

    publish(db, id, at + 6 * HOUR).await;
    assert_eq!(read(db, dir.path(), Reader::default(), pdf_id).await.unwrap(), pdf());
    assert_eq!(read(db, dir.path(), as_staff(&other), pdf_id).await.unwrap(), pdf());
    assert_eq!(
        read(db, dir.path(), Reader::default(), citizen_file).await,
        Err(AppError::NotFound)
    );
    assert!(read(db, dir.path(), as_staff(&officer), citizen_file).await.is_ok());
    // The answer is final now.
    assert_eq!(
        files::attach_to_answer(db, dir.path(), &officer, id, vec![upload("muon.pdf", pdf())], at).await,
        Err(AppError::Conflict)
    );

    // The tracker and the public page list the answer's files.
    let code = TrackingCode::parse(&code_of(db, id).await).unwrap();
    let tracked = tracker::track(db, &Limits::default(), &code, None, at + 7 * HOUR)
        .await
        .unwrap();
    assert_eq!(tracked.answer_files.len(), 2);
    assert_eq!(tracked.file_query, "");
    let page = public::complaint(db, id).await.unwrap();
    assert_eq!(page.answer_files.len(), 2);
});

on_both_databases!(a_private_answers_files_need_the_second_factor, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let dir = tempfile::tempdir().unwrap();
    let officer = staff(db, "canbo.sxd").await;
    let at = MONDAY_MORNING;
    let id = in_progress(db, false, at).await;
    files::attach_to_answer(db, dir.path(), &officer, id, vec![upload("kq.pdf", pdf())], at)
        .await
        .unwrap();
    publish(db, id, at + HOUR).await;
    let mut conn = db.pool().acquire().await.unwrap();
    let file = store::attachments::for_complaint(&mut conn, id, true).await.unwrap()[0].id;
    drop(conn);
    let code = code_of(db, id).await;
    let with = |code: &'static str, factor: &'static str| Reader {
        staff: None,
        code: Some(code),
        factor: Some(factor),
    };
    let code: &'static str = Box::leak(code.into_boxed_str());
    assert_eq!(
        read(db, dir.path(), Reader::default(), file).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        read(db, dir.path(), with(code, "0000"), file).await,
        Err(AppError::NotFound)
    );
    assert_eq!(
        read(db, dir.path(), with("ABCD-EFGH", "4321"), file).await,
        Err(AppError::NotFound)
    );
    assert_eq!(read(db, dir.path(), with(code, "4321"), file).await.unwrap(), pdf());
    // The tracker, opened with the factor, links the files with it.
    let parsed = TrackingCode::parse(code).unwrap();
    let tracked = tracker::track(db, &Limits::default(), &parsed, Some("4321"), at + 2 * HOUR)
        .await
        .unwrap();
    assert_eq!(tracked.file_query, format!("ma={}&so=4321", parsed.as_str()));
    assert_eq!(tracked.answer_files.len(), 1);
    let locked = tracker::track(db, &Limits::default(), &parsed, None, at + 2 * HOUR)
        .await
        .unwrap();
    assert!(locked.answer_files.is_empty());
});

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn signed_in(server: &Server, login: &str) -> reqwest::Client {
    let c = client();
    let response = c
        .post(format!("{}/api/staff/sign-in", server.base))
        .form(&[("login", login), ("password", phanhoi::server::seed::DEMO_PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    c
}

async fn post_file(c: &reqwest::Client, server: &Server, id: i64, name: &str, bytes: Vec<u8>) -> (u16, String) {
    let part = reqwest::multipart::Part::bytes(bytes).file_name(name.to_owned());
    let form = reqwest::multipart::Form::new().part("tep", part);
    let response = c
        .post(format!("{}/can-bo/phan-anh/{id}/tep", server.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (response.status().as_u16(), location)
}

on_both_databases!(answer_files_over_http, |t: TestDb| async move {
    seeded(&t.db).await;
    let upload_dir = tempfile::tempdir().unwrap();
    let dir = upload_dir.path().display().to_string();
    let server = crate::http::start_with(&t, &[("PHANHOI_UPLOAD_DIR", dir.as_str())]).await;
    let id = in_progress(&t.db, true, MONDAY_MORNING).await;

    let (status, location) = post_file(&client(), &server, id, "kq.pdf", pdf()).await;
    assert_eq!((status, location.as_str()), (303, "/dang-nhap"), "anonymous");
    let other = signed_in(&server, "canbo.sct").await;
    assert_eq!(post_file(&other, &server, id, "kq.pdf", pdf()).await.0, 403);

    let officer = signed_in(&server, "canbo.sxd").await;
    let (status, location) = post_file(&officer, &server, id, "giả.pdf", b"not a pdf".to_vec()).await;
    assert_eq!(status, 303);
    assert!(location.contains("loi-tep="), "{location}");
    let page = officer
        .get(format!("{}{location}", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("không phải ảnh (JPEG, PNG, WebP) hay tài liệu PDF"),
        "the error shows next to the field"
    );

    let (status, location) = post_file(&officer, &server, id, "Kết quả.pdf", pdf()).await;
    assert_eq!(
        (status, location.as_str()),
        (303, format!("/can-bo/phan-anh/{id}?tep=da-them#tep-tra-loi").as_str())
    );
    let mut conn = t.db.pool().acquire().await.unwrap();
    let file = store::attachments::for_complaint(&mut conn, id, true).await.unwrap()[0].id;
    drop(conn);
    let page = officer
        .get(format!("{}/can-bo/phan-anh/{id}", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("href=\"/tep/{file}\"")),
        "the case page links the file"
    );

    let url = format!("{}/tep/{file}", server.base);
    assert_eq!(
        client().get(&url).send().await.unwrap().status(),
        404,
        "not public before publication"
    );
    let response = officer.get(&url).send().await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/pdf");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(
        disposition.contains("filename*=UTF-8''K%E1%BA%BFt%20qu%E1%BA%A3.pdf"),
        "{disposition}"
    );
    assert_eq!(response.bytes().await.unwrap().to_vec(), pdf());

    publish(&t.db, id, MONDAY_MORNING + 5 * HOUR).await;
    assert_eq!(
        client().get(&url).send().await.unwrap().status(),
        200,
        "public with the answer"
    );
    let public_page = client()
        .get(format!("{}/phan-anh/{id}", server.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        public_page.contains(&format!("/tep/{file}")),
        "the public page links the file"
    );
    assert_eq!(
        client()
            .get(format!("{}/tep/999999", server.base))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
});
