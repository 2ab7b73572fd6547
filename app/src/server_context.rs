//! What server functions and form handlers need from the running server (only with `ssr`).

use std::sync::Arc;

use quickscan_domain::MaturityModel;
use sea_orm::DatabaseConnection;

/// The loaded maturity model versions.
#[derive(Debug)]
pub struct ModelCatalog {
    models: Vec<MaturityModel>,
}

impl ModelCatalog {
    /// A catalog of validated models; the one with the highest id is current.
    ///
    /// Returns `None` when there is no model at all.
    pub fn new(mut models: Vec<MaturityModel>) -> Option<ModelCatalog> {
        models.sort_by(|a, b| a.id.cmp(&b.id));
        (!models.is_empty()).then_some(ModelCatalog { models })
    }

    /// A model version by id.
    pub fn get(&self, id: &str) -> Option<&MaturityModel> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The model new rounds use.
    pub fn current(&self) -> &MaturityModel {
        self.models.last().expect("a catalog is never empty")
    }

    /// Every loaded model.
    pub fn all(&self) -> &[MaturityModel] {
        &self.models
    }
}

/// The database and the models, shared by every request.
#[derive(Debug, Clone)]
pub struct ServerContext {
    /// The connection pool.
    pub db: DatabaseConnection,
    /// The maturity models.
    pub models: Arc<ModelCatalog>,
    /// Where users reach the server, without a trailing slash (e.g. `http://127.0.0.1:3000`).
    pub public_url: String,
    /// Benchmark groups with fewer organisations than this are never shown.
    pub anonymity_threshold: quickscan_domain::AnonymityThreshold,
    /// No figure of a round or a group rests on fewer submitted respondents than this.
    pub min_respondents: quickscan_domain::AnonymityThreshold,
    /// The largest spreadsheet upload accepted, in bytes.
    pub upload_limit_bytes: u64,
    /// Where e-mail goes out; `None`: e-mail is off (the pages say so).
    pub mail: Option<crate::mail::MailSettings>,
}

/// The server context from Leptos' context, inside a server function or while rendering.
pub fn server_context() -> Option<ServerContext> {
    leptos::prelude::use_context::<ServerContext>()
}
