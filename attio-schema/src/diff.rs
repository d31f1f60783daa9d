//! Schema diff (being written).
