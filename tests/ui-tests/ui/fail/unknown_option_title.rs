use attio_runtime::Options;

#[derive(Debug, Clone, PartialEq, Options)]
#[attio(object = "companies", attribute = "categories")]
enum Category {
    // Defaults to the variant name, but Attio spells it "B2B".
    B2b,
    #[attio(title = "Enterprize")]
    Enterprise,
    Other(String),
}

fn main() {}
