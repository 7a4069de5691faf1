//! What the staff and administration server functions share: the
//! signed-in staff member, the HTTP status of a failure, and
//! [`staff_action!`] for the functions that only act.

#[cfg(feature = "ssr")]
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::server::auth::AuthSession;

/// Sets the response status from the error, so plain HTTP clients see it.
#[cfg(feature = "ssr")]
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(
                axum::http::StatusCode::from_u16(err.status_code())
                    .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR),
            );
        }
    }
    result
}

#[cfg(feature = "ssr")]
pub async fn session() -> Result<AuthSession, AppError> {
    leptos_axum::extract::<AuthSession>().await.map_err(|_| {
        tracing::error!("the auth layer is missing");
        AppError::Internal
    })
}

/// The signed-in staff member, or 401.
#[cfg(feature = "ssr")]
pub async fn me() -> Result<crate::domain::StaffUser, AppError> {
    crate::server::auth::signed_in(&session().await?)
}

#[cfg(feature = "ssr")]
pub fn now() -> i64 {
    crate::server::store::now()
}

/// A server function at `endpoint` that answers nothing but success: it
/// finds the signed-in staff member (`me`, or 401) and the state, then
/// awaits `body`, whose service checks the role (403) and the input (422).
macro_rules! staff_action {
    ($(#[$doc:meta])* $endpoint:literal, $name:ident ( $($arg:ident : $ty:ty),* ) => |$state:ident, $me:ident| $body:expr) => {
        $(#[$doc])*
        #[server(endpoint = $endpoint)]
        pub async fn $name($($arg: $ty),*) -> Result<(), AppError> {
            $crate::api::support::respond(
                async {
                    let $state = $crate::server::state::app_state()?;
                    let $me = $crate::api::support::me().await?;
                    $body.await
                }
                .await,
            )
        }
    };
}

pub(crate) use staff_action;
