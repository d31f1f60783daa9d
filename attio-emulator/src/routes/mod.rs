//! The endpoints of the emulated API: the router's table below, in the order
//! of Attio's endpoint reference, and one module per resource. Serving a new
//! resource is one new module and its lines in the table; what every
//! endpoint shares (the gate, the envelope, request readers) is `crate::http`.

mod activities;
mod activity_records;
mod call_recordings;
mod comments;
mod cursor;
mod emails;
mod entries;
mod files;
mod items;
mod meetings;
mod members;
mod multipart;
mod notes;
mod records;
mod schema;
mod sequences;
mod sql;
mod tasks;
mod views;
mod webhooks;

use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, patch, post};
use axum::Router;

use crate::http::{access_log, gatekeeper, unknown_route, Lists, Objects, Shared};
use activity_records::Activities;
use schema::{attributes, lists, objects, options, statuses};

pub(crate) use members::{oauth_self_body, self_body};

/// Largest accepted request body.
pub(crate) const BODY_LIMIT: usize = 16 * 1024 * 1024;

/// Every route of the emulated API.
pub(crate) fn router(state: Shared) -> Router {
    Router::new()
        // Objects and their attributes, options and statuses.
        .route("/v2/objects", get(objects::list).post(objects::create))
        .route(
            "/v2/objects/{object}",
            get(objects::get_one)
                .patch(objects::update)
                .delete(objects::delete),
        )
        .route(
            "/v2/objects/{object}/attributes",
            get(attributes::list::<Objects>).post(attributes::create::<Objects>),
        )
        .route(
            "/v2/objects/{object}/attributes/{attribute}",
            get(attributes::get_one::<Objects>).patch(attributes::update::<Objects>),
        )
        .route(
            "/v2/objects/{object}/attributes/{attribute}/options",
            get(options::list::<Objects>).post(options::create::<Objects>),
        )
        .route(
            "/v2/objects/{object}/attributes/{attribute}/options/{option}",
            patch(options::update::<Objects>),
        )
        .route(
            "/v2/objects/{object}/attributes/{attribute}/statuses",
            get(statuses::list::<Objects>).post(statuses::create::<Objects>),
        )
        .route(
            "/v2/objects/{object}/attributes/{attribute}/statuses/{status}",
            patch(statuses::update::<Objects>),
        )
        .route("/v2/objects/{object}/views", get(views::list::<Objects>))
        // Records.
        .route("/v2/objects/records/search", post(records::search))
        .route(
            "/v2/objects/{object}/records",
            post(items::create::<Objects>).put(records::assert),
        )
        .route(
            "/v2/objects/{object}/records/query",
            post(items::query::<Objects>),
        )
        .route(
            "/v2/objects/{object}/records/{record}",
            get(items::get_one::<Objects>)
                .patch(items::patch::<Objects>)
                .put(items::put::<Objects>)
                .delete(items::delete::<Objects>),
        )
        .route("/v2/objects/{object}/records/merge", post(records::merge))
        .route(
            "/v2/objects/{object}/records/{record}/attributes/{attribute}/values",
            get(items::values::<Objects>).put(items::write_values::<Objects>),
        )
        .route(
            "/v2/objects/{object}/records/{record}/entries",
            get(records::entries),
        )
        // Lists and their attributes, options and statuses.
        .route("/v2/lists", get(lists::list).post(lists::create))
        .route("/v2/lists/{list}", get(lists::get_one).patch(lists::update))
        .route(
            "/v2/lists/{list}/attributes",
            get(attributes::list::<Lists>).post(attributes::create::<Lists>),
        )
        .route(
            "/v2/lists/{list}/attributes/{attribute}",
            get(attributes::get_one::<Lists>).patch(attributes::update::<Lists>),
        )
        .route(
            "/v2/lists/{list}/attributes/{attribute}/options",
            get(options::list::<Lists>).post(options::create::<Lists>),
        )
        .route(
            "/v2/lists/{list}/attributes/{attribute}/options/{option}",
            patch(options::update::<Lists>),
        )
        .route(
            "/v2/lists/{list}/attributes/{attribute}/statuses",
            get(statuses::list::<Lists>).post(statuses::create::<Lists>),
        )
        .route(
            "/v2/lists/{list}/attributes/{attribute}/statuses/{status}",
            patch(statuses::update::<Lists>),
        )
        .route("/v2/lists/{list}/views", get(views::list::<Lists>))
        // Entries.
        .route(
            "/v2/lists/{list}/entries",
            post(items::create::<Lists>).put(entries::assert),
        )
        .route(
            "/v2/lists/{list}/entries/query",
            post(items::query::<Lists>),
        )
        .route(
            "/v2/lists/{list}/entries/{entry}",
            get(items::get_one::<Lists>)
                .patch(items::patch::<Lists>)
                .put(items::put::<Lists>)
                .delete(items::delete::<Lists>),
        )
        .route(
            "/v2/lists/{list}/entries/{entry}/attributes/{attribute}/values",
            get(items::values::<Lists>).put(items::write_values::<Lists>),
        )
        // Notes.
        .route("/v2/notes", get(notes::list).post(notes::create))
        .route(
            "/v2/notes/{note}",
            get(notes::get_one)
                .patch(notes::update)
                .delete(notes::delete),
        )
        // Tasks.
        .route("/v2/tasks", get(tasks::list).post(tasks::create))
        .route(
            "/v2/tasks/{task}",
            get(tasks::get_one)
                .patch(tasks::update)
                .delete(tasks::delete),
        )
        // Threads and comments.
        .route("/v2/threads", get(comments::list_threads))
        .route("/v2/threads/{thread}", get(comments::get_thread))
        .route("/v2/comments", post(comments::create))
        .route(
            "/v2/comments/{comment}",
            get(comments::get_one).delete(comments::delete),
        )
        // Webhooks.
        .route("/v2/webhooks", get(webhooks::list).post(webhooks::create))
        .route(
            "/v2/webhooks/{webhook}",
            get(webhooks::get_one)
                .patch(webhooks::update)
                .delete(webhooks::delete),
        )
        // Meetings and their call recordings.
        .route("/v2/meetings", get(meetings::list).post(meetings::create))
        .route(
            "/v2/meetings/{meeting}",
            get(meetings::get_one)
                .patch(meetings::update)
                .put(meetings::overwrite)
                .delete(meetings::delete),
        )
        .route(
            "/v2/meetings/{meeting}/call_recordings",
            get(call_recordings::list).post(call_recordings::create),
        )
        .route(
            "/v2/meetings/{meeting}/call_recordings/{recording}",
            get(call_recordings::get_one).delete(call_recordings::delete),
        )
        .route(
            "/v2/meetings/{meeting}/call_recordings/{recording}/transcript",
            get(call_recordings::transcript),
        )
        // Files on records; uploads read their own body, under the files' cap.
        .route("/v2/files", get(files::list).post(files::create))
        .route("/v2/files/upload", post(files::upload))
        .route(
            "/v2/files/{file}",
            get(files::get_one).delete(files::delete),
        )
        .route("/v2/files/{file}/download", get(files::download))
        // The mailbox's emails, and sequence unsubscribes.
        .route("/v2/emails", get(emails::list))
        .route(
            "/v2/sequences/unsubscribed_emails",
            post(sequences::unsubscribe),
        )
        // Read-only SQL over records and entries.
        .route("/v2/sql", post(sql::query))
        // Activity definitions and their records.
        .route(
            "/v2/activities",
            get(activities::list).post(activities::create),
        )
        .route(
            "/v2/activities/{activity}",
            get(activities::get_one)
                .patch(activities::update)
                .delete(activities::delete),
        )
        .route(
            "/v2/activities/{activity}/records",
            post(items::create::<Activities>).put(activity_records::assert),
        )
        .route(
            "/v2/activities/{activity}/records/query",
            post(items::query::<Activities>),
        )
        .route(
            "/v2/activities/{activity}/records/{record_id}",
            get(items::get_one::<Activities>)
                .patch(items::patch::<Activities>)
                .put(items::put::<Activities>)
                .delete(items::delete::<Activities>),
        )
        // Workspace members and the token itself.
        .route("/v2/workspace_members", get(members::list))
        .route("/v2/workspace_members/{member}", get(members::get_one))
        .route("/v2/self", get(members::get_self))
        .fallback(unknown_route)
        // Attio takes text values of up to 10 MB; leave room for the JSON around them.
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn_with_state(state.clone(), gatekeeper))
        // Outermost: logs what the client saw, the gate's refusals included.
        .layer(middleware::from_fn(access_log))
        // After the layers, so outside the gate: the storage a download
        // redirects to, which takes no API key (the URL holds a token).
        .route("/_storage/files/{file}", get(files::content))
        .with_state(state)
}
