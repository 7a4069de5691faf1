//! Files over HTTP: an officer's upload to the answer being drafted (a
//! plain multipart form, so it works without JavaScript) and reading a
//! stored file with the permission rules of `services::files`.

use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::domain::attachment::MAX_BYTES;
use crate::error::AppError;
use crate::server::auth::{signed_in, AuthSession};
use crate::server::services::files::{self, Reader, Upload, MAX_ANSWER_FILES};
use crate::server::{store, AppState};

/// Largest upload request: every answer file at its largest, plus the form.
pub const BODY_LIMIT: usize = MAX_ANSWER_FILES * MAX_BYTES + 64 * 1024;

/// The case page, back at the answer's files, with a message to show.
pub fn case_location(id: i64, error: Option<&str>) -> String {
    match error {
        None => format!("/can-bo/phan-anh/{id}?tep=da-them#tep-tra-loi"),
        Some(message) => format!(
            "/can-bo/phan-anh/{id}?loi-tep={}#tep-tra-loi",
            url::form_urlencoded::byte_serialize(message.as_bytes()).collect::<String>()
        ),
    }
}

/// `POST /can-bo/phan-anh/{id}/tep`: attaches the posted files to the
/// answer being drafted, then goes back to the case page.
pub async fn post_answer_files(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<i64>,
    multipart: Multipart,
) -> Response {
    let me = match signed_in(&auth) {
        Ok(me) => me,
        Err(_) => return Redirect::to("/dang-nhap").into_response(),
    };
    let uploads = match read_files(multipart).await {
        Ok(uploads) => uploads,
        Err(_) => {
            return Redirect::to(&case_location(id, Some("Tải tệp lên bị gián đoạn. Vui lòng thử lại.")))
                .into_response()
        }
    };
    let outcome = files::attach_to_answer(&state.db, &state.config.upload_dir, &me, id, uploads, store::now()).await;
    match outcome {
        Ok(refusals) if refusals.is_empty() => Redirect::to(&case_location(id, None)).into_response(),
        Ok(refusals) => Redirect::to(&case_location(id, Some(&refusals.join(" ")))).into_response(),
        Err(AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(AppError::Forbidden) => StatusCode::FORBIDDEN.into_response(),
        Err(err) => Redirect::to(&case_location(id, Some(&err.to_string()))).into_response(),
    }
}

async fn read_files(mut multipart: Multipart) -> Result<Vec<Upload>, axum::extract::multipart::MultipartError> {
    let mut uploads = Vec::new();
    while let Some(field) = multipart.next_field().await? {
        if field.name() != Some(files::ANSWER_FILES_FIELD) {
            continue;
        }
        let name = field.file_name().unwrap_or_default().to_owned();
        let bytes = field.bytes().await?;
        if !bytes.is_empty() && uploads.len() <= MAX_ANSWER_FILES {
            uploads.push(Upload {
                name,
                bytes: bytes.to_vec(),
            });
        }
    }
    Ok(uploads)
}

#[derive(Deserialize, Default)]
pub struct FileQuery {
    ma: Option<String>,
    so: Option<String>,
}

/// `GET /tep/{id}`: a stored file, for whoever may read it; 404 otherwise.
pub async fn get_file(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(id): Path<i64>,
    Query(query): Query<FileQuery>,
) -> Response {
    let me = signed_in(&auth).ok();
    let reader = Reader {
        staff: me.as_ref(),
        code: query.ma.as_deref(),
        factor: query.so.as_deref(),
    };
    let limits = &state.config.limits;
    match files::read(&state.db, limits, &state.config.upload_dir, reader, id, store::now()).await {
        Ok((file, bytes)) => {
            let disposition = format!(
                "{}; filename=\"{}\"; filename*=UTF-8''{}",
                if file.is_image() || file.content_type == "application/pdf" {
                    "inline"
                } else {
                    "attachment"
                },
                ascii_name(&file.file_name),
                percent_encode(&file.file_name)
            );
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&file.content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=3600"));
            headers.insert(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static("default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"),
            );
            response
        }
        Err(AppError::NotFound) => (StatusCode::NOT_FOUND, "Không tìm thấy tệp.").into_response(),
        Err(err) => {
            let status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, err.to_string()).into_response()
        }
    }
}

/// The file name with what a header cannot carry replaced.
fn ascii_name(name: &str) -> String {
    let folded = crate::domain::text::fold(name);
    folded
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// RFC 5987 encoding for `filename*`: every byte but the unreserved ones.
fn percent_encode(name: &str) -> String {
    name.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_file_names_are_plain_ascii() {
        assert_eq!(ascii_name("Kết quả \"xử lý\".pdf"), "ket qua _xu ly_.pdf");
        assert_eq!(percent_encode("ả b.pdf"), "%E1%BA%A3%20b.pdf");
        assert_eq!(case_location(7, None), "/can-bo/phan-anh/7?tep=da-them#tep-tra-loi");
        assert!(case_location(7, Some("Tệp “a” lỗi")).starts_with("/can-bo/phan-anh/7?loi-tep=T%E1%BB%87p"));
    }
}
