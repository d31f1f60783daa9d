//! `#[derive(Record)]`, `#[derive(Entry)]` and `#[derive(Options)]`.
//! (Placeholder while the expansion is written.)
extern crate proc_macro;
use proc_macro::TokenStream;

/// Binds a struct to an Attio object.
#[proc_macro_derive(Record, attributes(attio))]
pub fn derive_record(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Binds a struct to an Attio list's entry attributes.
#[proc_macro_derive(Entry, attributes(attio))]
pub fn derive_entry(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}

/// Binds an enum to the options or statuses of a select or status attribute.
#[proc_macro_derive(Options, attributes(attio))]
pub fn derive_options(_input: TokenStream) -> TokenStream {
    TokenStream::new()
}
