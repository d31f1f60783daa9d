//! Collects every error of one derive so that they are all reported at once
//! (a typo in one field must not hide the problems of the others).

use proc_macro2::TokenStream;
use quote::ToTokens;

/// The errors found so far while checking one item.
#[derive(Default)]
pub struct Errors {
    errors: Vec<syn::Error>,
}

impl Errors {
    /// Records an error.
    pub fn push(&mut self, error: syn::Error) {
        self.errors.push(error);
    }

    /// Records an error spanning `tokens`.
    pub fn at<T: ToTokens>(&mut self, tokens: T, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new_spanned(tokens, message));
    }

    /// Records an error at `span`.
    pub fn at_span(&mut self, span: proc_macro2::Span, message: impl std::fmt::Display) {
        self.errors.push(syn::Error::new(span, message));
    }

    /// Whether no error was recorded.
    #[cfg(test)]
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// The number of errors recorded.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// The messages, for tests.
    #[cfg(test)]
    pub fn messages(&self) -> Vec<String> {
        self.errors.iter().map(ToString::to_string).collect()
    }

    /// One `compile_error!` per error.
    pub fn to_compile_errors(&self) -> TokenStream {
        self.errors
            .iter()
            .map(syn::Error::to_compile_error)
            .collect()
    }
}

impl Errors {
    /// Moves the errors of `other` into `self`.
    pub fn extend(&mut self, other: Errors) {
        self.errors.extend(other.errors);
    }
}
