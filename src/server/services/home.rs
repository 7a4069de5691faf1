//! The home page's figures and latest answers. The figures are the same
//! aggregates the rankings and the dashboard sum ([`super::stats`]).

use crate::domain::HomeData;
use crate::error::AppError;
use crate::server::{store, Db};

/// How many published complaints the home page lists.
pub const LATEST_COUNT: i64 = 6;

pub async fn home_data(db: &Db) -> Result<HomeData, AppError> {
    let figures = super::stats::headline_figures(db).await?;
    let mut conn = db.pool().acquire().await?;
    Ok(HomeData {
        figures,
        latest: store::stats::latest_published(&mut conn, LATEST_COUNT).await?,
    })
}
