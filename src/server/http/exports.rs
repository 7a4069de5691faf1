//! Downloads of the statistics tables, as CSV or XLSX, for the period in
//! the query string (the same parameters as the pages):
//! `/xep-hang.csv|xlsx` (public), `/can-bo/xep-hang.csv|xlsx` (leader,
//! coordinator) and `/can-bo/thong-ke/<table>.csv|xlsx` (coordinator).
//! The staff downloads check the session and role like their pages.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::domain::report::tables::{dashboard_table, ranking_table, staff_table, RANKING, STAFF_RANKING};
use crate::domain::report::Table;
use crate::domain::stats::{Period, PeriodQuery};
use crate::error::AppError;
use crate::server::auth::{signed_in, AuthSession};
use crate::server::export::{download, ExportFormat};
use crate::server::services::stats;
use crate::server::{store, AppState};

/// The staff ranking's parameters: the period and, for the coordinator,
/// an agency (`co-quan`).
#[derive(Debug, Default, Deserialize)]
pub struct StaffQuery {
    #[serde(flatten)]
    period: PeriodQuery,
    #[serde(rename = "co-quan")]
    agency: Option<String>,
}

/// `GET /xep-hang.csv`.
pub async fn ranking_csv(state: State<AppState>, query: Query<PeriodQuery>) -> Response {
    ranking(state, query, ExportFormat::Csv).await
}

/// `GET /xep-hang.xlsx`.
pub async fn ranking_xlsx(state: State<AppState>, query: Query<PeriodQuery>) -> Response {
    ranking(state, query, ExportFormat::Xlsx).await
}

async fn ranking(State(state): State<AppState>, Query(query): Query<PeriodQuery>, format: ExportFormat) -> Response {
    let result = async {
        let now = store::now();
        let period = stats::period_from_query(&query, now)?;
        let ranking = stats::agency_ranking(&state.db, period, now).await?;
        Ok((ranking_table(&ranking), file_stem(RANKING, &period)))
    }
    .await;
    respond(result, format, false)
}

/// `GET /can-bo/xep-hang.csv`.
pub async fn staff_ranking_csv(state: State<AppState>, auth: AuthSession, query: Query<StaffQuery>) -> Response {
    staff_ranking(state, auth, query, ExportFormat::Csv).await
}

/// `GET /can-bo/xep-hang.xlsx`.
pub async fn staff_ranking_xlsx(state: State<AppState>, auth: AuthSession, query: Query<StaffQuery>) -> Response {
    staff_ranking(state, auth, query, ExportFormat::Xlsx).await
}

async fn staff_ranking(
    State(state): State<AppState>,
    auth: AuthSession,
    Query(query): Query<StaffQuery>,
    format: ExportFormat,
) -> Response {
    let result = async {
        let me = signed_in(&auth)?;
        let agency = match query.agency.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
            None => None,
            Some(text) => Some(
                text.parse::<i64>()
                    .map_err(|_| AppError::validation("co-quan", "Cơ quan, đơn vị không hợp lệ."))?,
            ),
        };
        let now = store::now();
        let period = stats::period_from_query(&query.period, now)?;
        let ranking = stats::staff_ranking(&state.db, &me, period, agency, now).await?;
        Ok((staff_table(&ranking), file_stem(STAFF_RANKING, &period)))
    }
    .await;
    respond(result, format, true)
}

/// `GET /can-bo/thong-ke/{table}.csv|xlsx`.
pub async fn dashboard(
    State(state): State<AppState>,
    auth: AuthSession,
    Path(file): Path<String>,
    Query(query): Query<PeriodQuery>,
) -> Response {
    let Some((slug, format)) = file
        .rsplit_once('.')
        .and_then(|(slug, ext)| Some((slug.to_owned(), ExportFormat::parse(ext)?)))
    else {
        return error_response(&AppError::NotFound, true);
    };
    let result = async {
        let me = signed_in(&auth)?;
        let now = store::now();
        let period = stats::period_from_query(&query, now)?;
        let dashboard = stats::dashboard(&state.db, &me, period, now).await?;
        let table = dashboard_table(&dashboard, &slug).ok_or(AppError::NotFound)?;
        Ok((table, file_stem(&format!("thong-ke-{slug}"), &period)))
    }
    .await;
    respond(result, format, true)
}

/// `<name>-<period>`, e.g. `xep-hang-quy-2026-Q3`.
pub fn file_stem(name: &str, period: &Period) -> String {
    let values: Vec<String> = period.to_query().into_iter().map(|(_, v)| v).collect();
    format!("{name}-{}", values.join("-"))
}

fn respond(result: Result<(Table, String), AppError>, format: ExportFormat, private: bool) -> Response {
    let file = result.and_then(|(table, stem)| download(&table, &stem, format));
    match file {
        Ok(file) => {
            let disposition = format!("attachment; filename=\"{}\"", file.file_name);
            let mut response = (
                [
                    (header::CONTENT_TYPE, HeaderValue::from_static(file.content_type)),
                    (
                        header::CONTENT_DISPOSITION,
                        HeaderValue::from_str(&disposition).unwrap_or_else(|_| HeaderValue::from_static("attachment")),
                    ),
                ],
                file.bytes,
            )
                .into_response();
            if private {
                response
                    .headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
            }
            response
        }
        Err(err) => error_response(&err, private),
    }
}

/// The error's status with its Vietnamese message as plain text.
fn error_response(err: &AppError, private: bool) -> Response {
    let status = StatusCode::from_u16(err.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut response = (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        err.to_string(),
    )
        .into_response();
    if private {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_name_the_period() {
        assert_eq!(
            file_stem("xep-hang", &Period::Quarter { year: 2026, quarter: 3 }),
            "xep-hang-quy-2026-Q3"
        );
        let range = Period::Range {
            from: chrono::NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
            to: chrono::NaiveDate::from_ymd_opt(2026, 11, 15).unwrap(),
        };
        assert_eq!(file_stem("x", &range), "x-khoang-2026-10-01-2026-11-15");
    }
}
