//! Command line: `phanhoi [serve]`, `phanhoi migrate`, `phanhoi seed
//! [--demo]`, `phanhoi routing suggest|evaluate`, `phanhoi complaint
//! publish`, `phanhoi generate`, `phanhoi stats rebuild`, `phanhoi help`. Start-up failures print
//! one clear line and exit non-zero.

use leptos::config::LeptosOptions;
use std::process::ExitCode;
use std::sync::Arc;

use super::services::routing::{self, Router};
use super::{http, seed, store, AppState, Config, Db};

const HELP: &str = "\
phanhoi — hệ thống tiếp nhận và xử lý phản ánh, kiến nghị

Cách dùng:
  phanhoi [serve]        chạy máy chủ web (mặc định)
  phanhoi migrate        cập nhật cấu trúc cơ sở dữ liệu rồi thoát
  phanhoi seed [--demo]  nạp dữ liệu danh mục (và dữ liệu minh họa) vào cơ sở dữ liệu trống
  phanhoi routing suggest --title T --description D [--category MÃ] [--commune MÃ] [--limit N]
                         gợi ý cơ quan có thẩm quyền (JSON, như /api/v1/routing/suggest)
  phanhoi routing evaluate [--folds K] [--iterations N] [--c C] [--min-df N]
                         đánh giá chéo mô hình phân loại trên kho dữ liệu có nhãn
  phanhoi complaint publish MÃ-TRA-CỨU --agency MÃ --answer NỘI-DUNG
                         (minh họa, kiểm thử) đưa phản ánh qua các bước đến khi công khai trả lời
  phanhoi generate --complaints N [--seed S] [--years Y]
                         tạo dữ liệu phản ánh giả lập cho đo hiệu năng (mặc định S = 1, Y = 2 năm)
  phanhoi stats rebuild  tính lại toàn bộ bảng số liệu thống kê từ các phản ánh
  phanhoi help           hiển thị hướng dẫn này

Cấu hình qua biến môi trường (xem .env.example): DATABASE_URL, LEPTOS_SITE_ADDR,
LEPTOS_SITE_ROOT, PHANHOI_PROVINCE_NAME, PHANHOI_HOTLINE, PHANHOI_DEADLINE_DAYS,
PHANHOI_UPLOAD_DIR, PHANHOI_DEMO, PHANHOI_LOG_FORMAT, PHANHOI_ROUTING_AUTO_ASSIGN,
PHANHOI_ROUTING_RETRAIN_MINUTES, RUST_LOG.";

pub async fn run(args: Vec<String>) -> ExitCode {
    let command = args.first().map(String::as_str).unwrap_or("serve");
    if matches!(command, "help" | "--help" | "-h") {
        println!("{HELP}");
        return ExitCode::SUCCESS;
    }
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(err) => return fail(err),
    };
    init_tracing(&config);
    let result = match command {
        "serve" => serve(config).await,
        "migrate" => open_db(&config)
            .await
            .map(|_| println!("Cơ sở dữ liệu đã được cập nhật.")),
        "seed" => seed_command(&config, args.iter().any(|a| a == "--demo")).await,
        "routing" => routing_command(&config, &args[1..]).await,
        "complaint" => complaint_command(&config, &args[1..]).await,
        "generate" => generate_command(&config, &args[1..]).await,
        "stats" => stats_command(&config, &args[1..]).await,
        other => Err(format!("lệnh không hợp lệ: {other}. Xem `phanhoi help`.")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(message),
    }
}

fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("Lỗi: {message}");
    ExitCode::FAILURE
}

fn init_tracing(config: &Config) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_target(false);
    let _ = if config.log_json {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}

async fn open_db(config: &Config) -> Result<Db, String> {
    Db::open(&config.database_url).await.map_err(|e| e.to_string())
}

/// Loads reference data into an empty database, and demo data when asked.
/// Returns whether demo data is present.
async fn seed_if_empty(db: &Db, config: &Config, demo: bool) -> Result<bool, String> {
    if seed::seed_reference(db, config.deadline_days)
        .await
        .map_err(|e| e.to_string())?
    {
        tracing::info!("loaded reference data (agencies, categories, communes, holidays)");
    }
    if demo {
        let report = seed::seed_demo(db, store::now()).await.map_err(|e| e.to_string())?;
        if report.demo_complaints > 0 {
            tracing::info!(
                complaints = report.demo_complaints,
                staff = report.demo_staff,
                "loaded demo data"
            );
        }
    }
    let mut conn = db.pool().acquire().await.map_err(|e| e.to_string())?;
    let staff = store::staff::count_staff(&mut conn).await.map_err(|e| e.to_string())?;
    Ok(staff > 0
        && seed::demo_accounts_present(&mut conn)
            .await
            .map_err(|e| e.to_string())?)
}

async fn seed_command(config: &Config, demo: bool) -> Result<(), String> {
    let db = open_db(config).await?;
    let has_demo = seed_if_empty(&db, config, demo).await?;
    println!("Đã nạp dữ liệu.");
    if has_demo {
        print_demo_logins();
    }
    db.close().await;
    Ok(())
}

fn print_demo_logins() {
    println!("\nTài khoản cán bộ minh họa (mật khẩu chung: {}):", seed::DEMO_PASSWORD);
    for login in seed::demo_logins() {
        println!(
            "  {:<18} {:<22} {}",
            login.username,
            login.role.label(),
            login.agency_code
        );
    }
    println!();
}

/// `phanhoi complaint publish CODE --agency CODE --answer TEXT`.
async fn complaint_command(config: &Config, args: &[String]) -> Result<(), String> {
    let (Some("publish"), Some(code)) = (args.first().map(String::as_str), args.get(1)) else {
        return Err("cách dùng: phanhoi complaint publish MÃ-TRA-CỨU --agency MÃ --answer NỘI-DUNG".into());
    };
    let code = crate::domain::TrackingCode::parse(code).map_err(|e| e.to_string())?;
    let agency = option(args, "--agency").ok_or("thiếu --agency (mã cơ quan, ví dụ SXD)")?;
    let answer = option(args, "--answer").ok_or("thiếu --answer (nội dung trả lời)")?;
    let db = open_db(config).await?;
    let mut conn = db.pool().acquire().await.map_err(|e| e.to_string())?;
    let found = store::complaints::find_by_code(&mut conn, &code)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("không có phản ánh với mã này")?;
    let agency_id = store::catalog::agency_id_by_code(&mut conn, agency)
        .await
        .map_err(|e| e.to_string())?
        .ok_or("không có cơ quan với mã này")?;
    drop(conn);
    super::services::complaints::publish_answer(&db, found.id, agency_id, answer, store::now())
        .await
        .map_err(|e| e.to_string())?;
    println!("Đã công khai trả lời phản ánh {code}.");
    db.close().await;
    Ok(())
}

/// `phanhoi generate --complaints N [--seed S] [--years Y]`.
async fn generate_command(config: &Config, args: &[String]) -> Result<(), String> {
    let usage = "cách dùng: phanhoi generate --complaints N [--seed S] [--years Y]";
    let n = match option(args, "--complaints").map(str::parse::<usize>) {
        Some(Ok(n @ 1..=10_000_000)) => n,
        Some(_) => return Err("--complaints cần một số từ 1 đến 10.000.000".into()),
        None => return Err(usage.into()),
    };
    let seed = match option(args, "--seed") {
        None => 1,
        Some(value) => value
            .parse::<u64>()
            .map_err(|_| format!("--seed cần một số tự nhiên, không phải {value:?}"))?,
    };
    let years = match option(args, "--years").map(str::parse::<u32>) {
        None => 2,
        Some(Ok(years @ 1..=20)) => years,
        Some(_) => return Err("--years cần một số từ 1 đến 20".into()),
    };
    let db = open_db(config).await?;
    seed::seed_reference(&db, config.deadline_days)
        .await
        .map_err(|e| e.to_string())?;
    eprintln!("Đang tạo {n} phản ánh giả lập (seed {seed}, {years} năm)…");
    let report = super::generate::generate(&db, n, seed, years, store::now())
        .await
        .map_err(|e| e.to_string())?;
    db.close().await;
    if report.staff_created > 0 {
        println!(
            "Đã tạo thêm {} tài khoản cán bộ giả lập (gen_…, mật khẩu chung: {}).",
            report.staff_created,
            seed::DEMO_PASSWORD
        );
    }
    println!("{report}");
    Ok(())
}

/// `phanhoi stats rebuild`: recomputes the statistics aggregates.
async fn stats_command(config: &Config, args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) != Some("rebuild") {
        return Err("cách dùng: phanhoi stats rebuild".into());
    }
    let db = open_db(config).await?;
    let started = std::time::Instant::now();
    let report = super::services::stats::rebuild(&db).await.map_err(|e| e.to_string())?;
    db.close().await;
    println!(
        "Đã tính lại số liệu thống kê của {} phản ánh ({} ô theo ngày, {} ô theo tháng) trong {:.1} giây.",
        report.complaints,
        report.daily_cells,
        report.monthly_cells,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `--name value` from `args`.
fn option<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

async fn routing_command(config: &Config, args: &[String]) -> Result<(), String> {
    match args.first().map(String::as_str) {
        Some("evaluate") => {
            let folds = match option(args, "--folds") {
                None => 5,
                Some(value) => match value.parse::<usize>() {
                    Ok(k @ 2..=20) => k,
                    _ => return Err(format!("--folds cần một số từ 2 đến 20, không phải {value:?}")),
                },
            };
            let mut params = crate::server::routing::Params::default();
            if let Some(value) = option(args, "--iterations") {
                params.max_iters = value
                    .parse()
                    .map_err(|_| format!("--iterations cần một số, không phải {value:?}"))?;
            }
            if let Some(value) = option(args, "--min-df") {
                params.min_df = value
                    .parse()
                    .map_err(|_| format!("--min-df cần một số, không phải {value:?}"))?;
            }
            if let Some(value) = option(args, "--c") {
                params.c = value
                    .parse()
                    .ok()
                    .filter(|c: &f64| *c > 0.0)
                    .ok_or_else(|| format!("--c cần một số dương, không phải {value:?}"))?;
            }
            let examples = crate::server::routing::corpus::examples();
            let competences = crate::server::routing::corpus::seeded_competences();
            let report = tokio::task::spawn_blocking(move || {
                crate::server::routing::evaluation::evaluate(&examples, &competences, folds, &params)
            })
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?;
            println!("{report}");
            Ok(())
        }
        Some("suggest") => {
            let limit = routing::parse_limit(option(args, "--limit"))?;
            let request = routing::SuggestRequest {
                title: option(args, "--title").unwrap_or_default().to_owned(),
                description: option(args, "--description").unwrap_or_default().to_owned(),
                category: option(args, "--category").map(str::to_owned),
                commune: option(args, "--commune").map(str::to_owned),
            };
            let db = open_db(config).await?;
            seed::seed_reference(&db, config.deadline_days)
                .await
                .map_err(|e| e.to_string())?;
            let router = Router::load(&db).await.map_err(|e| e.to_string())?;
            db.close().await;
            let suggestions = router.suggest(&request, limit);
            if suggestions.is_empty() {
                eprintln!("{}", crate::domain::routing::NOT_ENOUGH_TEXT);
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&suggestions).map_err(|e| e.to_string())?
            );
            Ok(())
        }
        _ => Err("cần `phanhoi routing suggest …` hoặc `phanhoi routing evaluate`. Xem `phanhoi help`.".into()),
    }
}

pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("phanhoi")
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build()
}

async fn serve(config: Config) -> Result<(), String> {
    tracing::info!(config = ?config, "starting");
    let db = open_db(&config).await?;
    let has_demo = seed_if_empty(&db, &config, config.demo).await?;
    let listener = http::bind(config.site_addr).await.map_err(|e| e.to_string())?;
    let router = Arc::new(Router::load(&db).await.map_err(|e| e.to_string())?);
    tracing::info!(confirmed = router.confirmed_examples(), "routing model ready");
    if config.routing_retrain_minutes > 0 {
        routing::spawn_retraining(
            router.clone(),
            db.clone(),
            std::time::Duration::from_secs(config.routing_retrain_minutes * 60),
        );
    }
    super::services::wizard::spawn_cleanup(db.clone(), config.upload_dir.clone());
    let reminder_every = config.reminder_interval_seconds;
    let state = AppState::new(db.clone(), config.clone(), leptos_options(&config), router)?;
    tracing::info!(notifier = %state.notifier.describe(), "reminders are delivered through the notifier");
    if reminder_every > 0 {
        super::services::reminders::spawn(
            db.clone(),
            state.notifier.clone(),
            std::time::Duration::from_secs(reminder_every),
        );
    }
    if has_demo {
        print_demo_logins();
    }
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("Phản hồi đang chạy tại http://{addr}");
    http::serve(listener, state, http::shutdown_signal())
        .await
        .map_err(|e| e.to_string())?;
    db.close().await;
    Ok(())
}
