//! Loading the maturity model files at start-up and recording their versions.

use std::path::{Path, PathBuf};

use app::db::model_version;
use chrono::Utc;
use quickscan_domain::{parse_model, MaturityModel, ModelError};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait};
use sha2::{Digest, Sha256};
use thiserror::Error;

/// A model file that stops the server from starting.
#[derive(Debug, Error)]
pub enum ModelLoadError {
    /// The folder cannot be read.
    #[error("cannot read the model folder {}: {source}", dir.display())]
    Folder {
        /// The folder.
        dir: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file cannot be read.
    #[error("cannot read the model file {}: {source}", file.display())]
    File {
        /// The file.
        file: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A file is not a valid model.
    #[error("invalid model file {0}")]
    Invalid(#[from] ModelError),
    /// Two files declare the same model id.
    #[error("two model files declare the id `{0}`")]
    DuplicateId(String),
    /// No file at all.
    #[error("no model file (*.toml) in {}", .0.display())]
    Empty(PathBuf),
}

/// A loaded model with the hash of its file.
pub struct LoadedModel {
    /// The model.
    pub model: MaturityModel,
    /// SHA-256 of the file, hex.
    pub content_hash: String,
}

/// Loads and validates every `*.toml` in a folder.
pub fn load_models(dir: &Path) -> Result<Vec<LoadedModel>, ModelLoadError> {
    let entries = std::fs::read_dir(dir).map_err(|source| ModelLoadError::Folder {
        dir: dir.to_owned(),
        source,
    })?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    files.sort();
    let mut loaded: Vec<LoadedModel> = Vec::new();
    for file in files {
        let source = std::fs::read_to_string(&file).map_err(|source| ModelLoadError::File {
            file: file.clone(),
            source,
        })?;
        let model = parse_model(&file.display().to_string(), &source)?;
        if loaded.iter().any(|l| l.model.id == model.id) {
            return Err(ModelLoadError::DuplicateId(model.id));
        }
        loaded.push(LoadedModel {
            model,
            content_hash: hex(&Sha256::digest(source.as_bytes())),
        });
    }
    if loaded.is_empty() {
        return Err(ModelLoadError::Empty(dir.to_owned()));
    }
    Ok(loaded)
}

/// Bytes as lowercase hex (for content hashes).
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Records each model version; warns when a known version's file has changed.
pub async fn register_models(db: &DatabaseConnection, models: &[LoadedModel]) -> Result<(), DbErr> {
    for loaded in models {
        if let Some(known) = model_version::Entity::find_by_id(loaded.model.id.clone())
            .one(db)
            .await?
        {
            if known.content_hash != loaded.content_hash {
                tracing::warn!(
                    model = %loaded.model.id,
                    "the model file changed since this version was first loaded; answers already given keep their statement ids, but give a changed model a new id"
                );
            }
            continue;
        }
        model_version::Entity::insert(model_version::ActiveModel {
            id: Set(loaded.model.id.clone()),
            title: Set(loaded.model.title.nl.clone()),
            content_hash: Set(loaded.content_hash.clone()),
            loaded_at: Set(Utc::now()),
        })
        .on_conflict(
            OnConflict::column(model_version::Column::Id)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_models_load_with_the_same_ten_dimensions() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/models"));
        let models = load_models(dir).expect("the shipped models are valid");
        let find = |id: &str| {
            models
                .iter()
                .map(|l| &l.model)
                .find(|m| m.id == id)
                .unwrap_or_else(|| panic!("{id} is shipped"))
        };
        let (old, new) = (find("quickscan-2026"), find("quickscan-2027"));
        for model in [old, new] {
            assert_eq!(model.dimensions.len(), 10);
            assert!(model
                .dimensions
                .iter()
                .all(|d| (4..=8).contains(&d.statements.len())));
        }
        // A plan made on one version is followed up on the next by dimension id.
        let ids = |m: &quickscan_domain::MaturityModel| {
            m.dimensions
                .iter()
                .map(|d| d.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids(old), ids(new));
        // Statements about behaviour are answered on a scale of their own.
        let (_, speaking) = new.statement("leadership-3").expect("leadership-3");
        assert_eq!(
            speaking.scale.as_ref().map(|s| s.id.as_str()),
            Some("frequency")
        );
        assert!(new.statement("dilemmas-3").is_none(), "the overlap is gone");
    }

    #[test]
    fn a_broken_model_file_names_the_file_and_line() {
        let dir = std::env::temp_dir().join(format!("qs-models-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("broken.toml"),
            "id = \"x\"\ntitle = { nl = \"a\" }\n",
        )
        .unwrap();
        let message = load_models(&dir).err().expect("refused").to_string();
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(message.contains("broken.toml, line 2"), "{message}");
    }
}
