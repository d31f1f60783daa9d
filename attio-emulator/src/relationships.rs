//! Two-way relationships as Attio renders them: each side of a pair
//! describes the other (object slug, title, slug, cardinality).

use std::collections::HashMap;

use attio_schema::{Object, Relationship};

/// Rewrites every relationship on `objects` from the attribute it points at,
/// so that both sides of each pair describe each other as they are now.
///
/// Run on seeding (snapshots written before Attio sent more than the
/// inverse's `id` carry nothing else) and after any change to an object or
/// an attribute that the other side shows. A relationship whose inverse is
/// not among `objects` is left as it is.
pub(crate) fn describe(objects: &mut [Object]) {
    let inverses: HashMap<String, Relationship> = objects
        .iter()
        .flat_map(|o| {
            o.attributes.iter().map(|a| {
                (
                    a.id.attribute_id.clone(),
                    Relationship::describing(&o.api_slug, a),
                )
            })
        })
        .collect();
    let sides = objects.iter_mut().flat_map(|o| o.attributes.iter_mut());
    for relationship in sides.filter_map(|a| a.relationship.as_mut()) {
        if let Some(full) = inverses.get(&relationship.id.attribute_id) {
            *relationship = full.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::describe;
    use attio_schema::{Attribute, AttributeId, AttributeType, Object, ObjectId, Relationship};

    fn id(object: &str, attribute: &str) -> AttributeId {
        AttributeId {
            workspace_id: "w".into(),
            object_id: object.into(),
            attribute_id: attribute.into(),
        }
    }

    fn object(slug: &str, attribute: Attribute) -> Object {
        Object {
            id: ObjectId {
                workspace_id: "w".into(),
                object_id: slug.into(),
            },
            api_slug: slug.into(),
            singular_noun: None,
            plural_noun: None,
            created_at: None,
            attributes: vec![attribute],
        }
    }

    #[test]
    fn each_side_describes_the_other() {
        let mut team = Attribute::new(id("c", "t"), "team", "Team", AttributeType::RecordReference);
        team.is_multiselect = true;
        team.relationship = Some(Relationship::to(id("p", "k")));
        let mut company = Attribute::new(
            id("p", "k"),
            "company",
            "Company",
            AttributeType::RecordReference,
        );
        company.relationship = Some(Relationship::to(id("c", "t")));
        let mut objects = vec![object("companies", team), object("people", company)];
        describe(&mut objects);
        let from_team = objects[0].attributes[0].relationship.clone().unwrap();
        assert_eq!(from_team.object_slug.as_deref(), Some("people"));
        assert_eq!(from_team.api_slug.as_deref(), Some("company"));
        assert_eq!(from_team.title.as_deref(), Some("Company"));
        assert_eq!(from_team.is_multiselect, Some(false));
        let from_company = objects[1].attributes[0].relationship.clone().unwrap();
        assert_eq!(from_company.object_slug.as_deref(), Some("companies"));
        assert_eq!(from_company.api_slug.as_deref(), Some("team"));
        assert_eq!(from_company.is_multiselect, Some(true));

        objects[0].attributes[0].title = "Staff".into();
        describe(&mut objects);
        let from_company = objects[1].attributes[0].relationship.clone().unwrap();
        assert_eq!(from_company.title.as_deref(), Some("Staff"));
    }
}
