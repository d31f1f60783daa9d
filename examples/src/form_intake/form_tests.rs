use super::*;

fn valid() -> RawSubmission {
    RawSubmission {
        name: "Ada Lovelace".into(),
        email: "Ada@Acme.com".into(),
        company: "Acme".into(),
        website: "https://www.acme.com/about".into(),
        phone: "+44 20 7946 0958".into(),
        job_title: "Head of Engineering".into(),
        message: "We would like a demo.".into(),
    }
}

fn errors_of(raw: &RawSubmission) -> FieldErrors {
    validate(raw).expect_err("the submission should be invalid")
}

#[test]
fn a_valid_submission_becomes_typed_values() {
    let submission = validate(&valid()).unwrap();
    assert_eq!(submission.name, PersonalName::new("Ada", "Lovelace"));
    assert_eq!(submission.email.as_str(), "ada@acme.com");
    assert_eq!(submission.email.original(), "Ada@Acme.com");
    assert_eq!(submission.company_name, "Acme");
    assert_eq!(submission.domain.as_str(), "acme.com");
    assert_eq!(
        submission.phone.as_ref().and_then(PhoneNumber::e164),
        Some("+442079460958")
    );
    assert_eq!(submission.job_title, "Head of Engineering");
    assert_eq!(submission.message, "We would like a demo.");
}

#[test]
fn text_is_trimmed() {
    let raw = RawSubmission {
        company: "  Acme  ".into(),
        job_title: "\tCTO\n".into(),
        message: "  hello  ".into(),
        ..valid()
    };
    let submission = validate(&raw).unwrap();
    assert_eq!(submission.company_name, "Acme");
    assert_eq!(submission.job_title, "CTO");
    assert_eq!(submission.message, "hello");
}

#[test]
fn every_invalid_field_is_reported_not_only_the_first() {
    let raw = RawSubmission {
        email: "ada@".into(),
        website: "acme".into(),
        phone: "555 0100".into(),
        ..valid()
    };
    let errors = errors_of(&raw);
    let fields: Vec<Field> = errors.iter().map(|(field, _)| field).collect();
    assert_eq!(fields, [Field::Email, Field::Website, Field::Phone]);
    assert_eq!(
        errors.get(Field::Email),
        Some("`ada@` is not an email address — expected name@example.com")
    );
    assert_eq!(
        errors.get(Field::Website),
        Some(
            "`acme` is not a website — expected a domain like acme.com \
             or an address like https://www.acme.com"
        )
    );
    assert_eq!(
        errors.get(Field::Phone),
        Some(
            "`555 0100` is not an international phone number — \
             expected + and the country code, like +44 20 7946 0958"
        )
    );
}

#[test]
fn an_empty_post_lists_every_required_field() {
    let errors = errors_of(&RawSubmission::default());
    let fields: Vec<Field> = errors.iter().map(|(field, _)| field).collect();
    assert_eq!(
        fields,
        [
            Field::Name,
            Field::Email,
            Field::Company,
            Field::Website,
            Field::JobTitle,
            Field::Message
        ],
        "every field but the optional phone is required"
    );
    assert_eq!(
        errors.get(Field::Name),
        Some("missing — expected your name, like Ada Lovelace")
    );
    assert_eq!(
        errors.get(Field::Email),
        Some("missing — expected your work email, like name@example.com")
    );
}

#[test]
fn blank_is_missing() {
    let raw = RawSubmission {
        company: "   ".into(),
        ..valid()
    };
    assert_eq!(
        errors_of(&raw).get(Field::Company),
        Some("missing — expected your company's name, like Acme")
    );
}

#[test]
fn a_name_is_split_at_its_first_space() {
    let name = |input: &str| {
        validate(&RawSubmission {
            name: input.into(),
            ..valid()
        })
        .map(|submission| submission.name)
    };
    assert_eq!(
        name("Ada King  Lovelace"),
        Ok(PersonalName::new("Ada", "King Lovelace"))
    );
    assert_eq!(name("  Cher "), Ok(PersonalName::new("Cher", "")));
    assert_eq!(name("Cher").unwrap().full_name, "Cher");
    assert_eq!(
        name("Zoë Ó Súilleabháin").unwrap().last_name,
        "Ó Súilleabháin"
    );
}

#[test]
fn a_name_needs_a_letter() {
    let raw = RawSubmission {
        name: "1234".into(),
        ..valid()
    };
    assert_eq!(
        errors_of(&raw).get(Field::Name),
        Some("`1234` is not a name — expected your name, like Ada Lovelace")
    );
}

#[test]
fn emails_are_checked_by_the_runtime_rules() {
    for bad in [
        "ada",
        "ada@acme",
        "ada lovelace@acme.com",
        "ada@acme.test",
        "@acme.com",
    ] {
        let raw = RawSubmission {
            email: bad.into(),
            ..valid()
        };
        let errors = errors_of(&raw);
        assert_eq!(errors.len(), 1, "{bad}: {errors}");
        assert!(
            errors
                .get(Field::Email)
                .is_some_and(|m| m.starts_with(&format!("`{bad}` is not an email address"))),
            "{bad}: {errors}"
        );
    }
}

#[test]
fn a_website_may_be_a_domain_or_a_url() {
    let domain = |input: &str| {
        validate(&RawSubmission {
            website: input.into(),
            ..valid()
        })
        .map(|submission| submission.domain.as_str().to_owned())
    };
    for (input, expected) in [
        ("acme.com", "acme.com"),
        ("ACME.com", "acme.com"),
        ("www.acme.co.uk", "acme.co.uk"),
        ("https://www.acme.com/about", "acme.com"),
        ("http://app.acme.io:8080/login?next=/", "app.acme.io"),
        // Dropping `www.` would leave no domain, so it stays.
        ("www.com", "www.com"),
    ] {
        assert_eq!(domain(input), Ok(expected.to_owned()), "{input}");
    }
    for bad in ["acme", "https://", "http://localhost:3000", "acme .com"] {
        assert!(domain(bad).is_err(), "{bad}");
    }
}

#[test]
fn the_phone_is_optional_but_checked_when_given() {
    let phone = |input: &str| {
        validate(&RawSubmission {
            phone: input.into(),
            ..valid()
        })
        .map(|submission| submission.phone)
    };
    assert_eq!(phone(""), Ok(None));
    assert_eq!(phone("   "), Ok(None));
    assert_eq!(
        phone("+1 (555) 867-5309")
            .unwrap()
            .as_ref()
            .and_then(PhoneNumber::e164),
        Some("+15558675309")
    );
    assert!(
        phone("867-5309").is_err(),
        "a national number has no country"
    );
    assert!(phone("+1 call me").is_err());
}

#[test]
fn text_has_a_length_limit() {
    let raw = RawSubmission {
        message: "x".repeat(LONG_TEXT + 1),
        job_title: "y".repeat(SHORT_TEXT),
        ..valid()
    };
    let errors = errors_of(&raw);
    assert_eq!(errors.len(), 1, "{errors}");
    assert_eq!(
        errors.get(Field::Message),
        Some("too long — expected at most 5000 characters, found 5001")
    );
}

#[test]
fn a_long_input_is_cut_in_its_message() {
    let raw = RawSubmission {
        email: format!("{}@", "é".repeat(60)),
        ..valid()
    };
    let message = errors_of(&raw).get(Field::Email).unwrap().to_owned();
    assert!(
        message.starts_with(&format!("`{}…` is not", "é".repeat(40))),
        "{message}"
    );
}

#[test]
fn field_errors_serialize_as_an_object_by_key() {
    let raw = RawSubmission {
        job_title: String::new(),
        email: "ada@".into(),
        ..valid()
    };
    let errors = errors_of(&raw);
    assert_eq!(
        serde_json::to_value(&errors).unwrap(),
        serde_json::json!({
            "email": "`ada@` is not an email address — expected name@example.com",
            "job_title": "missing — expected your job title, like Head of Sales",
        })
    );
    assert_eq!(
        errors.to_string(),
        "email: `ada@` is not an email address — expected name@example.com; \
         job_title: missing — expected your job title, like Head of Sales"
    );
}

#[test]
fn a_form_body_is_decoded_as_browsers_encode_it() {
    let raw = RawSubmission::from_form(
        b"name=Ada+Lovelace&email=ada%40acme.com&company=Acme+%26+Sons\
          &website=https%3A%2F%2Facme.com&job_title=CTO&message=Hi%21%0D%0ABye&submit=Send",
    );
    assert_eq!(raw.name, "Ada Lovelace");
    assert_eq!(raw.email, "ada@acme.com");
    assert_eq!(raw.company, "Acme & Sons");
    assert_eq!(raw.website, "https://acme.com");
    assert_eq!(raw.phone, "", "a field not posted is empty");
    assert_eq!(raw.job_title, "CTO");
    assert_eq!(raw.message, "Hi!\r\nBye");
}

#[test]
fn a_form_body_sent_unencoded_still_reads() {
    let raw = RawSubmission::from_form("name=Zoë Ó Súilleabháin&message=<b>#1</b>".as_bytes());
    assert_eq!(raw.name, "Zoë Ó Súilleabháin");
    assert_eq!(raw.message, "<b>#1</b>");
}

#[test]
fn a_form_body_with_a_repeated_field_keeps_the_last() {
    let raw = RawSubmission::from_form(b"email=a%40acme.com&email=b%40acme.com&=x&junk");
    assert_eq!(raw.email, "b@acme.com");
    assert_eq!(raw, RawSubmission::from_form(b"email=b%40acme.com"));
}

#[test]
fn a_json_body_reads_strings_and_nulls() {
    let raw = RawSubmission::from_json(
        br#"{"name": "Ada Lovelace", "email": "ada@acme.com", "phone": null, "extra": 1}"#,
    )
    .unwrap();
    assert_eq!(raw.name, "Ada Lovelace");
    assert_eq!(raw.email, "ada@acme.com");
    assert_eq!(raw.phone, "");
    assert_eq!(raw.company, "");
}

#[test]
fn a_json_body_of_another_shape_is_refused() {
    for body in [&b"[1, 2]"[..], b"{\"name\": 7}", b"name=Ada", b""] {
        let error = RawSubmission::from_json(body).unwrap_err();
        assert!(
            error.starts_with("the body is not a JSON object of the form's fields"),
            "{error}"
        );
    }
}

#[test]
fn every_field_has_a_distinct_key() {
    for field in Field::ALL {
        assert_eq!(Field::from_key(field.key()), Some(field));
    }
    assert_eq!(Field::from_key("submit"), None);
}
