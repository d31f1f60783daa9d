//! Files, folders and links on records, as the emulator keeps them: an
//! upload's bytes in memory, under a cap.

use axum::body::Bytes;
use serde_json::Value;

/// Attio's largest upload, the emulator's default cap: 50 MB.
pub(crate) const DEFAULT_MAX_FILE_SIZE: usize = 50 * 1024 * 1024;

/// What a stored file is.
#[derive(Debug, Clone)]
pub(crate) enum FileKind {
    /// Uploaded bytes, and the token of the storage URL that serves them.
    File {
        name: String,
        content_type: Option<String>,
        content: Bytes,
        token: String,
    },
    /// A folder.
    Folder { name: String },
    /// A link to a provider's file (`folder` false) or folder.
    Connected {
        folder: bool,
        provider: String,
        external_id: String,
        microsoft_drive_id: Option<String>,
    },
}

/// One file, folder or link on a record.
#[derive(Debug, Clone)]
pub(crate) struct StoredFile {
    pub id: String,
    pub object_id: String,
    pub record_id: String,
    pub parent_folder_id: Option<String>,
    pub kind: FileKind,
    pub created_by: Value,
    pub created_at: String,
}

/// Every file, in creation order, and the largest upload accepted.
#[derive(Debug)]
pub(crate) struct Files {
    pub items: Vec<StoredFile>,
    pub max_size: usize,
}

impl Default for Files {
    fn default() -> Self {
        Files {
            items: Vec::new(),
            max_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}
