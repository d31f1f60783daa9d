//! Attributes of objects and lists, with their select options and statuses:
//! list, get, create and update (archiving is an update; nothing is deleted).

mod attribute;
mod choices;
mod config;
mod lookup;
mod relationship;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::routing::{get, patch};
use axum::Router;

use attio_schema::Target;

use super::http::{Params, Shared};
use attribute::{create_attribute, get_attribute, list_attributes, update_attribute};
use choices::{
    create_option, create_status, list_options, list_statuses, update_option, update_status,
};

pub(super) use lookup::attribute_of;

type Id = Path<String>;
type AttrPath = Path<(String, String)>;
type ItemPath = Path<(String, String, String)>;

/// The attribute, option and status routes of objects and of lists alike.
pub(super) fn routes() -> Router<Shared> {
    let mut router = Router::new();
    for target in Target::ALL {
        let prefix = format!("/v2/{}/{{parent}}", target.path_segment());
        router = router
            .route(
                &format!("{prefix}/attributes"),
                get(move |s: State<Shared>, p: Id, q: Query<Params>| {
                    list_attributes(s, target, p, q)
                })
                .post(move |s: State<Shared>, p: Id, b: Bytes| create_attribute(s, target, p, b)),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}"),
                get(move |s: State<Shared>, p: AttrPath| get_attribute(s, target, p)).patch(
                    move |s: State<Shared>, p: AttrPath, b: Bytes| {
                        update_attribute(s, target, p, b)
                    },
                ),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/options"),
                get(move |s: State<Shared>, p: AttrPath, q: Query<Params>| {
                    list_options(s, target, p, q)
                })
                .post(move |s: State<Shared>, p: AttrPath, b: Bytes| {
                    create_option(s, target, p, b)
                }),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/options/{{option}}"),
                patch(move |s: State<Shared>, p: ItemPath, b: Bytes| {
                    update_option(s, target, p, b)
                }),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/statuses"),
                get(move |s: State<Shared>, p: AttrPath, q: Query<Params>| {
                    list_statuses(s, target, p, q)
                })
                .post(move |s: State<Shared>, p: AttrPath, b: Bytes| {
                    create_status(s, target, p, b)
                }),
            )
            .route(
                &format!("{prefix}/attributes/{{attribute}}/statuses/{{status}}"),
                patch(move |s: State<Shared>, p: ItemPath, b: Bytes| {
                    update_status(s, target, p, b)
                }),
            );
    }
    router
}
