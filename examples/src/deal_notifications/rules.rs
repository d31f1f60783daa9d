//! What makes a deal worth announcing and where it is announced: the stage
//! it must reach, the value it must exceed, the Slack channel per deal
//! type, and which webhook events can mean a deal reached a stage. Pure
//! functions, no I/O.

use std::fmt;
use std::str::FromStr;

use attio_runtime::chrono::TimeDelta;
use attio_runtime::webhooks::Event;
use attio_runtime::{AttributeId, Decimal, ObjectId, RecordId};

use crate::attio::{Deal, DealDealType, DealStage};

/// When a deal is announced, where, and the follow-up task's deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct Rules {
    /// The stage a deal must reach (by default [`DealStage::Won`]).
    pub stage: DealStage,
    /// A deal's value must be strictly above this amount, in the deal's
    /// own currency; a deal without a value is never announced.
    pub min_value: Decimal,
    /// The incoming webhook of each deal type.
    pub channels: Channels,
    /// How long after the announcement the owner's task is due.
    pub task_due_in: TimeDelta,
}

/// Why [`Rules::check`] does not announce a deal.
#[derive(Debug, Clone, PartialEq)]
pub enum NotAnnounced {
    /// The deal is in another stage (or none).
    OtherStage(Option<DealStage>),
    /// The deal has no value, or one not above the threshold.
    BelowThreshold(Option<Decimal>),
    /// No channel takes deals of this type, and there is no default.
    NoChannel(Option<DealDealType>),
}

impl fmt::Display for NotAnnounced {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotAnnounced::OtherStage(Some(stage)) => write!(f, "it is in stage {stage}"),
            NotAnnounced::OtherStage(None) => f.write_str("it has no stage"),
            NotAnnounced::BelowThreshold(Some(value)) => {
                write!(f, "its value {value} is not above the threshold")
            }
            NotAnnounced::BelowThreshold(None) => f.write_str("it has no value"),
            NotAnnounced::NoChannel(Some(deal_type)) => {
                write!(f, "no channel takes {deal_type} deals")
            }
            NotAnnounced::NoChannel(None) => {
                f.write_str("it has no deal type and there is no default channel")
            }
        }
    }
}

impl Rules {
    /// The channel `deal` is announced on, or why it is not announced.
    pub fn check<'a>(&'a self, deal: &Deal) -> Result<&'a Channel, NotAnnounced> {
        if deal.stage.as_ref() != Some(&self.stage) {
            return Err(NotAnnounced::OtherStage(deal.stage.clone()));
        }
        let value = deal.value.map(|v| v.amount());
        if value.is_none_or(|v| v <= self.min_value) {
            return Err(NotAnnounced::BelowThreshold(value));
        }
        self.channels
            .for_type(deal.deal_type.as_ref())
            .ok_or_else(|| NotAnnounced::NoChannel(deal.deal_type.clone()))
    }
}

/// A Slack incoming webhook: a name for logs and the URL, which is a
/// secret (anyone holding it can post to the channel), so neither `Debug`
/// nor `Display` shows more than its host.
#[derive(Clone, PartialEq, Eq)]
pub struct Channel {
    name: String,
    url: reqwest::Url,
}

impl Channel {
    /// A channel named `name` (for logs) posting to `url`, an `http` or
    /// `https` URL.
    pub fn new(name: impl Into<String>, url: &str) -> Result<Channel, ChannelError> {
        let parsed = reqwest::Url::parse(url).map_err(|_| ChannelError::Url)?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(ChannelError::Url);
        }
        Ok(Channel {
            name: name.into(),
            url: parsed,
        })
    }

    /// The name it was given: its deal type, or `default`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The URL to post to; keep it out of logs.
    pub fn url(&self) -> &reqwest::Url {
        &self.url
    }
}

impl fmt::Debug for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Channel({self})")
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (scheme, host) = (self.url.scheme(), self.url.host_str().unwrap_or("?"));
        write!(f, "{} ({scheme}://{host}/…)", self.name)
    }
}

/// Why a `--channel` setting was refused. The messages never repeat the
/// URL, which is a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChannelError {
    /// Not an `http(s)://host/…` URL.
    Url,
    /// `TYPE=URL` with an empty type.
    EmptyType,
    /// Two channels for the same deal type (or two defaults).
    Twice(String),
}

impl fmt::Display for ChannelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChannelError::Url => f.write_str(
                "expected `DEAL TYPE=https://hooks.slack.com/…` or a bare URL for the default channel; the URL is not an http(s) URL",
            ),
            ChannelError::EmptyType => f.write_str(
                "expected a deal type before `=`, like `New business=https://hooks.slack.com/…`",
            ),
            ChannelError::Twice(name) => {
                write!(f, "the channel for `{name}` is given twice; keep one")
            }
        }
    }
}

impl std::error::Error for ChannelError {}

/// One `--channel` setting: `New business=https://…` for a deal type,
/// `default=https://…` or a bare URL for every other type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    /// The deal type, or `None` for the default channel.
    pub deal_type: Option<DealDealType>,
    /// Where those deals go.
    pub channel: Channel,
}

impl FromStr for Route {
    type Err = ChannelError;

    fn from_str(setting: &str) -> Result<Route, ChannelError> {
        // A URL's own `=` (in its query) comes after `://`, so a `=` before
        // the scheme separates the type; otherwise it is a bare URL.
        let split = setting
            .split_once('=')
            .filter(|(before, _)| !before.contains("://"));
        let (deal_type, url) = match split {
            Some((name, url)) => (name.trim(), url.trim()),
            None => ("default", setting.trim()),
        };
        if deal_type.is_empty() {
            return Err(ChannelError::EmptyType);
        }
        let channel = Channel::new(deal_type, url)?;
        let deal_type = (!deal_type.eq_ignore_ascii_case("default")).then(|| deal_type.into());
        Ok(Route { deal_type, channel })
    }
}

/// The channel of each deal type, and the default for the others.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Channels {
    by_type: Vec<(DealDealType, Channel)>,
    default: Option<Channel>,
}

impl Channels {
    /// Channels from `routes`; a deal type (or the default) given twice is
    /// an error rather than a silent override.
    pub fn new(routes: impl IntoIterator<Item = Route>) -> Result<Channels, ChannelError> {
        let mut channels = Channels::default();
        for route in routes {
            let taken = match &route.deal_type {
                Some(t) => channels.by_type.iter().any(|(known, _)| known == t),
                None => channels.default.is_some(),
            };
            if taken {
                return Err(ChannelError::Twice(route.channel.name().to_owned()));
            }
            match route.deal_type {
                Some(t) => channels.by_type.push((t, route.channel)),
                None => channels.default = Some(route.channel),
            }
        }
        Ok(channels)
    }

    /// Whether no channel at all is configured.
    pub fn is_empty(&self) -> bool {
        self.by_type.is_empty() && self.default.is_none()
    }

    /// The channel of `deal_type`, else the default.
    pub fn for_type(&self, deal_type: Option<&DealDealType>) -> Option<&Channel> {
        deal_type
            .and_then(|t| self.by_type.iter().find(|(known, _)| known == t))
            .map(|(_, channel)| channel)
            .or(self.default.as_ref())
    }

    /// Every configured channel, by type then the default.
    pub fn iter(&self) -> impl Iterator<Item = &Channel> {
        self.by_type.iter().map(|(_, c)| c).chain(&self.default)
    }
}

/// Which webhook events can mean that a deal reached a stage: its
/// creation, and an update of its stage attribute. Other updates (a new
/// value on a deal already won) are not a stage being reached, so they are
/// never announced even if the deal qualifies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageWatch {
    /// The id of the `deals` object in the workspace.
    pub deals: ObjectId,
    /// The id of its `stage` attribute.
    pub stage: AttributeId,
}

impl StageWatch {
    /// The deals `events` may have moved into a stage, each once, in the
    /// order first named.
    pub fn deals_moved(&self, events: &[Event]) -> Vec<RecordId> {
        let mut moved: Vec<RecordId> = Vec::new();
        for event in events {
            let id = match event {
                Event::RecordCreated(e) if e.id.object_id == self.deals => &e.id.record_id,
                Event::RecordUpdated(e)
                    if e.id.object_id == self.deals && e.id.attribute_id == self.stage =>
                {
                    &e.id.record_id
                }
                _ => continue,
            };
            if !moved.contains(id) {
                moved.push(id.clone());
            }
        }
        moved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use attio_runtime::value::Currency;
    use attio_runtime::Model as _;

    fn route(setting: &str) -> Route {
        setting.parse().unwrap()
    }

    fn rules() -> Rules {
        Rules {
            stage: DealStage::Won,
            min_value: Decimal::from(10_000),
            channels: Channels::new([
                route("New business=https://hooks.slack.com/services/T0/B1/new"),
                route("https://hooks.slack.com/services/T0/B2/other"),
            ])
            .unwrap(),
            task_due_in: TimeDelta::days(3),
        }
    }

    fn deal(stage: DealStage, value: Option<i32>, deal_type: Option<DealDealType>) -> Deal {
        let mut deal = Deal::from_values(&Default::default()).unwrap();
        deal.stage = Some(stage);
        deal.value = value.map(Currency::from);
        deal.deal_type = deal_type;
        deal
    }

    #[test]
    fn a_deal_in_the_stage_above_the_threshold_goes_to_its_types_channel() {
        let rules = rules();
        let won = deal(
            DealStage::Won,
            Some(25_000),
            Some(DealDealType::NewBusiness),
        );
        assert_eq!(rules.check(&won).unwrap().name(), "New business");
        let expansion = deal(DealStage::Won, Some(25_000), Some(DealDealType::Expansion));
        assert_eq!(rules.check(&expansion).unwrap().name(), "default");
    }

    #[test]
    fn other_stages_small_deals_and_unrouted_types_are_not_announced() {
        let rules = rules();
        let lost = deal(DealStage::Lost, Some(25_000), None);
        assert_eq!(
            rules.check(&lost),
            Err(NotAnnounced::OtherStage(Some(DealStage::Lost)))
        );
        let at_threshold = deal(DealStage::Won, Some(10_000), None);
        assert_eq!(
            rules.check(&at_threshold),
            Err(NotAnnounced::BelowThreshold(Some(Decimal::from(10_000))))
        );
        let no_value = deal(DealStage::Won, None, None);
        assert_eq!(
            rules.check(&no_value),
            Err(NotAnnounced::BelowThreshold(None))
        );

        let only_new_business = Rules {
            channels: Channels::new([route("New business=https://hooks.slack.com/x")]).unwrap(),
            ..rules
        };
        let renewal = deal(DealStage::Won, Some(25_000), Some(DealDealType::Renewal));
        assert_eq!(
            only_new_business.check(&renewal),
            Err(NotAnnounced::NoChannel(Some(DealDealType::Renewal)))
        );
    }

    #[test]
    fn channel_settings_parse_types_defaults_and_urls_with_queries() {
        let typed = route(" Expansion = https://hooks.slack.com/services/T0/B1/x?a=b ");
        assert_eq!(typed.deal_type, Some(DealDealType::Expansion));
        assert_eq!(
            typed.channel.url().as_str(),
            "https://hooks.slack.com/services/T0/B1/x?a=b"
        );
        let bare = route("https://hooks.slack.com/services/T0/B1/x?a=b");
        assert_eq!(bare.deal_type, None);
        assert_eq!(route("default=http://127.0.0.1:9/x").deal_type, None);

        assert_eq!(
            "=https://x.org/".parse::<Route>(),
            Err(ChannelError::EmptyType)
        );
        assert_eq!(
            "New business=hooks".parse::<Route>(),
            Err(ChannelError::Url)
        );
        assert_eq!("ftp://x.org/".parse::<Route>(), Err(ChannelError::Url));
        let twice = Channels::new([route("https://a.org/1"), route("default=https://a.org/2")]);
        assert_eq!(twice, Err(ChannelError::Twice("default".into())));
    }

    #[test]
    fn a_channel_never_shows_its_url() {
        let channel = route("Renewal=https://hooks.slack.com/services/T0/B1/secret").channel;
        let shown = format!("{channel} {channel:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert_eq!(channel.to_string(), "Renewal (https://hooks.slack.com/…)");
    }

    #[test]
    fn only_creations_and_stage_updates_of_deals_can_move_a_deal() {
        use attio_runtime::webhooks::Delivery;

        const DEALS: &str = "00000000-0001-4000-8000-000000000003";
        const STAGE: &str = "00000000-0003-4000-8000-000000000076";
        const VALUE: &str = "00000000-0003-4000-8000-000000000077";
        const PEOPLE: &str = "00000000-0001-4000-8000-000000000002";
        let event = |event_type: &str, object: &str, record: u32, attribute: Option<&str>| {
            let mut id = attio_runtime::serde_json::json!({
                "workspace_id": "8f1d5c3e-2a4b-4c6d-9e0f-1a2b3c4d5e6f",
                "object_id": object,
                "record_id": format!("00000000-0000-4000-8000-{record:012}"),
            });
            if let Some(attribute) = attribute {
                id["attribute_id"] = attribute.into();
            }
            attio_runtime::serde_json::json!({"event_type": event_type, "id": id,
                "actor": {"type": "api-token", "id": "67562b1c-1f2e-4d3a-8b9c-0d1e2f3a4b5c"}})
        };
        let body = attio_runtime::serde_json::json!({
            "webhook_id": "302d7c78-e792-4964-a6c2-1c347385be92",
            "events": [
                event("record.updated", DEALS, 1, Some(VALUE)),
                event("record.updated", DEALS, 2, Some(STAGE)),
                event("record.created", DEALS, 3, None),
                event("record.updated", DEALS, 2, Some(STAGE)),
                event("record.created", PEOPLE, 4, None),
                event("record.updated", PEOPLE, 5, Some(STAGE)),
                event("record.deleted", DEALS, 6, None),
            ],
        });
        let events = Delivery::from_slice(body.to_string().as_bytes())
            .unwrap()
            .events;
        let watch = StageWatch {
            deals: ObjectId::new(DEALS).unwrap(),
            stage: AttributeId::new(STAGE).unwrap(),
        };
        let record = |n: u32| RecordId::new(&format!("00000000-0000-4000-8000-{n:012}")).unwrap();
        assert_eq!(watch.deals_moved(&events), [record(2), record(3)]);
    }
}
