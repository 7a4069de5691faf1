//! The administrator's services against real databases: accounts that can
//! (and then cannot) sign in over HTTP, field errors for taken names,
//! agencies that are deactivated only when nothing depends on them, and a
//! deadline policy and holidays that change the deadline of complaints
//! received afterwards.

use phanhoi::domain::admin::PolicyInput;
use phanhoi::domain::deadline::format_date;
use phanhoi::domain::{DayKind, Role};
use phanhoi::error::AppError;
use phanhoi::server::services::admin::{self, AccountChange, AgencyInput, CategoryInput, CommuneInput, NewAccount};
use phanhoi::server::services::workflow;
use phanhoi::server::{store, Db};

use crate::http::{start, Server};
use crate::on_both_databases;
use crate::staff::{received, seeded, staff, version, MONDAY_MORNING};
use crate::support::{agency_id, TestDb};

const FIRST_PASSWORD: &str = "mật khẩu ban đầu";

/// Signs in over HTTP; returns the status and the client with its session.
async fn sign_in(server: &Server, login: &str, password: &str) -> (u16, reqwest::Client) {
    let client = reqwest::Client::builder().cookie_store(true).build().unwrap();
    let status = client
        .post(format!("{}/api/staff/sign-in", server.base))
        .form(&[("login", login), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16();
    (status, client)
}

fn account<'a>(username: &'a str, email: &'a str, agency: &'a str) -> NewAccount<'a> {
    NewAccount {
        username,
        email,
        full_name: "Lê Thị Hoa",
        role: "officer",
        agency,
        password: FIRST_PASSWORD,
    }
}

fn field(result: Result<impl std::fmt::Debug, AppError>, field: &str) -> String {
    let err = result.unwrap_err();
    err.field_message(field)
        .unwrap_or_else(|| panic!("expected an error on {field}, got {err:?}"))
        .to_owned()
}

on_both_databases!(an_admin_creates_accounts_that_can_sign_in, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let admin = staff(db, "admin").await;
    let new = account(" Canbo.Moi ", "CanBo.Moi@ThanhHoa.gov.vn", "SXD");
    let id = admin::create_staff(db, &admin, &new, MONDAY_MORNING).await.unwrap();
    let found = {
        let mut conn = db.pool().acquire().await.unwrap();
        store::staff::find_by_login(&mut conn, "canbo.moi@thanhhoa.gov.vn")
            .await
            .unwrap()
            .expect("the new account")
    };
    assert_eq!(found.user.id, id);
    assert_eq!(found.user.username, "canbo.moi");
    assert_eq!(found.user.role, Role::Officer);
    assert_eq!(found.user.agency_id, agency_id(db, "SXD").await);
    assert!(found.active);
    assert!(found.password_hash.starts_with("$argon2id$"));
    let server = start(&t).await;
    assert_eq!(sign_in(&server, "canbo.moi", FIRST_PASSWORD).await.0, 200);

    // Taken names are field errors, whatever the case; a user name may not
    // be another account's e-mail either (both sign in).
    let again = admin::create_staff(db, &admin, &account("CANBO.MOI", "khac@x.vn", "SXD"), MONDAY_MORNING).await;
    assert!(field(again, "username").contains("đã được dùng"));
    let email = admin::create_staff(
        db,
        &admin,
        &account("nguoi.khac", "DieuPhoi@demo.phanhoi.vn", "SXD"),
        MONDAY_MORNING,
    )
    .await;
    assert_eq!(field(email, "email"), "E-mail này đã được dùng cho tài khoản khác.");
    let weak = NewAccount {
        password: "ngắn",
        ..account("nguoi.khac", "khac@x.vn", "SXD")
    };
    assert!(field(admin::create_staff(db, &admin, &weak, MONDAY_MORNING).await, "password").contains("10 ký tự"));
    let nowhere = admin::create_staff(
        db,
        &admin,
        &account("nguoi.khac", "khac@x.vn", "KHONG_CO"),
        MONDAY_MORNING,
    )
    .await;
    field(nowhere, "agency");
    let no_role = NewAccount {
        role: "citizen",
        ..account("nguoi.khac", "khac@x.vn", "SXD")
    };
    field(admin::create_staff(db, &admin, &no_role, MONDAY_MORNING).await, "role");

    // Only an administrator; and the view never carries a password hash.
    let coordinator = staff(db, "dieuphoi").await;
    assert_eq!(
        admin::create_staff(db, &coordinator, &account("x.y.z", "xyz@x.vn", "SXD"), MONDAY_MORNING).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        admin::overview(db, &coordinator).await.unwrap_err(),
        AppError::Forbidden
    );
    let view = admin::overview(db, &admin).await.unwrap();
    assert!(view.staff.iter().any(|s| s.user.id == id && s.active));
    assert!(!serde_json::to_string(&view).unwrap().contains("argon2"));
});

on_both_databases!(deactivated_accounts_cannot_sign_in, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let admin = staff(db, "admin").await;
    let id = admin::create_staff(db, &admin, &account("tk.thu", "tk.thu@x.vn", "SXD"), MONDAY_MORNING)
        .await
        .unwrap();
    let server = start(&t).await;
    let (status, session) = sign_in(&server, "tk.thu", FIRST_PASSWORD).await;
    assert_eq!(status, 200);

    admin::set_staff_active(db, &admin, id, false).await.unwrap();
    let inbox = session
        .post(format!("{}/api/staff/inbox", server.base))
        .send()
        .await
        .unwrap();
    assert_eq!(inbox.status().as_u16(), 401, "the open session ends");
    assert_eq!(sign_in(&server, "tk.thu", FIRST_PASSWORD).await.0, 422);
    assert!(field(admin::set_staff_active(db, &admin, admin.id, false).await, "active").contains("chính mình"));
    admin::set_staff_active(db, &admin, id, true).await.unwrap();
    assert_eq!(sign_in(&server, "tk.thu", FIRST_PASSWORD).await.0, 200);

    // A new password from the administrator replaces the old one.
    let new_password = "mật khẩu do quản trị đặt";
    field(admin::reset_password(db, &admin, id, "ngắn").await, "password");
    admin::reset_password(db, &admin, id, new_password).await.unwrap();
    assert_eq!(sign_in(&server, "tk.thu", FIRST_PASSWORD).await.0, 422);
    assert_eq!(sign_in(&server, "tk.thu", new_password).await.0, 200);
    field(
        admin::reset_password(db, &admin, admin.id, new_password).await,
        "password",
    );

    // Role and agency change; an administrator keeps their own role.
    let change = AccountChange {
        id,
        full_name: "Lê Thị Hoa",
        email: "tk.thu@x.vn",
        role: "leader",
        agency: "SCT",
    };
    admin::update_staff(db, &admin, &change).await.unwrap();
    let changed = staff(db, "tk.thu").await;
    assert_eq!(changed.role, Role::Leader);
    assert_eq!(changed.agency_id, agency_id(db, "SCT").await);
    let taken = AccountChange {
        email: "admin@demo.phanhoi.vn",
        ..change
    };
    field(admin::update_staff(db, &admin, &taken).await, "email");
    let demote = AccountChange {
        id: admin.id,
        email: &admin.email,
        role: "officer",
        agency: "VP_UBND",
        ..change
    };
    assert!(field(admin::update_staff(db, &admin, &demote).await, "role").contains("chính mình"));
    assert_eq!(
        admin::update_staff(db, &admin, &AccountChange { id: 999_999, ..change }).await,
        Err(AppError::NotFound)
    );
});

async fn deadline(db: &Db, id: i64) -> String {
    let at: i64 = sqlx::query_scalar("SELECT deadline_at FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    format_date(at)
}

const WORKING: PolicyInput<'static> = PolicyInput {
    total_days: "17",
    triage_days: "3",
    handling_days: "11",
    approval_days: "3",
    day_kind: "working",
};

on_both_databases!(
    policy_and_holidays_apply_to_complaints_received_afterwards,
    |t: TestDb| async move {
        let db = &t.db;
        seeded(db).await;
        let admin = staff(db, "admin").await;
        let wrong_sum = PolicyInput {
            handling_days: "10",
            ..WORKING
        };
        field(admin::save_policy(db, &admin, &wrong_sum).await, "total_days");
        let not_a_number = PolicyInput {
            triage_days: "ba",
            ..WORKING
        };
        field(admin::save_policy(db, &admin, &not_a_number).await, "triage_days");
        let coordinator = staff(db, "dieuphoi").await;
        assert_eq!(
            admin::save_policy(db, &coordinator, &WORKING).await,
            Err(AppError::Forbidden)
        );

        // Calendar days (the seeded policy): 17 days after Monday 2 March.
        let before = received(db, "Phản ánh trước khi đổi thời hạn", MONDAY_MORNING).await;
        assert_eq!(deadline(db, before).await, "19/03/2026");
        admin::save_policy(db, &admin, &WORKING).await.unwrap();
        let policy = {
            let mut conn = db.pool().acquire().await.unwrap();
            store::settings::deadline_policy(&mut conn).await.unwrap()
        };
        assert_eq!((policy.total_days, policy.day_kind), (17, DayKind::Working));

        // 17 working days after Monday 2 March, then one more for a holiday.
        let working = received(db, "Phản ánh tính theo ngày làm việc", MONDAY_MORNING).await;
        assert_eq!(deadline(db, working).await, "25/03/2026");
        admin::add_holiday(db, &admin, "2026-03-10", "Ngày nghỉ thử")
            .await
            .unwrap();
        let duplicate = admin::add_holiday(db, &admin, "2026-03-10", "Lần nữa").await;
        assert!(field(duplicate, "day").contains("10/03/2026"));
        field(
            admin::add_holiday(db, &admin, "10/03/2026", "Sai định dạng").await,
            "day",
        );
        field(admin::add_holiday(db, &admin, "2026-03-11", " ").await, "name");
        let with_holiday = received(db, "Phản ánh có ngày nghỉ", MONDAY_MORNING).await;
        assert_eq!(deadline(db, with_holiday).await, "26/03/2026");
        let view = admin::overview(db, &admin).await.unwrap();
        assert!(view
            .holidays
            .iter()
            .any(|h| h.day.to_string() == "2026-03-10" && h.name == "Ngày nghỉ thử"));

        admin::remove_holiday(db, &admin, "2026-03-10").await.unwrap();
        assert_eq!(
            admin::remove_holiday(db, &admin, "2026-03-10").await,
            Err(AppError::NotFound)
        );
        let after = received(db, "Phản ánh sau khi xóa ngày nghỉ", MONDAY_MORNING).await;
        assert_eq!(deadline(db, after).await, "25/03/2026");
        // Complaints already received keep their deadline.
        assert_eq!(deadline(db, before).await, "19/03/2026");
        assert_eq!(deadline(db, with_holiday).await, "26/03/2026");
    }
);

on_both_databases!(agencies_categories_and_communes_round_trip, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let admin = staff(db, "admin").await;
    let agency = AgencyInput {
        code: "so_moi",
        name: "Sở Mới",
        kind: "department",
        handles: "",
    };
    let id = admin::create_agency(db, &admin, &agency).await.unwrap();
    assert_eq!(agency_id(db, "SO_MOI").await, id);
    let taken = admin::create_agency(db, &admin, &AgencyInput { code: "SXD", ..agency }).await;
    assert_eq!(field(taken, "code"), "Mã cơ quan này đã có. Vui lòng chọn mã khác.");
    field(
        admin::create_agency(db, &admin, &AgencyInput { code: "SỞ", ..agency }).await,
        "code",
    );
    field(
        admin::create_agency(
            db,
            &admin,
            &AgencyInput {
                code: "SO_2",
                name: " ",
                ..agency
            },
        )
        .await,
        "name",
    );
    field(
        admin::create_agency(
            db,
            &admin,
            &AgencyInput {
                code: "SO_2",
                kind: "bo",
                ..agency
            },
        )
        .await,
        "kind",
    );
    let renamed = AgencyInput {
        code: "SO_MOI",
        name: "Sở Đổi Tên",
        kind: "sector",
        handles: "cấp nước sinh hoạt",
    };
    admin::update_agency(db, &admin, &renamed).await.unwrap();
    let view = admin::overview(db, &admin).await.unwrap();
    let entry = view.agency(id).unwrap();
    assert_eq!(
        (entry.agency.name.as_str(), entry.agency.handles.as_str(), entry.active),
        ("Sở Đổi Tên", "cấp nước sinh hoạt", true)
    );
    assert_eq!(
        admin::update_agency(
            db,
            &admin,
            &AgencyInput {
                code: "KHONG_CO",
                ..renamed
            }
        )
        .await,
        Err(AppError::NotFound)
    );

    // Categories: a default agency by code, or none.
    let category = CategoryInput {
        code: "ve-sinh",
        name: "Vệ sinh công cộng",
        description: "Nhà vệ sinh công cộng bẩn, hỏng.",
        agency: "SO_MOI",
    };
    admin::create_category(db, &admin, &category).await.unwrap();
    let default_of = |db: Db| async move {
        let mut conn = db.pool().acquire().await.unwrap();
        store::catalog::list_categories(&mut conn)
            .await
            .unwrap()
            .into_iter()
            .find(|c| c.code == "ve-sinh")
            .unwrap()
            .default_agency_id
    };
    assert_eq!(default_of(db.clone()).await, Some(id));
    field(
        admin::create_category(
            db,
            &admin,
            &CategoryInput {
                code: "giao-thong",
                ..category
            },
        )
        .await,
        "code",
    );
    field(
        admin::create_category(
            db,
            &admin,
            &CategoryInput {
                code: "khac",
                ..category
            },
        )
        .await,
        "code",
    );
    field(
        admin::create_category(
            db,
            &admin,
            &CategoryInput {
                code: "moi",
                agency: "KHONG_CO",
                ..category
            },
        )
        .await,
        "agency",
    );

    // Still the default agency of a category, then still someone's agency.
    let refused = admin::set_agency_active(db, &admin, "SO_MOI", false).await;
    assert!(field(refused, "active").contains("lĩnh vực"));
    admin::update_category(db, &admin, &CategoryInput { agency: "", ..category })
        .await
        .unwrap();
    assert_eq!(default_of(db.clone()).await, None);
    let officer = admin::create_staff(
        db,
        &admin,
        &account("canbo.somoi", "canbo@somoi.vn", "SO_MOI"),
        MONDAY_MORNING,
    )
    .await
    .unwrap();
    let refused = admin::set_agency_active(db, &admin, "SO_MOI", false).await;
    assert!(field(refused, "active").contains("tài khoản"));
    admin::set_staff_active(db, &admin, officer, false).await.unwrap();

    // Still handling a complaint.
    let coordinator = staff(db, "dieuphoi").await;
    let complaint = received(db, "Phản ánh cho cơ quan mới", MONDAY_MORNING).await;
    let (_, v) = version(db, complaint).await;
    workflow::assign(db, &coordinator, complaint, v, "SO_MOI", "", MONDAY_MORNING + 60)
        .await
        .unwrap();
    let refused = admin::set_agency_active(db, &admin, "SO_MOI", false).await;
    assert!(field(refused, "active").contains("phản ánh"));
    let (_, v) = version(db, complaint).await;
    workflow::assign(db, &coordinator, complaint, v, "SXD", "", MONDAY_MORNING + 120)
        .await
        .unwrap();

    // Now nothing depends on it: it stops receiving complaints and staff.
    admin::set_agency_active(db, &admin, "SO_MOI", false).await.unwrap();
    {
        let mut conn = db.pool().acquire().await.unwrap();
        let active = store::catalog::list_agencies(&mut conn).await.unwrap();
        assert!(active.iter().all(|a| a.code != "SO_MOI"));
    }
    let another = received(db, "Phản ánh khác", MONDAY_MORNING).await;
    let (_, v) = version(db, another).await;
    let assign = workflow::assign(db, &coordinator, another, v, "SO_MOI", "", MONDAY_MORNING + 60).await;
    field(assign, "agency");
    let hire = admin::create_staff(
        db,
        &admin,
        &account("canbo.hai", "hai@somoi.vn", "SO_MOI"),
        MONDAY_MORNING,
    )
    .await;
    field(hire, "agency");
    let back = admin::set_staff_active(db, &admin, officer, true).await;
    assert!(field(back, "active").contains("ngừng hoạt động"));
    admin::set_agency_active(db, &admin, "SO_MOI", true).await.unwrap();
    admin::set_staff_active(db, &admin, officer, true).await.unwrap();
    assert!(admin::overview(db, &admin).await.unwrap().agency(id).unwrap().active);

    // Communes and wards.
    let commune = CommuneInput {
        code: "xa-hoa-binh",
        name: "Xã Hòa Bình",
        kind: "xa",
    };
    admin::create_commune(db, &admin, &commune).await.unwrap();
    field(admin::create_commune(db, &admin, &commune).await, "code");
    field(
        admin::create_commune(
            db,
            &admin,
            &CommuneInput {
                code: "xa-khac",
                kind: "huyen",
                ..commune
            },
        )
        .await,
        "kind",
    );
    admin::update_commune(
        db,
        &admin,
        &CommuneInput {
            name: "Phường Hòa Bình",
            kind: "phuong",
            ..commune
        },
    )
    .await
    .unwrap();
    let view = admin::overview(db, &admin).await.unwrap();
    let found = view.communes.iter().find(|c| c.code == "xa-hoa-binh").unwrap();
    assert_eq!(found.name, "Phường Hòa Bình");
    assert_eq!(found.kind.as_str(), "phuong");

    // Only an administrator.
    assert_eq!(
        admin::create_agency(db, &coordinator, &AgencyInput { code: "SO_3", ..agency }).await,
        Err(AppError::Forbidden)
    );
});

on_both_databases!(the_admin_pages_render_for_admins_only, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let server = start(&t).await;
    let password = phanhoi::server::seed::DEMO_PASSWORD;
    let (status, admin) = sign_in(&server, "admin", password).await;
    assert_eq!(status, 200);
    let page = |client: reqwest::Client, path: &'static str| {
        let url = format!("{}{path}", server.base);
        async move {
            let response = client.get(url).send().await.unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let pages = [
        ("/quan-tri", "Lưu thời hạn", "Quốc khánh"),
        ("/quan-tri/co-quan", "Sở Xây dựng", "/api/admin/agency/deactivate"),
        (
            "/quan-tri/linh-vuc",
            "Giao thông – đường sá",
            "/api/admin/category/save",
        ),
        ("/quan-tri/xa-phuong", "Phường Hạc Thành", "/api/admin/commune/create"),
        (
            "/quan-tri/tai-khoan",
            "dieuphoi@demo.phanhoi.vn",
            "Đây là tài khoản của bạn.",
        ),
    ];
    for (path, one, two) in pages {
        let (status, body) = page(admin.clone(), path).await;
        assert_eq!(status, 200, "{path}");
        assert!(body.contains(one) && body.contains(two), "{path}: {one} / {two}");
        assert!(
            body.contains(r#"href="/quan-tri""#),
            "{path}: the staff bar links to the administration"
        );
        assert!(!body.contains("argon2"), "{path}");
    }
    let (_, body) = page(admin.clone(), "/quan-tri").await;
    assert!(body.contains("chỉ áp dụng cho phản ánh được tiếp nhận sau khi lưu"));
    assert!(!body.contains("Đã lưu thay đổi."));
    let (_, body) = page(admin, "/quan-tri/co-quan?da-luu=1").await;
    assert!(body.contains("Đã lưu thay đổi."));

    let (_, coordinator) = sign_in(&server, "dieuphoi", password).await;
    assert_eq!(page(coordinator, "/quan-tri/tai-khoan").await.0, 403);
    let anonymous = reqwest::Client::new();
    let (status, body) = page(anonymous, "/quan-tri").await;
    assert_eq!(status, 401);
    assert!(body.contains("Cần đăng nhập"));
});
