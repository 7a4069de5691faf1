//! The HTTP side: the axum router (pages, server functions, static files,
//! `/health`, the routing API for other programs), compression, request tracing, and serving with graceful
//! shutdown.

pub mod exports;
pub mod files;
pub mod wizard;

use axum::extract::{ConnectInfo, DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::compression::CompressionLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

use super::services::rate_limit::Client;
use super::services::routing::{parse_limit, SuggestRequest};
use super::AppState;
use crate::app::{shell, App};

/// The whole application as an axum router.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let site_info = state.site_info();
    let context = move || provide_context(site_info.clone());
    Router::new()
        .route("/health", get(health))
        .route(
            "/api/v1/routing/suggest",
            get(routing_suggest_get).post(routing_suggest_post),
        )
        .route(
            "/gui-phan-anh/buoc/{step}",
            post(wizard::post_step).layer(DefaultBodyLimit::max(wizard::BODY_LIMIT)),
        )
        .route("/gui-phan-anh/moi", post(wizard::post_new))
        .route(
            "/can-bo/phan-anh/{id}/tep",
            post(files::post_answer_files).layer(DefaultBodyLimit::max(files::BODY_LIMIT)),
        )
        .route("/tep/{id}", get(files::get_file))
        .route("/xep-hang.csv", get(exports::ranking_csv))
        .route("/xep-hang.xlsx", get(exports::ranking_xlsx))
        .route("/can-bo/xep-hang.csv", get(exports::staff_ranking_csv))
        .route("/can-bo/xep-hang.xlsx", get(exports::staff_ranking_xlsx))
        .route("/can-bo/thong-ke/{file}", get(exports::dashboard))
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(super::auth::layer(&state.db))
        .layer(middleware::from_fn_with_state(state.clone(), guard_requests))
        .layer(middleware::from_fn_with_state(state.clone(), identify_client))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Puts the [`Client`] (its address) into the request's extensions, for
/// rate limits. Behind a trusted proxy the address is the last entry of
/// `X-Forwarded-For` (the one the proxy added).
async fn identify_client(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let forwarded = state
        .config
        .trust_proxy
        .then(|| request.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty());
    let address = forwarded.unwrap_or_else(|| {
        request
            .extensions()
            .get::<ConnectInfo<std::net::SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string())
            .unwrap_or_else(|| "unknown".into())
    });
    request.extensions_mut().insert(Client { address });
    next.run(request).await
}

/// Whether a request came over HTTPS (as told by a trusted proxy).
pub fn is_https(state: &AppState, headers: &axum::http::HeaderMap) -> bool {
    state.config.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// Whether a state-changing request comes from another site: the browser
/// says so (`Sec-Fetch-Site`), or its `Origin` is not this host. Such
/// requests are refused, so a signed-in staff member's cookies cannot be
/// used by another site (together with SameSite cookies).
pub fn is_cross_site(method: &axum::http::Method, headers: &axum::http::HeaderMap) -> bool {
    if matches!(
        *method,
        axum::http::Method::GET | axum::http::Method::HEAD | axum::http::Method::OPTIONS
    ) {
        return false;
    }
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if headers
        .get("sec-fetch-site")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == "cross-site")
    {
        return true;
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => url::Url::parse(origin)
            .ok()
            .map(|url| {
                let origin_host = match url.port() {
                    Some(port) => format!("{}:{port}", url.host_str().unwrap_or_default()),
                    None => url.host_str().unwrap_or_default().to_owned(),
                };
                !origin_host.eq_ignore_ascii_case(host)
            })
            .unwrap_or(true),
        _ => false,
    }
}

/// Refuses cross-site writes, and marks cookies Secure over HTTPS.
async fn guard_requests(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_cross_site(request.method(), request.headers()) {
        return (StatusCode::FORBIDDEN, "Yêu cầu từ trang khác bị từ chối.").into_response();
    }
    let https = is_https(&state, request.headers());
    let mut response = next.run(request).await;
    if https {
        let cookies: Vec<HeaderValue> = response.headers().get_all(header::SET_COOKIE).iter().cloned().collect();
        response.headers_mut().remove(header::SET_COOKIE);
        for cookie in cookies {
            let text = cookie.to_str().unwrap_or_default();
            let value = if text.to_ascii_lowercase().contains("; secure") {
                cookie
            } else {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or(cookie)
            };
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}

/// `GET /health`: 200 when the database answers, 503 when it does not.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (
            StatusCode::OK,
            Json(serde_json::json!({ "status": "ok", "database": "ok" })),
        ),
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(serde_json::json!({ "status": "error", "database": "unreachable" })),
            )
        }
    }
}

/// The parameters of `/api/v1/routing/suggest` (query string or JSON body).
#[derive(Debug, Default, serde::Deserialize)]
struct SuggestParams {
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    category: Option<String>,
    commune: Option<String>,
    limit: Option<String>,
}

/// `GET /api/v1/routing/suggest?title=…&description=…[&category=…][&commune=…][&limit=…]`:
/// agencies best first as `[{"agency_code", "agency_name", "confidence"}]`;
/// `[]` when the text says too little to route.
async fn routing_suggest_get(State(state): State<AppState>, Query(params): Query<SuggestParams>) -> Response {
    routing_suggest(&state, params)
}

/// The same with a JSON body, for long texts.
async fn routing_suggest_post(State(state): State<AppState>, Json(params): Json<SuggestParams>) -> Response {
    routing_suggest(&state, params)
}

fn routing_suggest(state: &AppState, params: SuggestParams) -> Response {
    let limit = match parse_limit(params.limit.as_deref()) {
        Ok(limit) => limit,
        Err(message) => {
            return (StatusCode::BAD_REQUEST, Json(serde_json::json!({ "error": message }))).into_response()
        }
    };
    let request = SuggestRequest {
        title: params.title,
        description: params.description,
        category: params.category.filter(|c| !c.trim().is_empty()),
        commune: params.commune.filter(|c| !c.trim().is_empty()),
    };
    Json(state.router.suggest(&request, limit)).into_response()
}

/// Binding failed; says so plainly.
#[derive(Debug, thiserror::Error)]
#[error("không mở được cổng {addr}: {reason}. Đặt LEPTOS_SITE_ADDR sang cổng khác hoặc dừng chương trình đang dùng cổng này.")]
pub struct BindError {
    pub addr: std::net::SocketAddr,
    pub reason: String,
}

/// Binds the listener for `addr`.
pub async fn bind(addr: std::net::SocketAddr) -> Result<tokio::net::TcpListener, BindError> {
    tokio::net::TcpListener::bind(addr).await.map_err(|err| BindError {
        addr,
        reason: match err.kind() {
            std::io::ErrorKind::AddrInUse => "cổng đang được chương trình khác sử dụng".into(),
            std::io::ErrorKind::PermissionDenied => "không đủ quyền mở cổng này".into(),
            _ => err.to_string(),
        },
    })
}

/// Serves until `shutdown` resolves, then finishes the requests in flight.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::{HeaderMap, Method};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn cross_site_writes_are_recognised() {
        let same = headers(&[("host", "127.0.0.1:3000"), ("origin", "http://127.0.0.1:3000")]);
        assert!(!is_cross_site(&Method::POST, &same));
        let other = headers(&[("host", "127.0.0.1:3000"), ("origin", "https://evil.example")]);
        assert!(is_cross_site(&Method::POST, &other));
        assert!(!is_cross_site(&Method::GET, &other));
        assert!(is_cross_site(
            &Method::POST,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        // No Origin (a plain HTTP client): allowed; SameSite cookies apply.
        assert!(!is_cross_site(&Method::POST, &headers(&[("host", "x")])));
    }
}
