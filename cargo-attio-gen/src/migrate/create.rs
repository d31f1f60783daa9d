//! Creating what the snapshot has and the workspace lacks: objects and
//! lists with their attributes, attributes with their options and
//! statuses, and a two-way relationship's two sides in one request.

use attio_runtime::api::schema::{
    AllowedObjects, AttributeUpdate, NewAttribute, NewAttributeConfig, NewList, NewObject,
    NewRelationship, NewStatus,
};
use attio_schema::diff::ChoiceKind;
use attio_schema::{AccessLevel, Attribute, AttributeType, Target};

use super::compose::{Composer, Rank};
use super::steps::{choice_update, Action, AttributeRef};

/// Attio's rule for slugs the API creates: lower-case snake case starting
/// with a letter.
fn creatable_slug(slug: &str) -> bool {
    slug.starts_with(|c: char| c.is_ascii_lowercase())
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn slug_note(noun: &str, slug: &str) -> String {
    format!(
        "Attio's API creates only lower-case snake_case slugs starting with a letter, \
         not {slug:?}; create the {noun} in Attio's UI, or change its slug in the snapshot"
    )
}

/// Whether someone can configure `list` as it is to be created: the whole
/// workspace or one member has full access. Attio refuses to create a list
/// nobody can configure
/// (<https://docs.attio.com/rest-api/endpoint-reference/lists/create-a-list>).
pub(super) fn configurable(list: &NewList) -> bool {
    list.workspace_access == Some(AccessLevel::FullAccess)
        || list
            .workspace_member_access
            .iter()
            .any(|m| m.level == AccessLevel::FullAccess)
}

/// A list's workspace access as Attio spells it, `private` for none.
fn access_words(access: Option<AccessLevel>) -> &'static str {
    match access {
        None => "private",
        Some(AccessLevel::FullAccess) => "full-access",
        Some(AccessLevel::ReadAndWrite) => "read-and-write",
        Some(AccessLevel::ReadOnly) => "read-only",
    }
}

/// Why Attio's API cannot create `a`, if it cannot.
fn not_creatable(a: &Attribute) -> Option<String> {
    if !creatable_slug(&a.api_slug) {
        return Some(slug_note("attribute", &a.api_slug));
    }
    let uncreatable_type = matches!(
        a.attribute_type,
        AttributeType::Interaction | AttributeType::PersonalName | AttributeType::Unknown(_)
    );
    if uncreatable_type || !a.is_writable {
        let read_only = if a.is_writable {
            ""
        } else {
            " that is read-only"
        };
        return Some(format!(
            "Attio's API cannot create a {} attribute{read_only}; create it in Attio's UI, \
             or remove it from the snapshot",
            a.attribute_type
        ));
    }
    let any_object = a.attribute_type == AttributeType::RecordReference
        && a.config.record_reference.allowed_object_ids.is_none();
    any_object.then(|| {
        "a record reference to any object, which Attio's API cannot create (it needs the \
         objects allowed); create it in Attio's UI, or name its objects in the snapshot"
            .to_owned()
    })
}

impl Composer<'_> {
    pub(super) fn new_object(&mut self, path: &str, slug: &str) {
        let Some(object) = self.want.object(slug).cloned() else {
            return;
        };
        if !creatable_slug(slug) {
            return self.manual(path, slug_note("object", slug));
        }
        let (Some(singular_noun), Some(plural_noun)) = (&object.singular_noun, &object.plural_noun)
        else {
            let why = "the snapshot gives the object no singular or plural noun, which Attio's \
                       API requires; add both to the snapshot, or create the object in Attio's UI";
            return self.manual(path, why);
        };
        let new = NewObject {
            api_slug: slug.to_owned(),
            singular_noun: singular_noun.clone(),
            plural_noun: plural_noun.clone(),
        };
        self.step(
            Rank::Object,
            path,
            "in the snapshot, not in the workspace",
            Action::CreateObject { object: new },
        );
        for attribute in &object.attributes {
            self.new_attribute(Target::Object, slug, attribute, true);
        }
    }

    pub(super) fn new_list(&mut self, path: &str, slug: &str) {
        let Some(list) = self.want.list(slug).cloned() else {
            return;
        };
        if !creatable_slug(slug) {
            return self.manual(path, slug_note("list", slug));
        }
        let [parent] = list.parent_object.as_slice() else {
            let why = "a list of several parent objects, which Attio's API cannot create; \
                       create it in Attio's UI";
            return self.manual(path, why);
        };
        // Member ids differ between workspaces, so the snapshot's members
        // are not carried over; the workspace's access is, as it is.
        let new = NewList {
            api_slug: slug.to_owned(),
            name: list.name.clone(),
            parent_object: parent.clone(),
            workspace_access: list.workspace_access,
            workspace_member_access: Vec::new(),
        };
        let why = if configurable(&new) {
            "in the snapshot, not in the workspace".to_owned()
        } else {
            format!(
                "in the snapshot, not in the workspace; its workspace access is {}, and \
                 Attio refuses a list nobody can configure, so the workspace member who \
                 authorised the token gets full access",
                access_words(new.workspace_access)
            )
        };
        self.step(Rank::List, path, why, Action::CreateList { list: new });
        for attribute in &list.attributes {
            self.new_attribute(Target::List, slug, attribute, true);
        }
    }

    /// An attribute of the snapshot the workspace lacks (`fresh`: of an
    /// object or list the plan creates, whose system attributes Attio adds).
    pub(super) fn new_attribute(
        &mut self,
        target: Target,
        owner: &str,
        a: &Attribute,
        fresh: bool,
    ) {
        let path = match target {
            Target::Object => format!("{owner}.{}", a.api_slug),
            Target::List => format!("{}/{owner}.{}", target.path_segment(), a.api_slug),
        };
        if a.is_system_attribute {
            if !fresh {
                self.manual(
                    &path,
                    "a system attribute the workspace lacks; only Attio creates these",
                );
            }
            return;
        }
        if self.paired.contains(&path) {
            return;
        }
        if let Some(why) = not_creatable(a) {
            return self.manual(&path, why);
        }
        let relationship = match self.other_side(a) {
            Ok(relationship) => relationship,
            Err(why) => return self.manual(&path, why),
        };
        let config = NewAttributeConfig {
            currency: (a.attribute_type == AttributeType::Currency)
                .then(|| a.config.currency.clone()),
            record_reference: a
                .config
                .record_reference
                .allowed_object_ids
                .clone()
                .map(|allowed_objects| AllowedObjects { allowed_objects }),
        };
        let new = NewAttribute {
            title: a.title.clone(),
            description: a.description.clone(),
            api_slug: a.api_slug.clone(),
            attribute_type: a.attribute_type.clone(),
            is_required: a.is_required,
            is_unique: a.is_unique,
            is_multiselect: a.is_multiselect,
            config,
            relationship,
        };
        let rank = if a.attribute_type == AttributeType::RecordReference {
            Rank::Reference
        } else {
            Rank::Attribute
        };
        let why = match &new.relationship {
            Some(r) => format!(
                "in the snapshot, not in the workspace; one request creates both sides of \
                 the two-way relationship, this one and {}.{}",
                r.object, r.api_slug
            ),
            None => "in the snapshot, not in the workspace".to_owned(),
        };
        self.step(
            rank,
            &path,
            why,
            Action::CreateAttribute {
                target,
                owner: owner.to_owned(),
                attribute: new,
            },
        );
        let of = AttributeRef {
            target,
            owner: owner.to_owned(),
            attribute: a.api_slug.clone(),
        };
        for option in &a.options {
            self.new_choice(
                &path,
                of.clone(),
                a,
                ChoiceKind::Option,
                &option.title,
                option.is_archived,
            );
        }
        for status in &a.statuses {
            self.new_choice(
                &path,
                of.clone(),
                a,
                ChoiceKind::Status,
                &status.title,
                status.is_archived,
            );
        }
        if a.is_archived {
            // Created to be archived: what the snapshot holds, its slug
            // reserved; nothing live is lost.
            let update = AttributeUpdate {
                is_archived: Some(true),
                ..AttributeUpdate::default()
            };
            self.step(
                Rank::ChoiceArchive,
                &path,
                "archived in the snapshot",
                Action::UpdateAttribute { of, update },
            );
        }
    }

    /// The other side of `a`'s two-way relationship, to create with it;
    /// the reason when it cannot be.
    fn other_side(&mut self, a: &Attribute) -> Result<Option<NewRelationship>, String> {
        let Some(r) = &a.relationship else {
            return Ok(None);
        };
        let (Some(object), Some(slug)) = (&r.object_slug, &r.api_slug) else {
            return Err(
                "a two-way relationship whose other side the snapshot does not name; \
                        pull the snapshot again with this version"
                    .to_owned(),
            );
        };
        let inverse = format!("{object}.{slug}");
        let exists = self.live.object(object).and_then(|o| o.attribute(slug));
        if exists.is_some() {
            return Err(format!(
                "one side of a two-way relationship with {inverse}, which exists already \
                 without it; Attio's API creates both sides together: create this side in \
                 Attio's UI, or remove the relationship from the snapshot"
            ));
        }
        self.paired.insert(inverse);
        let want = self.want;
        if let Some(other) = want.object(object).and_then(|o| o.attribute(slug)) {
            self.other_side_settings(object, other);
        }
        Ok(Some(NewRelationship {
            object: object.clone(),
            title: r.title.clone().unwrap_or_else(|| slug.clone()),
            api_slug: slug.clone(),
            is_multiselect: r.is_multiselect.unwrap_or(false),
        }))
    }

    /// What the request that creates a pair cannot say of its other side
    /// `a` (of `object`), which Attio creates bare: its description,
    /// whether it is required, whether it is archived. One change after the
    /// pair is made, and the archive last, as for any created attribute.
    fn other_side_settings(&mut self, object: &str, a: &Attribute) {
        let path = format!("{object}.{}", a.api_slug);
        let of = AttributeRef {
            target: Target::Object,
            owner: object.to_owned(),
            attribute: a.api_slug.clone(),
        };
        let update = AttributeUpdate {
            description: a.description.is_some().then(|| a.description.clone()),
            is_required: a.is_required.then_some(true),
            ..AttributeUpdate::default()
        };
        if update != AttributeUpdate::default() {
            self.step(
                Rank::AttributeChange,
                &path,
                "the other side of a two-way relationship, created bare: its settings",
                Action::UpdateAttribute {
                    of: of.clone(),
                    update,
                },
            );
        }
        if a.is_archived {
            let update = AttributeUpdate {
                is_archived: Some(true),
                ..AttributeUpdate::default()
            };
            let action = Action::UpdateAttribute { of, update };
            self.step(
                Rank::ChoiceArchive,
                &path,
                "archived in the snapshot",
                action,
            );
        }
    }

    /// An option or status of the snapshot the attribute lacks; an archived
    /// one is created, then archived.
    pub(super) fn new_choice(
        &mut self,
        path: &str,
        of: AttributeRef,
        a: &Attribute,
        choice: ChoiceKind,
        title: &str,
        archived: bool,
    ) {
        let action = match choice {
            ChoiceKind::Option => Action::CreateOption {
                of: of.clone(),
                title: title.to_owned(),
            },
            ChoiceKind::Status => {
                let status = a.statuses.iter().find(|s| s.title == title);
                Action::CreateStatus {
                    of: of.clone(),
                    status: NewStatus {
                        title: title.to_owned(),
                        celebration_enabled: status.is_some_and(|s| s.celebration_enabled),
                        target_time_in_status: status.and_then(|s| s.target_time_in_status.clone()),
                    },
                }
            }
        };
        self.step(
            Rank::Choice,
            path,
            format!("{choice} {title:?} is in the snapshot, not in the workspace"),
            action,
        );
        if archived {
            let why = format!("{choice} {title:?} is archived in the snapshot");
            self.step(
                Rank::ChoiceArchive,
                path,
                why,
                choice_update(choice, of, title, true),
            );
        }
    }
}
