//! The `phanhoi` binary: serves the application, and runs maintenance
//! commands (`phanhoi help` lists them).

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    phanhoi::server::cli::run(std::env::args().skip(1).collect()).await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser side has no binary: it is the `hydrate` library build.
}
