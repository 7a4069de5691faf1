//! The wizard's form posts: plain HTML forms (multipart, for photos) that
//! work without JavaScript. Each post saves the step into the draft named by
//! the citizen's cookie and redirects (303) to the page to show next.

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

use super::is_https;
use crate::domain::attachment::MAX_BYTES;
use crate::domain::submission::{Step, MAX_ATTACHMENTS};
use crate::error::AppError;
use crate::server::services::rate_limit::Client;
use crate::server::services::wizard::{self, Nav, Next, StepForm, Upload};
use crate::server::store::now;
use crate::server::AppState;

/// The cookie holding the draft's token.
pub const DRAFT_COOKIE: &str = "phanhoi_ban_nhap";
/// Where the wizard lives.
pub const WIZARD_PATH: &str = "/gui-phan-anh";
/// The largest form post: every photo at its largest, plus the text.
pub const BODY_LIMIT: usize = MAX_ATTACHMENTS * MAX_BYTES + 1024 * 1024;

/// The draft token in `headers`' cookies, if well-formed.
pub fn draft_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == DRAFT_COOKIE)
        .map(|(_, value)| value.to_owned())
        .filter(|token| wizard::is_token(token))
}

fn cookie(token: &str, secure: bool, max_age: i64) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{DRAFT_COOKIE}={token}; Path={WIZARD_PATH}; Max-Age={max_age}; HttpOnly; SameSite=Lax{secure}"
    ))
    .expect("cookie is ASCII")
}

fn see_other(location: &str) -> Response {
    Redirect::to(location).into_response()
}

fn step_location(step: Step) -> String {
    format!("{WIZARD_PATH}?buoc={}", step.number())
}

/// `POST /gui-phan-anh/buoc/{n}`.
pub async fn post_step(
    State(state): State<AppState>,
    Extension(client): Extension<Client>,
    Path(number): Path<usize>,
    headers: HeaderMap,
    multipart: Multipart,
) -> Response {
    let Some(step) = Step::from_number(number) else {
        return see_other(WIZARD_PATH);
    };
    let (token, new_cookie) = match draft_token(&headers) {
        Some(token) => (token, false),
        None => (wizard::random_token(), true),
    };
    let form = match read_form(step, multipart).await {
        Ok(form) => form,
        Err(message) => {
            tracing::info!(%message, "unreadable wizard form");
            return (
                StatusCode::BAD_REQUEST,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "Không đọc được biểu mẫu (có thể tệp quá lớn hoặc kết nối bị gián đoạn). Vui lòng quay lại và thử lại.",
            )
                .into_response();
        }
    };
    let at = now();
    let result = if form.nav == Nav::Submit && step == Step::Review {
        wizard::submit(
            &state.db,
            &state.router,
            state.config.routing_auto_assign,
            &state.config.limits,
            &client,
            &token,
            at,
        )
        .await
    } else {
        wizard::save_step(&state.db, &state.config.upload_dir, &token, form, at).await
    };
    let location = match result {
        Ok(Next::Step(step)) => step_location(step),
        Ok(Next::Filed) => format!("{WIZARD_PATH}/da-gui"),
        Err(err) => return error_page(&err),
    };
    let mut response = see_other(&location);
    if new_cookie {
        let secure = is_https(&state, &headers);
        response
            .headers_mut()
            .insert(header::SET_COOKIE, cookie(&token, secure, 30 * 24 * 3600));
    }
    response
}

/// `POST /gui-phan-anh/moi`: forgets the filed draft, for a new complaint.
pub async fn post_new(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let mut response = see_other(WIZARD_PATH);
    let secure = is_https(&state, &headers);
    response.headers_mut().insert(header::SET_COOKIE, cookie("", secure, 0));
    response
}

/// A plain page for a failure the form cannot show (the database is down).
fn error_page(err: &AppError) -> Response {
    let status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = format!(
        "<!DOCTYPE html><html lang=\"vi\"><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Chưa gửi được</title><link rel=\"stylesheet\" href=\"/pkg/phanhoi.css\">\
         <main class=\"container\"><section class=\"card\"><h1>Chưa lưu được</h1><p>{err}</p>\
         <p>Những gì bạn đã nhập ở các bước trước vẫn được giữ.</p>\
         <p><a class=\"btn\" href=\"{WIZARD_PATH}\">Quay lại biểu mẫu</a></p></section></main></html>"
    );
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// Reads the posted fields and files.
async fn read_form(step: Step, mut multipart: Multipart) -> Result<StepForm, String> {
    let mut values = Vec::new();
    let mut files = Vec::new();
    let mut nav = Nav::Next;
    while let Some(field) = multipart.next_field().await.map_err(|e| e.to_string())? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_some() || name == "tep" {
            let file_name = field.file_name().unwrap_or_default().to_owned();
            let bytes = field.bytes().await.map_err(|e| e.to_string())?;
            if !bytes.is_empty() {
                files.push(Upload {
                    name: file_name,
                    bytes: bytes.to_vec(),
                });
            }
            continue;
        }
        let value = field.text().await.map_err(|e| e.to_string())?;
        if name == "di" {
            nav = Nav::parse(&value);
        } else if values.len() < 64 {
            // Windows and old phones send \r\n: store one kind of line end.
            values.push((name, value.replace("\r\n", "\n")));
        }
    }
    Ok(StepForm {
        step,
        values,
        files,
        nav,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_draft_cookie_is_found_among_others() {
        let token = wizard::random_token();
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_str(&format!("a=1; {DRAFT_COOKIE}={token}; b=2")).unwrap(),
        );
        assert_eq!(draft_token(&headers), Some(token));
        headers.insert(header::COOKIE, HeaderValue::from_static("phanhoi_ban_nhap=../../etc"));
        assert_eq!(draft_token(&headers), None);
    }

    #[test]
    fn the_cookie_is_http_only_and_same_site() {
        let value = cookie("abc", true, 60);
        let text = value.to_str().unwrap();
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Lax"));
        assert!(text.ends_with("; Secure"));
        assert!(!cookie("abc", false, 60).to_str().unwrap().contains("Secure"));
    }
}
