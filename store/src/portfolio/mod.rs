//! Worker portfolios on the server: evidence storage (`store`) and every write to an
//! evidence row (`write`), the readiness facts and the "My pathway" view (`pathway`), the
//! CPD log and its CSV export (`cpd`).

pub mod cpd;
pub mod pathway;
pub mod store;
pub mod write;

use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::domain::Catalogue;
use pathway_core::error::AppError;

/// The requirement catalogue readiness is judged under: the stored version in force today.
pub async fn catalogue(db: &Db, today: NaiveDate) -> Result<Catalogue, AppError> {
    crate::db::catalogues::in_force_on(db, today).await
}
