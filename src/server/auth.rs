//! Staff sign-in: who is signed in, with which role and agency. Sessions are
//! tower-sessions records in the database ([`store`]); axum-login checks the
//! password and keeps the user in the session, and a password change signs
//! out every other session of that user. Failed attempts slow down, then
//! lock the account for a while, counted in the database so every app
//! server shares them.

pub mod store;

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum_login::{AuthManagerLayer, AuthManagerLayerBuilder, AuthUser, AuthnBackend, UserId};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::domain::staff::{check_new_password, sign_in_delay_ms, LOCK_AFTER, LOCK_SECONDS};
use crate::domain::StaffUser;
use crate::error::AppError;
use crate::server::store as db_store;
use crate::server::Db;
use store::DbSessionStore;

/// The staff session cookie.
pub const SESSION_COOKIE: &str = "phanhoi_can_bo";
/// A session ends after this long without a request.
pub const IDLE_HOURS: i64 = 8;

/// A signed-in staff member, as kept in the session.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user: StaffUser,
    password_hash: String,
}

impl AuthUser for SignedIn {
    type Id = i64;

    fn id(&self) -> i64 {
        self.user.id
    }

    /// Sessions remember this; a changed password ends the other sessions.
    fn session_auth_hash(&self) -> &[u8] {
        self.password_hash.as_bytes()
    }
}

/// What a person types to sign in.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub login: String,
    pub password: String,
}

/// Checks credentials against `staff_users`.
#[derive(Clone, Debug)]
pub struct StaffBackend {
    db: Db,
}

impl StaffBackend {
    pub fn new(db: Db) -> Self {
        Self { db }
    }
}

impl AuthnBackend for StaffBackend {
    type User = SignedIn;
    type Credentials = Credentials;
    type Error = AppError;

    async fn authenticate(&self, creds: Credentials) -> Result<Option<SignedIn>, AppError> {
        let mut conn = self.db.pool().acquire().await?;
        let Some(found) = db_store::staff::find_by_login(&mut conn, &creds.login).await? else {
            // Spend the same time as a real check, so names cannot be probed.
            let _ = verify_password(creds.password, DUMMY_HASH.to_owned()).await;
            return Ok(None);
        };
        drop(conn);
        if !found.active {
            return Ok(None);
        }
        let ok = verify_password(creds.password, found.password_hash.clone()).await?;
        Ok(ok.then_some(SignedIn {
            user: found.user,
            password_hash: found.password_hash,
        }))
    }

    async fn get_user(&self, id: &UserId<Self>) -> Result<Option<SignedIn>, AppError> {
        let mut conn = self.db.pool().acquire().await?;
        let found = db_store::staff::find_by_id(&mut conn, *id).await?;
        Ok(found.filter(|f| f.active).map(|f| SignedIn {
            user: f.user,
            password_hash: f.password_hash,
        }))
    }
}

/// The session of the current request.
pub type AuthSession = axum_login::AuthSession<StaffBackend>;

/// The layer that gives every request its [`AuthSession`].
pub fn layer(db: &Db) -> AuthManagerLayer<StaffBackend, DbSessionStore> {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        // Marked Secure per request behind HTTPS (see http::secure_cookies).
        .with_secure(false)
        .with_expiry(Expiry::OnInactivity(time::Duration::hours(IDLE_HOURS)));
    AuthManagerLayerBuilder::new(StaffBackend::new(db.clone()), sessions).build()
}

/// A valid argon2id hash of a random password, checked when the account
/// does not exist.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ";

/// Hashes a password with argon2id (off the async threads: it is slow by design).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|err| {
                tracing::error!(error = %err, "password hashing failed");
                AppError::Internal
            })
    })
    .await
    .map_err(|_| AppError::Internal)?
}

async fn verify_password(password: String, hash: String) -> Result<bool, AppError> {
    tokio::task::spawn_blocking(move || {
        let parsed = PasswordHash::new(&hash).map_err(|err| {
            tracing::error!(error = %err, "stored password hash is malformed");
            AppError::Internal
        })?;
        Ok(Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
    })
    .await
    .map_err(|_| AppError::Internal)?
}

/// Signs in: waits after repeated failures, refuses while locked, and on
/// success starts a fresh session (a new id, against session fixation).
pub async fn sign_in(auth: &mut AuthSession, db: &Db, creds: Credentials, now: i64) -> Result<StaffUser, AppError> {
    let login = creds.login.trim().to_lowercase();
    if login.is_empty() {
        return Err(AppError::validation(
            "login",
            "Vui lòng nhập tên đăng nhập hoặc e-mail.",
        ));
    }
    if creds.password.is_empty() {
        return Err(AppError::validation("password", "Vui lòng nhập mật khẩu."));
    }
    let (failures, locked_until) = {
        let mut conn = db.pool().acquire().await?;
        db_store::staff::sign_in_failures(&mut conn, &login).await?
    };
    if let Some(until) = locked_until.filter(|&until| until > now) {
        let minutes = (until - now + 59) / 60;
        return Err(AppError::validation(
            "password",
            format!("Tài khoản tạm khóa do nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút."),
        ));
    }
    let delay = sign_in_delay_ms(failures);
    if delay > 0 {
        tokio::time::sleep(std::time::Duration::from_millis(delay)).await;
    }
    let user = auth.authenticate(creds).await.map_err(auth_error)?;
    let mut conn = db.pool().acquire().await?;
    let Some(user) = user else {
        let failures = failures + 1;
        let lock = (failures >= LOCK_AFTER).then_some(now + LOCK_SECONDS);
        db_store::staff::record_sign_in_failure(&mut conn, &login, now, lock).await?;
        let message = if lock.is_some() {
            format!(
                "Sai tên đăng nhập hoặc mật khẩu. Tài khoản tạm khóa {} phút do nhập sai nhiều lần.",
                LOCK_SECONDS / 60
            )
        } else {
            "Sai tên đăng nhập hoặc mật khẩu.".to_owned()
        };
        return Err(AppError::validation("password", message));
    };
    db_store::staff::clear_sign_in_failures(&mut conn, &login).await?;
    drop(conn);
    auth.login(&user).await.map_err(auth_error)?;
    Ok(user.user)
}

/// Signs out: the session is deleted from the database.
pub async fn sign_out(auth: &mut AuthSession) -> Result<(), AppError> {
    auth.logout().await.map_err(auth_error)?;
    Ok(())
}

/// Changes the signed-in user's password. Other sessions of that user end;
/// this one continues.
pub async fn change_password(
    auth: &mut AuthSession,
    db: &Db,
    current: String,
    new: String,
    confirm: String,
) -> Result<(), AppError> {
    let user = signed_in(auth)?;
    if let Err(message) = check_new_password(&new, &user.username) {
        return Err(AppError::validation("new_password", message));
    }
    if new != confirm {
        return Err(AppError::validation("confirm", "Mật khẩu nhập lại không khớp."));
    }
    let check = Credentials {
        login: user.username.clone(),
        password: current,
    };
    if auth.backend.authenticate(check).await?.is_none() {
        return Err(AppError::validation(
            "current_password",
            "Mật khẩu hiện tại không đúng.",
        ));
    }
    let hash = hash_password(new).await?;
    let mut conn = db.pool().acquire().await?;
    db_store::staff::set_password_hash(&mut conn, user.id, &hash).await?;
    drop(conn);
    let renewed = SignedIn {
        user,
        password_hash: hash,
    };
    auth.login(&renewed).await.map_err(auth_error)?;
    Ok(())
}

fn auth_error(err: axum_login::Error<StaffBackend>) -> AppError {
    match err {
        axum_login::Error::Backend(err) => err,
        axum_login::Error::Session(err) => {
            tracing::error!(error = %err, "session store failed");
            AppError::Unavailable
        }
    }
}

/// The signed-in staff member, or 401.
pub fn signed_in(auth: &AuthSession) -> Result<StaffUser, AppError> {
    auth.user
        .as_ref()
        .map(|u| u.user.clone())
        .ok_or(AppError::Unauthenticated)
}
