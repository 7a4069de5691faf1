//! The one error type of the application. Server functions return it, so it
//! crosses the network: its messages are Vietnamese and never carry
//! internals. Database and other internal failures are logged on the server
//! with their details and reach the client as a plain [`AppError::Internal`].

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// 422: the input of one field is wrong; shown next to that field.
    #[error("{message}")]
    Validation { field: String, message: String },
    /// 404.
    #[error("Không tìm thấy nội dung yêu cầu.")]
    NotFound,
    /// 401: staff must sign in.
    #[error("Vui lòng đăng nhập để tiếp tục.")]
    Unauthenticated,
    /// 403: signed in, but the role or agency does not allow it.
    #[error("Bạn không có quyền thực hiện thao tác này.")]
    Forbidden,
    /// 409: someone else changed the complaint meanwhile.
    #[error("Phản ánh đã được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi.")]
    Conflict,
    /// 429.
    #[error("Bạn thao tác quá nhanh. Vui lòng thử lại sau ít phút.")]
    RateLimited,
    /// 503: the database or another dependency is unavailable.
    #[error("Hệ thống đang bận hoặc bảo trì. Vui lòng thử lại sau.")]
    Unavailable,
    /// 500: details are in the server log only.
    #[error("Đã có lỗi xảy ra. Vui lòng thử lại sau.")]
    Internal,
}

impl AppError {
    pub fn validation(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self::Validation {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status_code(&self) -> u16 {
        match self {
            Self::Validation { .. } => 422,
            Self::NotFound => 404,
            Self::Unauthenticated => 401,
            Self::Forbidden => 403,
            Self::Conflict => 409,
            Self::RateLimited => 429,
            Self::Unavailable => 503,
            Self::Internal => 500,
        }
    }

    /// The message for `field`, when this is a validation error about it.
    pub fn field_message(&self, field: &str) -> Option<&str> {
        match self {
            Self::Validation { field: f, message } if f == field => Some(message),
            _ => None,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    /// Transport and decoding failures: the client could not reach the server
    /// or read its answer. The details go to the browser console only.
    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        leptos::logging::warn!("server function failed: {value}");
        match value {
            ServerFnErrorErr::Request(_) => Self::Unavailable,
            _ => Self::Internal,
        }
    }
}

/// A staff action that the complaint's status no longer allows almost always
/// means someone else moved it first.
impl From<crate::domain::TransitionError> for AppError {
    fn from(_: crate::domain::TransitionError) -> Self {
        Self::Conflict
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed => {
                tracing::error!(error = %err, "database unavailable");
                Self::Unavailable
            }
            _ => {
                tracing::error!(error = %err, "database error");
                Self::Internal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_vietnamese_and_statuses_match() {
        assert_eq!(
            AppError::Conflict.to_string(),
            "Phản ánh đã được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi."
        );
        assert_eq!(AppError::Conflict.status_code(), 409);
        let err = AppError::validation("phone", "Số điện thoại không hợp lệ.");
        assert_eq!(err.status_code(), 422);
        assert_eq!(err.field_message("phone"), Some("Số điện thoại không hợp lệ."));
        assert_eq!(err.field_message("email"), None);
    }
}
