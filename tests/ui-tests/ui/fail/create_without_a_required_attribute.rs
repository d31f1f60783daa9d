use attio_runtime::value::ActorRef;
use attio_runtime::Record;

// As generated: `deals` requires `name`, `owner` and `stage`, so `create`
// takes them as the named fields of `DealRequired`.
#[derive(Record)]
#[attio(object = "deals")]
pub struct Deal {
    /// Deal name · text · required
    #[attio(attribute = "name")]
    pub name: Option<String>,
    /// Deal owner · actor-reference · required
    #[attio(attribute = "owner")]
    pub owner: Option<ActorRef>,
    /// Deal stage · status · required
    #[attio(attribute = "stage")]
    pub stage: Option<String>,
}

fn main() {
    // The owner is left out: the error names it.
    let _ = Deal::create(DealRequired {
        name: "Acme renewal".into(),
        stage: "In Progress".into(),
    });
}
