//! What server functions and form handlers need from the running server (only with `ssr`).

use std::sync::Arc;

use quickscan_domain::MaturityModel;
use sea_orm::DatabaseConnection;

/// The loaded maturity model versions.
#[derive(Debug)]
pub struct ModelCatalog {
    models: Vec<MaturityModel>,
    /// The index of the model new rounds use.
    for_new_rounds: usize,
}

impl ModelCatalog {
    /// A catalog of validated models; new rounds use the one with the highest id (the
    /// newest, as ids carry the year).
    ///
    /// Returns `None` when there is no model at all.
    pub fn new(mut models: Vec<MaturityModel>) -> Option<ModelCatalog> {
        models.sort_by(|a, b| a.id.cmp(&b.id));
        let newest = models.len().checked_sub(1)?;
        Some(ModelCatalog {
            models,
            for_new_rounds: newest,
        })
    }

    /// The same catalog with new rounds on the model `id` (`QUICKSCAN_MODEL_FOR_NEW_ROUNDS`);
    /// `Err` names the ids that are loaded when `id` is not one of them.
    pub fn with_new_rounds_on(mut self, id: &str) -> Result<ModelCatalog, String> {
        match self.models.iter().position(|m| m.id == id) {
            Some(index) => {
                self.for_new_rounds = index;
                Ok(self)
            }
            None => Err(self
                .models
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")),
        }
    }

    /// A model version by id.
    pub fn get(&self, id: &str) -> Option<&MaturityModel> {
        self.models.iter().find(|m| m.id == id)
    }

    /// The model new rounds use.
    pub fn current(&self) -> &MaturityModel {
        &self.models[self.for_new_rounds]
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
    /// How many days audit events are kept.
    pub audit_retention_days: u64,
    /// Work a request starts and does not wait for (a reset link made and mailed after the
    /// answer): a graceful stop waits for it, and tests wait for it before they look.
    pub background: tokio_util::task::TaskTracker,
}

/// The server context from Leptos' context, inside a server function or while rendering.
pub fn server_context() -> Option<ServerContext> {
    leptos::prelude::use_context::<ServerContext>()
}

#[cfg(test)]
mod tests {
    use super::ModelCatalog;

    fn model(id: &str) -> quickscan_domain::MaturityModel {
        let text = include_str!("../models/quickscan-2026.toml");
        let mut model =
            quickscan_domain::parse_model("quickscan-2026.toml", text).expect("it parses");
        model.id = id.to_owned();
        model
    }

    #[test]
    fn new_rounds_use_the_newest_model_unless_another_is_named() {
        let catalog = ModelCatalog::new(vec![model("quickscan-2027"), model("quickscan-2026")])
            .expect("a catalog");
        assert_eq!(catalog.current().id, "quickscan-2027");
        let catalog = catalog
            .with_new_rounds_on("quickscan-2026")
            .expect("a loaded id");
        assert_eq!(catalog.current().id, "quickscan-2026");
        assert_eq!(
            catalog
                .with_new_rounds_on("quickscan-2099")
                .err()
                .as_deref(),
            Some("quickscan-2026, quickscan-2027")
        );
        assert!(ModelCatalog::new(Vec::new()).is_none());
    }
}
