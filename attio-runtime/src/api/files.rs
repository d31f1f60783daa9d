//! Files on records: list (every page), create a folder or a link to a
//! file or folder of a storage provider, upload (multipart, streamed: the
//! client never holds the whole file), get, delete and download (the
//! redirect to the content followed).
//!
//! # Stability
//!
//! Beta in Attio's API (<https://docs.attio.com/rest-api/endpoint-reference/files>):
//! its shape may change, and these types with it.

use std::path::Path;

use futures_util::TryStreamExt;
use reqwest::multipart::{Form, Part};
use reqwest::{Body, Method};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};

use super::cursor::with_query;
use super::meetings::RecordLink;
use crate::client::pacing::Budget;
use crate::client::retry::Idempotency;
use crate::client::transport::{decode_data, Call};
use crate::ids::{ObjectId, RecordId, WorkspaceId};
use crate::value::Actor;
use crate::{Client, Error, ErrorKind};

/// The largest file Attio takes in one upload: 50 MB.
pub const MAX_UPLOAD_BYTES: u64 = 50 * 1024 * 1024;

/// A file's `id`: `{"workspace_id", "file_id"}` (folders and links too).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FileKey {
    /// The workspace.
    pub workspace_id: WorkspaceId,
    /// The file, folder or link.
    pub file_id: String,
}

/// What a [`AttioFile`] is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum FileType {
    /// An uploaded file, stored by Attio.
    File,
    /// A folder of files.
    Folder,
    /// A link to a file of a storage provider.
    ConnectedFile,
    /// A link to a folder of a storage provider.
    ConnectedFolder,
    /// A type this version does not know, kept as Attio sent it.
    Other(String),
}

impl From<String> for FileType {
    fn from(raw: String) -> Self {
        match raw.as_str() {
            "file" => FileType::File,
            "folder" => FileType::Folder,
            "connected-file" => FileType::ConnectedFile,
            "connected-folder" => FileType::ConnectedFolder,
            _ => FileType::Other(raw),
        }
    }
}

impl From<FileType> for String {
    fn from(t: FileType) -> String {
        match t {
            FileType::File => "file".into(),
            FileType::Folder => "folder".into(),
            FileType::ConnectedFile => "connected-file".into(),
            FileType::ConnectedFolder => "connected-folder".into(),
            FileType::Other(other) => other,
        }
    }
}

/// A file, folder or link on a record, as Attio returns it; the fields
/// after `file_type` are those of its type (`None` for the others).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AttioFile {
    /// Workspace and file ids.
    pub id: FileKey,
    /// The record's object, by id.
    pub object_id: ObjectId,
    /// The record's object, by slug.
    pub object_slug: String,
    /// The record it is on.
    pub record_id: RecordId,
    /// `attio` for uploads and folders, else the provider of a link
    /// (`dropbox`, `box`, `google-drive`, `microsoft-onedrive`).
    pub storage_provider: String,
    /// Who created it.
    pub created_by_actor: Actor,
    /// When, as Attio formats it.
    pub created_at: String,
    /// What it is.
    pub file_type: FileType,
    /// Its name (files and folders).
    #[serde(default)]
    pub name: Option<String>,
    /// Its media type (uploaded files).
    #[serde(default)]
    pub content_type: Option<String>,
    /// Its size in bytes (uploaded files).
    #[serde(default)]
    pub content_size: Option<u64>,
    /// The folder it is in, if any.
    #[serde(default)]
    pub parent_folder_id: Option<String>,
    /// Whether a folder holds anything (when fetched one by one).
    #[serde(default)]
    pub has_children: Option<bool>,
    /// The provider's id of a linked file or folder.
    #[serde(default)]
    pub external_provider_file_id: Option<String>,
    /// The drive of a Microsoft OneDrive link.
    #[serde(default)]
    pub microsoft_drive_id: Option<String>,
}

/// What [`Client::create_file`] creates: a folder, or a link to a file or
/// folder held by a storage provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    body: serde_json::Map<String, Value>,
}

impl NewFile {
    /// A folder named `name`.
    pub fn folder(name: &str) -> NewFile {
        NewFile::of(json!({"file_type": "folder", "name": name}))
    }

    /// A link to the provider's file `external_id`; `provider` is
    /// `dropbox`, `box`, `google-drive` or `microsoft-onedrive`.
    pub fn connected_file(provider: &str, external_id: &str) -> NewFile {
        NewFile::of(
            json!({"file_type": "connected-file", "storage_provider": provider,
            "external_provider_file_id": external_id}),
        )
    }

    /// A link to the provider's folder `external_id`.
    pub fn connected_folder(provider: &str, external_id: &str) -> NewFile {
        NewFile::of(
            json!({"file_type": "connected-folder", "storage_provider": provider,
            "external_provider_file_id": external_id}),
        )
    }

    /// Inside this folder (a folder only).
    pub fn in_folder(mut self, folder_id: &str) -> Self {
        self.body
            .insert("parent_folder_id".into(), json!(folder_id));
        self
    }

    fn of(value: Value) -> NewFile {
        match value {
            Value::Object(body) => NewFile { body },
            _ => NewFile {
                body: serde_json::Map::new(),
            },
        }
    }
}

/// A file to upload: its name, media type and bytes, read as they are
/// sent — from a file on disk ([`Upload::from_path`]) or any stream of
/// chunks ([`Upload::from_stream`]).
#[derive(Debug)]
pub struct Upload {
    name: String,
    content_type: Option<String>,
    body: Body,
    length: Option<u64>,
    folder: Option<String>,
}

impl Upload {
    /// The file at `path`, named after it, opened now and read while it is
    /// sent.
    pub async fn from_path(path: impl AsRef<Path>) -> Result<Upload, Error> {
        let path = path.as_ref();
        let fail = |e: std::io::Error| {
            Error::new(
                ErrorKind::Validation,
                format!("cannot read the file to upload {}: {e}", path.display()),
            )
        };
        let file = tokio::fs::File::open(path).await.map_err(fail)?;
        let length = file.metadata().await.map_err(fail)?.len();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "file".to_owned());
        Ok(Upload {
            name,
            content_type: None,
            body: Body::from(file),
            length: Some(length),
            folder: None,
        })
    }

    /// A file named `name` whose bytes are the chunks of `stream`, read as
    /// they are sent; an error of the stream fails the upload.
    pub fn from_stream<S>(name: &str, stream: S) -> Upload
    where
        S: futures_core::TryStream + Send + 'static,
        S::Ok: Into<Vec<u8>>,
        S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    {
        Upload {
            name: name.to_owned(),
            content_type: None,
            body: Body::wrap_stream(stream.map_ok(Into::<Vec<u8>>::into)),
            length: None,
            folder: None,
        }
    }

    /// Its media type (`application/pdf` …); Attio guesses without it.
    pub fn content_type(mut self, content_type: &str) -> Self {
        self.content_type = Some(content_type.to_owned());
        self
    }

    /// Into this folder of the record.
    pub fn in_folder(mut self, folder_id: &str) -> Self {
        self.folder = Some(folder_id.to_owned());
        self
    }

    /// The name the file is uploaded under.
    pub fn name(&self) -> &str {
        &self.name
    }
}

/// A file's content as it arrives, chunk by chunk.
#[derive(Debug)]
pub struct FileDownload {
    response: reqwest::Response,
}

impl FileDownload {
    /// Its media type, as the storage answered.
    pub fn content_type(&self) -> Option<&str> {
        self.response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
    }

    /// Its size in bytes, when the storage said.
    pub fn content_length(&self) -> Option<u64> {
        self.response.content_length()
    }

    /// The next chunk; `None` at the end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, Error> {
        match self.response.chunk().await {
            Ok(chunk) => Ok(chunk.map(|c| c.to_vec())),
            Err(e) => Err(
                Error::new(ErrorKind::Transport, format!("the download broke off: {e}"))
                    .with_source(e),
            ),
        }
    }

    /// Every remaining byte, in memory.
    pub async fn bytes(mut self) -> Result<Vec<u8>, Error> {
        let mut all = Vec::new();
        while let Some(chunk) = self.chunk().await? {
            all.extend_from_slice(&chunk);
        }
        Ok(all)
    }
}

impl Client {
    /// The files, folders and links on a record, every page
    /// (`GET /v2/files`); only those in `folder` when given.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn list_files(
        &self,
        record: &RecordLink,
        folder: Option<&str>,
    ) -> Result<Vec<AttioFile>, Error> {
        let mut pairs = vec![
            ("object", record.object.clone()),
            ("record_id", record.record_id.to_string()),
            ("limit", "200".to_owned()),
        ];
        if let Some(folder) = folder {
            pairs.push(("parent_folder_id", folder.to_owned()));
        }
        self.every_page(&with_query("/v2/files", &pairs)).await
    }

    /// Creates a folder or a link on a record (`POST /v2/files`); not
    /// repeated after an ambiguous failure.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn create_file(
        &self,
        record: &RecordLink,
        file: &NewFile,
    ) -> Result<AttioFile, Error> {
        let mut body = file.body.clone();
        body.insert("object".into(), json!(record.object));
        body.insert("record_id".into(), json!(record.record_id.as_str()));
        let call = Call::write(
            Method::POST,
            "/v2/files".to_owned(),
            Some(Value::Object(body)),
            Idempotency::NotIdempotent,
        );
        self.call(call).await
    }

    /// Uploads a file of up to 50 MB ([`MAX_UPLOAD_BYTES`]) to a record
    /// (`POST /v2/files/upload`, multipart). The bytes are streamed: memory
    /// stays at a few chunks whatever the size. Sent once, never retried
    /// (a stream cannot be sent again); a file known to be over the limit
    /// is refused before anything is sent.
    ///
    /// ```no_run
    /// # async fn run(client: &attio_runtime::Client, deal: &attio_runtime::RecordId) -> Result<(), attio_runtime::Error> {
    /// use attio_runtime::api::files::Upload;
    /// use attio_runtime::api::meetings::RecordLink;
    ///
    /// let upload = Upload::from_path("contract.pdf").await?.content_type("application/pdf");
    /// let file = client.upload_file(&RecordLink::new("deals", deal), upload).await?;
    /// # Ok(()) }
    /// ```
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn upload_file(
        &self,
        record: &RecordLink,
        upload: Upload,
    ) -> Result<AttioFile, Error> {
        if let Some(length) = upload.length.filter(|l| *l > MAX_UPLOAD_BYTES) {
            return Err(Error::new(
                ErrorKind::Validation,
                format!(
                    "the file {} has {length} bytes, over Attio's upload limit of {MAX_UPLOAD_BYTES}",
                    upload.name
                ),
            ));
        }
        let mut part = match upload.length {
            Some(length) => Part::stream_with_length(upload.body, length),
            None => Part::stream(upload.body),
        }
        .file_name(upload.name);
        if let Some(content_type) = &upload.content_type {
            part = part.mime_str(content_type).map_err(|e| {
                Error::new(
                    ErrorKind::Validation,
                    format!("{content_type:?} is not a media type (type/subtype): {e}"),
                )
            })?;
        }
        let mut form = Form::new()
            .text("object", record.object.clone())
            .text("record_id", record.record_id.to_string());
        if let Some(folder) = upload.folder {
            form = form.text("parent_folder_id", folder);
        }
        let form = form.part("file", part);
        let path = "/v2/files/upload";
        let response = self
            .send_streaming(Method::POST, path, Budget::Write, |r| r.multipart(form))
            .await?;
        let body = response.bytes().await.map_err(|e| {
            Error::new(
                ErrorKind::Transport,
                format!("the upload's answer broke off: {e}"),
            )
            .with_request("POST", path)
        })?;
        decode_data(&body, &Method::POST, path)
    }

    /// A file, folder or link (`GET /v2/files/{file_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn get_file(&self, file_id: &str) -> Result<AttioFile, Error> {
        self.call(Call::get(format!("/v2/files/{file_id}"))).await
    }

    /// Deletes a file, folder or link (`DELETE /v2/files/{file_id}`).
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn delete_file(&self, file_id: &str) -> Result<(), Error> {
        let call = Call::write(
            Method::DELETE,
            format!("/v2/files/{file_id}"),
            None,
            Idempotency::Idempotent,
        );
        self.send(call).await.map(drop)
    }

    /// An uploaded file's content (`GET /v2/files/{file_id}/download`,
    /// whose redirect to the storage is followed), to read chunk by chunk.
    ///
    /// # Stability
    ///
    /// Beta in Attio's API: its shape may change.
    pub async fn download_file(&self, file_id: &str) -> Result<FileDownload, Error> {
        let path = format!("/v2/files/{file_id}/download");
        let response = self
            .send_streaming(Method::GET, &path, Budget::Read, |r| r)
            .await?;
        Ok(FileDownload { response })
    }
}
