//! [`SeveralValues`], the argument of a multiselect attribute's setter.

/// Several values for a multiselect attribute: anything iterable whose items
/// convert into the attribute's value type (an array, a `Vec`, an iterator).
///
/// The bound of every multiselect setter of a write model. One value is not
/// several, so passing it names the attribute's kind and the fix instead of
/// rustc's "is not an iterator":
///
/// ```
/// use attio_runtime::value::SeveralValues;
///
/// fn domains(values: impl SeveralValues<String>) -> Vec<String> {
///     values.collect_values()
/// }
/// assert_eq!(domains(["acme.com"]), ["acme.com"]);
/// assert_eq!(domains(vec!["acme.com", "acme.io"]).len(), 2);
/// ```
#[diagnostic::on_unimplemented(
    message = "this attribute is multiselect: it takes several values, not one `{Self}`",
    label = "pass `[value]` for one value, or a `Vec<{T}>` or an iterator for several",
    note = "a multiselect attribute holds a list of values in Attio, so its setter takes a list"
)]
pub trait SeveralValues<T> {
    /// The values, converted, in order.
    fn collect_values(self) -> Vec<T>;
}

impl<I, T> SeveralValues<T> for I
where
    I: IntoIterator,
    I::Item: Into<T>,
{
    fn collect_values(self) -> Vec<T> {
        self.into_iter().map(Into::into).collect()
    }
}
