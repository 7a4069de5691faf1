//! Statistics server functions: the public agency ranking, the staff
//! ranking and the coordinator's dashboard for the period named by the
//! query parameters. A wrong period is not a failure of the page: it comes
//! back in [`ForPeriod::data`] so the page shows the error next to the
//! period fields; a missing sign-in or role is (401, 403).

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::stats::{AgencyRanking, Dashboard, PeriodQuery, StaffRanking};
use crate::domain::StaffUser;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use super::support::{me, now, respond};
#[cfg(feature = "ssr")]
use crate::domain::Role;

/// A page's figures for a period, or why the period is wrong; with the
/// local date, for the period selector's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForPeriod<T> {
    pub today: NaiveDate,
    pub data: Result<T, AppError>,
}

/// The staff ranking page: who asks (for the bar), the agencies the
/// coordinator may pick from, and the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffRankingView {
    pub me: StaffUser,
    /// (id, name) of every active agency; empty for a leader.
    pub agencies: Vec<(i64, String)>,
    pub ranking: ForPeriod<StaffRanking>,
}

/// The dashboard page: who asks and the figures.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DashboardView {
    pub me: StaffUser,
    pub dashboard: ForPeriod<Dashboard>,
}

/// Bảng xếp hạng cơ quan (public).
#[server(endpoint = "stats/ranking")]
pub async fn load_ranking(#[server(default)] query: PeriodQuery) -> Result<ForPeriod<AgencyRanking>, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let now = now();
            let data = match crate::server::services::stats::period_from_query(&query, now) {
                Ok(period) => Ok(crate::server::services::stats::agency_ranking(&state.db, period, now).await?),
                Err(err) => Err(err),
            };
            Ok(ForPeriod {
                today: crate::domain::deadline::local_date(now),
                data,
            })
        }
        .await,
    )
}

/// Xếp hạng cán bộ: a leader's agency, or for the coordinator everyone or
/// agency `agency`.
#[server(endpoint = "stats/staff-ranking")]
pub async fn load_staff_ranking(
    #[server(default)] query: PeriodQuery,
    agency: Option<i64>,
) -> Result<StaffRankingView, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let me = me().await?;
            let now = now();
            let today = crate::domain::deadline::local_date(now);
            if !matches!(me.role, Role::Coordinator | Role::Leader) {
                return Err(AppError::Forbidden);
            }
            let data = match crate::server::services::stats::period_from_query(&query, now) {
                Ok(period) => {
                    Ok(crate::server::services::stats::staff_ranking(&state.db, &me, period, agency, now).await?)
                }
                Err(err) => Err(err),
            };
            let agencies = if me.role == Role::Coordinator {
                let mut conn = state.db.pool().acquire().await?;
                crate::server::store::catalog::list_agencies(&mut conn)
                    .await?
                    .into_iter()
                    .map(|a| (a.id, a.name))
                    .collect()
            } else {
                Vec::new()
            };
            Ok(StaffRankingView {
                me,
                agencies,
                ranking: ForPeriod { today, data },
            })
        }
        .await,
    )
}

/// Bảng điều khiển của điều phối viên.
#[server(endpoint = "stats/dashboard")]
pub async fn load_dashboard(#[server(default)] query: PeriodQuery) -> Result<DashboardView, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let me = me().await?;
            let now = now();
            let today = crate::domain::deadline::local_date(now);
            if me.role != Role::Coordinator {
                return Err(AppError::Forbidden);
            }
            let data = match crate::server::services::stats::period_from_query(&query, now) {
                Ok(period) => Ok(crate::server::services::stats::dashboard(&state.db, &me, period, now).await?),
                Err(err) => Err(err),
            };
            Ok(DashboardView {
                me,
                dashboard: ForPeriod { today, data },
            })
        }
        .await,
    )
}
