//! The calls the notetaker makes, as a trait: records through
//! [`AttioApi`], and the meeting, recording, file and note calls beside it.
//!
//! The runtime's `AttioApi` does not have these calls yet, so this program
//! declares the few it needs here, under the names of
//! [`Client`]'s methods, implemented for [`Client`] by calling them; the
//! logic is written over this trait and unit-tested with a double.
//!
//! Two calls take the notetaker's own data rather than the runtime's
//! request type, because a request type can be built but not read back, and
//! a double has to answer with what was asked: [`NotetakerApi::create_meeting`]
//! takes the exported meeting (the `Client` implementation maps it with
//! [`mapping::new_meeting`]), and [`NotetakerApi::upload_file`] the text to
//! upload (sent as a stream of one chunk; a transcript is small).

use std::future::Future;

use attio_runtime::api::call_recordings::{CallRecording, TranscriptSegment};
use attio_runtime::api::files::{AttioFile, Upload};
use attio_runtime::api::meetings::{Meeting, MeetingQuery, RecordLink};
use attio_runtime::api::notes::{Note, NoteFormat};
use attio_runtime::{AttioApi, Client, Error, Record, RecordId};

use super::export::ExportedMeeting;
use super::mapping;

/// [`AttioApi`] and the calls of meetings, call recordings, files and
/// notes the notetaker makes; see [`Client`]'s methods of the same names.
pub trait NotetakerApi: AttioApi {
    /// The meetings `query` selects ([`Client::list_meetings`]).
    fn list_meetings(&self, query: &MeetingQuery) -> impl Future<Output = Result<Vec<Meeting>, Error>> + Send;

    /// Creates `meeting` of the export of `service`, linked to `links`
    /// ([`Client::create_meeting`] of [`mapping::new_meeting`]).
    fn create_meeting(
        &self,
        service: &str,
        meeting: &ExportedMeeting,
        links: &[RecordLink],
    ) -> impl Future<Output = Result<Meeting, Error>> + Send;

    /// Links a meeting to more records ([`Client::update_meeting`]).
    fn update_meeting(&self, meeting_id: &str, links: &[RecordLink]) -> impl Future<Output = Result<Meeting, Error>> + Send;

    /// A meeting's recordings ([`Client::list_call_recordings`]).
    fn list_call_recordings(&self, meeting_id: &str) -> impl Future<Output = Result<Vec<CallRecording>, Error>> + Send;

    /// Adds a recording to a meeting ([`Client::create_call_recording`]).
    fn create_call_recording(
        &self,
        meeting_id: &str,
        video_url: Option<&str>,
        transcript: &[TranscriptSegment],
    ) -> impl Future<Output = Result<CallRecording, Error>> + Send;

    /// The files on a record ([`Client::list_files`], every folder).
    fn list_files(&self, record: &RecordLink) -> impl Future<Output = Result<Vec<AttioFile>, Error>> + Send;

    /// Uploads `content` as the file `name` of media type `content_type`
    /// to a record ([`Client::upload_file`]).
    fn upload_file(
        &self,
        record: &RecordLink,
        name: &str,
        content_type: &str,
        content: String,
    ) -> impl Future<Output = Result<AttioFile, Error>> + Send;

    /// The notes of a record of `R` ([`Client::list_notes`]).
    fn list_notes<R: Record + Send>(&self, record: &RecordId) -> impl Future<Output = Result<Vec<Note>, Error>> + Send;

    /// Adds a note taken in a meeting to a record of `R`
    /// ([`Client::create_meeting_note`]).
    fn create_meeting_note<R: Record + Send>(
        &self,
        record: &RecordId,
        meeting_id: &str,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> impl Future<Output = Result<Note, Error>> + Send;
}

impl NotetakerApi for Client {
    async fn list_meetings(&self, query: &MeetingQuery) -> Result<Vec<Meeting>, Error> {
        Client::list_meetings(self, query).await
    }

    async fn create_meeting(
        &self,
        service: &str,
        meeting: &ExportedMeeting,
        links: &[RecordLink],
    ) -> Result<Meeting, Error> {
        Client::create_meeting(self, &mapping::new_meeting(service, meeting, links)).await
    }

    async fn update_meeting(&self, meeting_id: &str, links: &[RecordLink]) -> Result<Meeting, Error> {
        Client::update_meeting(self, meeting_id, links).await
    }

    async fn list_call_recordings(&self, meeting_id: &str) -> Result<Vec<CallRecording>, Error> {
        Client::list_call_recordings(self, meeting_id).await
    }

    async fn create_call_recording(
        &self,
        meeting_id: &str,
        video_url: Option<&str>,
        transcript: &[TranscriptSegment],
    ) -> Result<CallRecording, Error> {
        Client::create_call_recording(self, meeting_id, video_url, transcript).await
    }

    async fn list_files(&self, record: &RecordLink) -> Result<Vec<AttioFile>, Error> {
        Client::list_files(self, record, None).await
    }

    async fn upload_file(
        &self,
        record: &RecordLink,
        name: &str,
        content_type: &str,
        content: String,
    ) -> Result<AttioFile, Error> {
        let chunk = futures_util::stream::once(std::future::ready(Ok::<_, std::io::Error>(content.into_bytes())));
        let upload = Upload::from_stream(name, chunk).content_type(content_type);
        Client::upload_file(self, record, upload).await
    }

    async fn list_notes<R: Record + Send>(&self, record: &RecordId) -> Result<Vec<Note>, Error> {
        Client::list_notes::<R>(self, record).await
    }

    async fn create_meeting_note<R: Record + Send>(
        &self,
        record: &RecordId,
        meeting_id: &str,
        title: &str,
        content: &str,
        format: NoteFormat,
    ) -> Result<Note, Error> {
        Client::create_meeting_note::<R>(self, record, meeting_id, title, content, format).await
    }
}
