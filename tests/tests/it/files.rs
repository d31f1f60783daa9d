//! Files end to end, through the runtime's typed calls against the
//! emulator: a folder and a link on a company, uploads streamed from a file
//! on disk and from a stream of chunks (a few MB), listed, fetched,
//! downloaded through the redirect byte for byte, refused with `413` over
//! the emulator's cap, and a folder deleted with what it holds.

use attio_emulator::Emulator;
use attio_runtime::api::files::{FileType, NewFile, Upload};
use attio_runtime::api::meetings::RecordLink;
use attio_runtime::ErrorKind;
use attio_tests::support;
use attio_tests::workspace::*;

const KEY: &str = "emulator-test-key-0123456789";
const CAP: usize = 4 * 1024 * 1024;

/// `chunks` chunks of 64 KiB, each filled with its own index.
fn chunks(chunks: usize) -> Vec<Vec<u8>> {
    (0..chunks).map(|i| vec![i as u8; 64 * 1024]).collect()
}

fn stream_of(chunks: Vec<Vec<u8>>) -> Upload {
    let stream = futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
    Upload::from_stream("recording.bin", stream)
}

#[tokio::test]
async fn files_are_uploaded_streamed_listed_downloaded_and_deleted() {
    let (_emulator, client) = support::unlimited(Emulator::builder().max_file_size(CAP), KEY).await;
    let acme = client
        .create_record::<Company>(Company::write().name("Acme"))
        .await
        .unwrap();
    let on = RecordLink::to::<Company>(&acme.id.record_id);

    let folder = client
        .create_file(&on, &NewFile::folder("Contracts"))
        .await
        .unwrap();
    assert_eq!(folder.file_type, FileType::Folder);
    let folder_id = folder.id.file_id.clone();
    let link = client
        .create_file(
            &on,
            &NewFile::connected_file("google-drive", "drive-file-1"),
        )
        .await
        .unwrap();
    assert_eq!(link.storage_provider, "google-drive");
    assert_eq!(
        link.external_provider_file_id.as_deref(),
        Some("drive-file-1")
    );

    // From a stream of chunks (3 MB), into the folder.
    let sent = chunks(48);
    let big = client
        .upload_file(&on, stream_of(sent.clone()).in_folder(&folder_id))
        .await
        .unwrap();
    assert_eq!(big.content_size, Some(48 * 64 * 1024));
    assert_eq!(
        big.content_type.as_deref(),
        Some("application/octet-stream")
    );
    assert_eq!(big.parent_folder_id.as_deref(), Some(folder_id.as_str()));

    // From a file on disk, named after it.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(&path, "# Call notes\nAll good.\n").unwrap();
    let small = client
        .upload_file(&on, Upload::from_path(&path).await.unwrap())
        .await
        .unwrap();
    assert_eq!(small.name.as_deref(), Some("notes.md"));
    assert_eq!(small.content_type.as_deref(), Some("text/markdown"));

    let all = client.list_files(&on, None).await.unwrap();
    assert_eq!(all.len(), 4);
    let in_folder = client.list_files(&on, Some(&folder_id)).await.unwrap();
    assert_eq!(in_folder.len(), 1);
    assert_eq!(in_folder[0].id, big.id);
    let fetched = client.get_file(&folder_id).await.unwrap();
    assert_eq!(fetched.has_children, Some(true));

    // The download follows the redirect to the storage URL.
    let mut download = client.download_file(&big.id.file_id).await.unwrap();
    assert_eq!(download.content_type(), Some("application/octet-stream"));
    let mut received = Vec::new();
    while let Some(chunk) = download.chunk().await.unwrap() {
        received.extend_from_slice(&chunk);
    }
    assert_eq!(received, sent.concat());
    let text = client
        .download_file(&small.id.file_id)
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(text, b"# Call notes\nAll good.\n");
    let folder_download = client.download_file(&folder_id).await.unwrap_err();
    assert_eq!(folder_download.kind(), ErrorKind::Validation);

    // Over the emulator's cap: 413, and nothing stored.
    let refused = client
        .upload_file(&on, stream_of(chunks(CAP / (64 * 1024) + 1)))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(413), "{refused}");
    assert_eq!(client.list_files(&on, None).await.unwrap().len(), 4);

    // A folder goes with what it holds.
    client.delete_file(&folder_id).await.unwrap();
    let gone = client.get_file(&big.id.file_id).await.unwrap_err();
    assert_eq!(gone.kind(), ErrorKind::NotFound);
    assert_eq!(client.list_files(&on, None).await.unwrap().len(), 2);
}
