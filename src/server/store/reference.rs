//! The reference data every citizen request reads (active agencies,
//! categories, communes, the deadline policy and the holidays), kept in
//! memory as one snapshot. The snapshot is tagged with the number in
//! `reference_version`, which database triggers bump on any change to
//! those tables, so a request reads one number to know that its copy is
//! current, even when another app server or an administrator's SQL changed
//! the data.

use std::sync::{Arc, RwLock};

use chrono::NaiveDate;

use super::{catalog, settings, Conn};
use crate::domain::{Agency, AgencyKind, Category, Commune, DeadlinePolicy};

/// The reference data at one version.
#[derive(Debug, Clone, Default)]
pub struct Reference {
    pub version: i64,
    /// The active agencies, coordinating office included.
    pub agencies: Vec<Agency>,
    /// In the order they are listed to citizens.
    pub categories: Vec<Category>,
    /// Sorted by name.
    pub communes: Vec<Commune>,
    pub policy: DeadlinePolicy,
    /// Sorted.
    pub holidays: Vec<NaiveDate>,
}

impl Reference {
    pub fn category_id(&self, code: &str) -> Option<i64> {
        self.categories.iter().find(|c| c.code == code).map(|c| c.id)
    }

    pub fn commune_id(&self, code: &str) -> Option<i64> {
        self.communes.iter().find(|c| c.code == code).map(|c| c.id)
    }

    /// The agencies a citizen may choose: active and not the coordinating
    /// office.
    pub fn handling_agencies(&self) -> impl Iterator<Item = &Agency> {
        self.agencies.iter().filter(|a| a.kind != AgencyKind::Coordinator)
    }

    pub fn handling_agency_id(&self, code: &str) -> Option<i64> {
        self.handling_agencies().find(|a| a.code == code).map(|a| a.id)
    }

    /// Reads every table as of now, tagged `version` (read before, so the
    /// data is at least that new).
    async fn load(conn: &mut Conn, version: i64) -> Result<Self, sqlx::Error> {
        Ok(Self {
            version,
            agencies: catalog::list_agencies(&mut *conn).await?,
            categories: catalog::list_categories(&mut *conn).await?,
            communes: catalog::list_communes(&mut *conn).await?,
            policy: settings::deadline_policy(&mut *conn).await?,
            holidays: settings::holidays(&mut *conn).await?,
        })
    }
}

/// The current version of the reference data.
pub async fn version(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT version FROM reference_version WHERE id = 1")
        .fetch_one(conn)
        .await
}

/// One process's copy of the reference data.
#[derive(Debug, Default)]
pub struct ReferenceCache {
    current: RwLock<Option<Arc<Reference>>>,
}

impl ReferenceCache {
    /// The reference data as of now.
    pub async fn get(&self, conn: &mut Conn) -> Result<Arc<Reference>, sqlx::Error> {
        let version = version(&mut *conn).await?;
        self.at(conn, version).await
    }

    /// The reference data, knowing that the database is at `version`
    /// (read by the caller, perhaps with other things in one query).
    pub async fn at(&self, conn: &mut Conn, version: i64) -> Result<Arc<Reference>, sqlx::Error> {
        if let Some(kept) = self.kept().filter(|r| r.version == version) {
            return Ok(kept);
        }
        let fresh = Arc::new(Reference::load(conn, version).await?);
        let mut current = self.current.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        // Another request may have loaded a newer one meanwhile.
        if current.as_ref().is_none_or(|kept| kept.version <= version) {
            *current = Some(fresh.clone());
        }
        Ok(fresh)
    }

    fn kept(&self) -> Option<Arc<Reference>> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }
}
