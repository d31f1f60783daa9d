use attio_runtime::Options;

#[derive(Options)]
#[attio(object = "deals", attribute = "stage")]
enum Stage {
    Lead,
    Won,
}

fn main() {}
