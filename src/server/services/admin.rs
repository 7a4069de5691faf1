//! The administrator's operations: agencies, categories, communes and
//! wards, staff accounts and roles, the deadline policy and the holidays.
//! Each checks [`Duty::Administer`], validates what was typed (a Vietnamese
//! message per field) and writes in one transaction. Agencies and accounts
//! are deactivated, never deleted: complaints and their history refer to
//! them. Codes are fixed once created: other tools and old links use them.

use crate::domain::admin::{self, AdminView, PolicyInput, StaffAccount};
use crate::domain::staff::check_new_password;
use crate::domain::submission::OTHER_CATEGORY;
use crate::domain::{Duty, Role, StaffUser};
use crate::error::AppError;
use crate::server::db::WriteTx;
use crate::server::services::workflow::check_duty;
use crate::server::store::{
    self,
    staff::{NewStaff, StaffChange},
    Conn,
};
use crate::server::Db;

/// Checks the duty, then opens the write transaction.
async fn begin(db: &Db, actor: &StaffUser) -> Result<WriteTx, AppError> {
    check_duty(actor, Duty::Administer)?;
    Ok(db.begin_write().await?)
}

/// A unique constraint that a concurrent write won: the same message as
/// the check made before writing.
fn taken(field: &'static str, message: &'static str) -> impl Fn(sqlx::Error) -> AppError {
    move |err| match &err {
        sqlx::Error::Database(db_err) if db_err.is_unique_violation() => AppError::validation(field, message),
        _ => err.into(),
    }
}

/// Everything the administration pages show.
pub async fn overview(db: &Db, actor: &StaffUser) -> Result<AdminView, AppError> {
    check_duty(actor, Duty::Administer)?;
    let mut conn = db.pool().acquire().await?;
    let staff = store::staff::list_staff(&mut conn)
        .await?
        .into_iter()
        .map(|s| StaffAccount {
            user: s.user,
            active: s.active,
        })
        .collect();
    Ok(AdminView {
        me: actor.clone(),
        agencies: store::catalog::list_all_agencies(&mut conn).await?,
        categories: store::catalog::list_categories(&mut conn).await?,
        communes: store::catalog::list_communes(&mut conn).await?,
        staff,
        policy: store::settings::deadline_policy(&mut conn).await?,
        holidays: store::settings::list_holidays_with_names(&mut conn).await?,
    })
}

/// An agency as the form sends it.
#[derive(Debug, Clone, Copy)]
pub struct AgencyInput<'a> {
    pub code: &'a str,
    pub name: &'a str,
    /// An [`crate::domain::AgencyKind`] name, e.g. `department`.
    pub kind: &'a str,
    /// What it is competent for, in plain words (the routing model learns it).
    pub handles: &'a str,
}

const AGENCY_TAKEN: &str = "Mã cơ quan này đã có. Vui lòng chọn mã khác.";

/// Cơ quan, đơn vị: adds one; returns its id.
pub async fn create_agency(db: &Db, actor: &StaffUser, input: &AgencyInput<'_>) -> Result<i64, AppError> {
    check_duty(actor, Duty::Administer)?;
    let code = admin::agency_code(input.code)?;
    let name = admin::name(input.name, "name", "tên cơ quan")?;
    let kind = admin::agency_kind(input.kind)?;
    let handles = admin::description(input.handles, "handles")?;
    let mut tx = begin(db, actor).await?;
    if store::catalog::find_agency(&mut tx, &code).await?.is_some() {
        return Err(AppError::validation("code", AGENCY_TAKEN));
    }
    let id = store::catalog::insert_agency(&mut tx, &code, &name, kind, &handles)
        .await
        .map_err(taken("code", AGENCY_TAKEN))?;
    tx.commit().await?;
    Ok(id)
}

/// Changes the name, kind and competences of the agency with `input.code`.
pub async fn update_agency(db: &Db, actor: &StaffUser, input: &AgencyInput<'_>) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let name = admin::name(input.name, "name", "tên cơ quan")?;
    let kind = admin::agency_kind(input.kind)?;
    let handles = admin::description(input.handles, "handles")?;
    let mut tx = begin(db, actor).await?;
    let agency = store::catalog::find_agency(&mut tx, input.code.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    store::catalog::update_agency(&mut tx, agency.agency.id, &name, kind, &handles).await?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates (no more complaints, staff or default categories) or
/// reactivates the agency with `code`. An agency is deactivated only once
/// nothing depends on it any more, so no complaint or account is stranded.
pub async fn set_agency_active(db: &Db, actor: &StaffUser, code: &str, active: bool) -> Result<(), AppError> {
    let mut tx = begin(db, actor).await?;
    let agency = store::catalog::find_agency(&mut tx, code.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    if !active {
        let using = store::catalog::agency_use(&mut tx, agency.agency.id).await?;
        let refusal = if using.active_staff > 0 {
            Some(format!(
                "Cơ quan còn {} tài khoản cán bộ đang hoạt động. Hãy ngừng các tài khoản này hoặc chuyển sang cơ quan khác trước.",
                using.active_staff
            ))
        } else if using.open_complaints > 0 {
            Some(format!(
                "Cơ quan đang có {} phản ánh chưa xử lý xong. Hãy chuyển các phản ánh này sang cơ quan khác trước.",
                using.open_complaints
            ))
        } else if using.default_for > 0 {
            Some(format!(
                "Cơ quan đang là cơ quan mặc định của {} lĩnh vực. Hãy chọn cơ quan mặc định khác cho các lĩnh vực này trước.",
                using.default_for
            ))
        } else {
            None
        };
        if let Some(message) = refusal {
            return Err(AppError::validation("active", message));
        }
    }
    store::catalog::set_agency_active(&mut tx, agency.agency.id, active).await?;
    tx.commit().await?;
    Ok(())
}

/// The id of the active agency with `code`, for the form field `agency`.
async fn active_agency(conn: &mut Conn, code: &str) -> Result<i64, AppError> {
    store::catalog::active_agency_id_by_code(conn, code.trim())
        .await?
        .ok_or_else(|| AppError::validation("agency", "Vui lòng chọn một cơ quan đang hoạt động."))
}

/// A category as the form sends it.
#[derive(Debug, Clone, Copy)]
pub struct CategoryInput<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    /// The default agency's code; empty for none (the coordinator decides).
    pub agency: &'a str,
}

const CATEGORY_TAKEN: &str = "Mã lĩnh vực này đã có. Vui lòng chọn mã khác.";

async fn default_agency(conn: &mut Conn, code: &str) -> Result<Option<i64>, AppError> {
    if code.trim().is_empty() {
        Ok(None)
    } else {
        active_agency(conn, code).await.map(Some)
    }
}

/// Lĩnh vực: adds one, listed last; returns its id.
pub async fn create_category(db: &Db, actor: &StaffUser, input: &CategoryInput<'_>) -> Result<i64, AppError> {
    check_duty(actor, Duty::Administer)?;
    let code = admin::slug_code(input.code)?;
    if code == OTHER_CATEGORY {
        return Err(AppError::validation(
            "code",
            "Mã “khac” dành cho lựa chọn “Khác / không rõ”. Vui lòng chọn mã khác.",
        ));
    }
    let name = admin::name(input.name, "name", "tên lĩnh vực")?;
    let description = admin::description(input.description, "description")?;
    let mut tx = begin(db, actor).await?;
    let agency_id = default_agency(&mut tx, input.agency).await?;
    if store::catalog::category_id_by_code(&mut tx, &code).await?.is_some() {
        return Err(AppError::validation("code", CATEGORY_TAKEN));
    }
    let position = store::catalog::next_category_position(&mut tx).await?;
    let id = store::catalog::insert_category(&mut tx, &code, &name, &description, agency_id, position)
        .await
        .map_err(taken("code", CATEGORY_TAKEN))?;
    tx.commit().await?;
    Ok(id)
}

/// Changes the name, description and default agency of the category with
/// `input.code`.
pub async fn update_category(db: &Db, actor: &StaffUser, input: &CategoryInput<'_>) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let name = admin::name(input.name, "name", "tên lĩnh vực")?;
    let description = admin::description(input.description, "description")?;
    let mut tx = begin(db, actor).await?;
    let id = store::catalog::category_id_by_code(&mut tx, input.code.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    let agency_id = default_agency(&mut tx, input.agency).await?;
    store::catalog::update_category(&mut tx, id, &name, &description, agency_id).await?;
    tx.commit().await?;
    Ok(())
}

/// A commune or ward as the form sends it.
#[derive(Debug, Clone, Copy)]
pub struct CommuneInput<'a> {
    pub code: &'a str,
    /// The full name with its prefix, e.g. "Phường Hàm Rồng".
    pub name: &'a str,
    /// `phuong` or `xa`.
    pub kind: &'a str,
}

const COMMUNE_TAKEN: &str = "Mã xã, phường này đã có. Vui lòng chọn mã khác.";

/// Xã, phường: adds one; returns its id.
pub async fn create_commune(db: &Db, actor: &StaffUser, input: &CommuneInput<'_>) -> Result<i64, AppError> {
    check_duty(actor, Duty::Administer)?;
    let code = admin::slug_code(input.code)?;
    let name = admin::name(input.name, "name", "tên xã, phường")?;
    let kind = admin::commune_kind(input.kind)?;
    let mut tx = begin(db, actor).await?;
    if store::catalog::commune_id_by_code(&mut tx, &code).await?.is_some() {
        return Err(AppError::validation("code", COMMUNE_TAKEN));
    }
    let id = store::catalog::insert_commune(&mut tx, &code, &name, kind)
        .await
        .map_err(taken("code", COMMUNE_TAKEN))?;
    tx.commit().await?;
    Ok(id)
}

/// Changes the name and kind of the commune with `input.code`.
pub async fn update_commune(db: &Db, actor: &StaffUser, input: &CommuneInput<'_>) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let name = admin::name(input.name, "name", "tên xã, phường")?;
    let kind = admin::commune_kind(input.kind)?;
    let mut tx = begin(db, actor).await?;
    let id = store::catalog::commune_id_by_code(&mut tx, input.code.trim())
        .await?
        .ok_or(AppError::NotFound)?;
    store::catalog::update_commune(&mut tx, id, &name, kind).await?;
    tx.commit().await?;
    Ok(())
}

/// A new staff account as the form sends it.
#[derive(Debug, Clone, Copy)]
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub full_name: &'a str,
    /// A [`Role`] name, e.g. `officer`.
    pub role: &'a str,
    /// The agency's code.
    pub agency: &'a str,
    /// The first password, given to the person by the administrator.
    pub password: &'a str,
}

const USERNAME_TAKEN: &str = "Tên đăng nhập này đã được dùng (làm tên đăng nhập hoặc e-mail của tài khoản khác).";
const EMAIL_TAKEN: &str = "E-mail này đã được dùng cho tài khoản khác.";

/// Refuses a user name or e-mail that already signs another account in:
/// either can be typed to sign in, so each must name one account.
async fn check_logins(conn: &mut Conn, username: Option<&str>, email: &str, except_id: i64) -> Result<(), AppError> {
    if let Some(username) = username {
        if store::staff::login_taken(conn, username, except_id).await? {
            return Err(AppError::validation("username", USERNAME_TAKEN));
        }
    }
    if store::staff::login_taken(conn, email, except_id).await? {
        return Err(AppError::validation("email", EMAIL_TAKEN));
    }
    Ok(())
}

fn login_taken(err: sqlx::Error) -> AppError {
    let email = matches!(&err, sqlx::Error::Database(e) if e.message().contains("email"));
    if email {
        taken("email", EMAIL_TAKEN)(err)
    } else {
        taken("username", USERNAME_TAKEN)(err)
    }
}

/// Tài khoản cán bộ: adds one that signs in with `input.password`; returns
/// its id.
pub async fn create_staff(db: &Db, actor: &StaffUser, input: &NewAccount<'_>, now: i64) -> Result<i64, AppError> {
    check_duty(actor, Duty::Administer)?;
    let username = admin::username(input.username)?;
    let email = admin::email(input.email)?;
    let full_name = admin::name(input.full_name, "full_name", "họ và tên")?;
    let role = admin::role(input.role)?;
    check_new_password(input.password, &username).map_err(|message| AppError::validation("password", message))?;
    {
        // Cheap checks first: hashing is slow by design.
        let mut conn = db.pool().acquire().await?;
        active_agency(&mut conn, input.agency).await?;
        check_logins(&mut conn, Some(&username), &email, 0).await?;
    }
    let hash = crate::server::auth::hash_password(input.password.to_owned()).await?;
    let mut tx = begin(db, actor).await?;
    let agency_id = active_agency(&mut tx, input.agency).await?;
    check_logins(&mut tx, Some(&username), &email, 0).await?;
    let staff = NewStaff {
        username: &username,
        email: &email,
        full_name: &full_name,
        password_hash: &hash,
        role,
        agency_id,
    };
    let id = store::staff::insert_staff(&mut tx, &staff, now)
        .await
        .map_err(login_taken)?;
    tx.commit().await?;
    Ok(id)
}

/// What the administrator changes on an account (the user name stays).
#[derive(Debug, Clone, Copy)]
pub struct AccountChange<'a> {
    pub id: i64,
    pub full_name: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub agency: &'a str,
}

/// Changes an account's name, e-mail, role and agency. Administrators
/// cannot take their own role away (someone must stay able to administer).
pub async fn update_staff(db: &Db, actor: &StaffUser, change: &AccountChange<'_>) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let email = admin::email(change.email)?;
    let full_name = admin::name(change.full_name, "full_name", "họ và tên")?;
    let role = admin::role(change.role)?;
    if change.id == actor.id && role != Role::Admin {
        return Err(AppError::validation(
            "role",
            "Bạn không thể tự bỏ vai trò quản trị của chính mình.",
        ));
    }
    let mut tx = begin(db, actor).await?;
    if store::staff::find_by_id(&mut tx, change.id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let agency_id = active_agency(&mut tx, change.agency).await?;
    check_logins(&mut tx, None, &email, change.id).await?;
    let staff = StaffChange {
        full_name: &full_name,
        email: &email,
        role,
        agency_id,
    };
    store::staff::update_staff(&mut tx, change.id, &staff)
        .await
        .map_err(login_taken)?;
    tx.commit().await?;
    Ok(())
}

/// Deactivates (it can no longer sign in; its sessions end) or reactivates
/// the account `id`. Nobody deactivates their own account.
pub async fn set_staff_active(db: &Db, actor: &StaffUser, id: i64, active: bool) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    if id == actor.id && !active {
        return Err(AppError::validation(
            "active",
            "Bạn không thể ngừng tài khoản của chính mình.",
        ));
    }
    let mut tx = begin(db, actor).await?;
    let account = store::staff::find_by_id(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if active {
        let agencies = store::catalog::list_all_agencies(&mut tx).await?;
        let agency_active = agencies
            .iter()
            .any(|a| a.agency.id == account.user.agency_id && a.active);
        if !agency_active {
            return Err(AppError::validation(
                "active",
                "Cơ quan của tài khoản này đã ngừng hoạt động. Hãy chuyển tài khoản sang cơ quan khác trước.",
            ));
        }
    }
    store::staff::set_staff_active(&mut tx, id, active).await?;
    tx.commit().await?;
    Ok(())
}

/// Gives the account `id` a new password (the person forgot theirs): its
/// sessions end and a sign-in lock is lifted. Administrators change their
/// own password on the password page, which asks for the current one.
pub async fn reset_password(db: &Db, actor: &StaffUser, id: i64, password: &str) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    if id == actor.id {
        return Err(AppError::validation(
            "password",
            "Hãy đổi mật khẩu của chính bạn ở trang “Đổi mật khẩu”.",
        ));
    }
    let account = {
        let mut conn = db.pool().acquire().await?;
        store::staff::find_by_id(&mut conn, id)
            .await?
            .ok_or(AppError::NotFound)?
    };
    check_new_password(password, &account.user.username)
        .map_err(|message| AppError::validation("password", message))?;
    let hash = crate::server::auth::hash_password(password.to_owned()).await?;
    let mut tx = begin(db, actor).await?;
    store::staff::set_password_hash(&mut tx, id, &hash).await?;
    for login in [&account.user.username, &account.user.email] {
        store::staff::clear_sign_in_failures(&mut tx, &login.to_lowercase()).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Saves the deadline policy. Complaints already received keep their
/// deadline; the policy applies to those received afterwards.
pub async fn save_policy(db: &Db, actor: &StaffUser, input: &PolicyInput<'_>) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let policy = input.parse()?;
    let mut tx = begin(db, actor).await?;
    store::settings::save_deadline_policy(&mut tx, &policy).await?;
    tx.commit().await?;
    Ok(())
}

/// Adds a day off (`day` is YYYY-MM-DD).
pub async fn add_holiday(db: &Db, actor: &StaffUser, day: &str, name: &str) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let day = admin::holiday_date(day)?;
    let name = admin::name(name, "name", "tên ngày nghỉ")?;
    let mut tx = begin(db, actor).await?;
    if !store::settings::insert_holiday(&mut tx, day, &name).await? {
        return Err(AppError::validation(
            "day",
            format!("Ngày {} đã có trong danh sách ngày nghỉ.", day.format("%d/%m/%Y")),
        ));
    }
    tx.commit().await?;
    Ok(())
}

/// Removes a day off (`day` is YYYY-MM-DD).
pub async fn remove_holiday(db: &Db, actor: &StaffUser, day: &str) -> Result<(), AppError> {
    check_duty(actor, Duty::Administer)?;
    let day = admin::holiday_date(day)?;
    let mut tx = begin(db, actor).await?;
    if !store::settings::delete_holiday(&mut tx, day).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
