//! A record type and a list entry type written by hand, as the derive
//! would generate them.

use super::*;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Company;

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct CompanyWrite(Values);

impl Write for CompanyWrite {
    type Target = Company;
    fn values(&self) -> &Values {
        &self.0
    }
    fn values_mut(&mut self) -> &mut Values {
        &mut self.0
    }
    fn into_values(self) -> Values {
        self.0
    }
}

impl Record for Company {
    const OBJECT: &'static str = "companies";
}

impl attio_runtime::Model for Company {
    const TARGET: attio_runtime::Target = attio_runtime::Target::Object;
    const SLUG: &'static str = "companies";
    type Write = CompanyWrite;
    fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
        Ok(Company)
    }
    fn to_write(&self) -> CompanyWrite {
        CompanyWrite::default()
    }
}

impl Company {
    pub(crate) const NAME: Attribute<Company, kind::Text> = Attribute::new("name");
    pub(crate) const DOMAINS: Attribute<Company, kind::Domain, Unique> = Attribute::new("domains");
    pub(crate) const EMPLOYEES: Attribute<Company, kind::Number> = Attribute::new("employee_count");
    pub(crate) const FOUNDED: Attribute<Company, kind::Date> = Attribute::new("foundation_date");
    pub(crate) const ARR: Attribute<Company, kind::Currency> = Attribute::new("arr");
    pub(crate) const SCORE: Attribute<Company, kind::Rating> = Attribute::new("score");
    pub(crate) const UPDATED: Attribute<Company, kind::Timestamp> = Attribute::new("updated_at");
    pub(crate) const ACTIVE: Attribute<Company, kind::Checkbox> = Attribute::new("active");
    pub(crate) const TIER: Attribute<Company, kind::Select> = Attribute::new("tier");
    pub(crate) const STAGE: Attribute<Company, kind::Status> = Attribute::new("stage");
    pub(crate) const PARENT: Attribute<Company, kind::RecordReference> =
        Attribute::new("parent_company");
    pub(crate) const OWNER: Attribute<Company, kind::ActorReference> = Attribute::new("owner");
    pub(crate) const LOCATION: Attribute<Company, kind::Location> =
        Attribute::new("primary_location");
    pub(crate) const PHONES: Attribute<Company, kind::PhoneNumber> =
        Attribute::new("phone_numbers");
    pub(crate) const EMAILS: Attribute<Company, kind::EmailAddress> =
        Attribute::new("email_addresses");
    pub(crate) const CONTACT: Attribute<Company, kind::PersonalName> =
        Attribute::new("contact_name");
    pub(crate) const LAST_EMAIL: Attribute<Company, kind::Interaction> =
        Attribute::new("last_email_interaction");
}

pub(crate) struct Pipeline;

#[derive(Debug, Clone, Default)]
pub(crate) struct PipelineWrite(Values);

impl Write for PipelineWrite {
    type Target = Pipeline;
    fn values(&self) -> &Values {
        &self.0
    }
    fn values_mut(&mut self) -> &mut Values {
        &mut self.0
    }
    fn into_values(self) -> Values {
        self.0
    }
}

impl attio_runtime::Entry for Pipeline {
    const LIST: &'static str = "enterprise_pipeline";
    const PARENT_OBJECTS: &'static [&'static str] = &["companies"];
}

impl attio_runtime::Model for Pipeline {
    const TARGET: attio_runtime::Target = attio_runtime::Target::List;
    const SLUG: &'static str = "enterprise_pipeline";
    type Write = PipelineWrite;
    fn from_values(_: &Map<String, Value>) -> Result<Self, DecodeError> {
        Ok(Pipeline)
    }
    fn to_write(&self) -> PipelineWrite {
        PipelineWrite::default()
    }
}
