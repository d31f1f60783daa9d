//! [`RecordFuture`]: the future of a write answered by one record.

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use futures_util::future::BoxFuture;
use reqwest::Method;

use super::transport::{decode_data, Call};
use crate::record::Record;
use crate::Stored;
use crate::{Client, Error};

/// The future of [`Client::create_record`], [`update_record`](Client::update_record),
/// [`overwrite_record`](Client::overwrite_record), [`upsert_record`](Client::upsert_record) and
/// [`assert_record`](Client::assert_record): the record written, kept in the client's
/// cache if it has one.
///
/// A named type rather than an `async fn`'s: that future's type would name
/// every generic argument of the call, so the compiler would report a
/// non-unique matching attribute, or the write model of another record
/// type, three times (at the argument, the call and the `.await`). This
/// one names only the record type, and the error appears once, at the
/// argument. The request itself is the transport's future, boxed: it does
/// not depend on the record type.
#[must_use = "a write sends nothing until it is awaited"]
pub struct RecordFuture<'a, R> {
    client: &'a Client,
    method: Method,
    path: String,
    /// The request, or the error that refused it before sending.
    sending: BoxFuture<'a, Result<Vec<u8>, Error>>,
    // `fn() -> R` keeps the future Send whatever `R` is: no `R` is held.
    _record: PhantomData<fn() -> R>,
}

impl<'a, R: Record> RecordFuture<'a, R> {
    /// Sends `call` when first polled.
    pub(crate) fn send(client: &'a Client, call: Call) -> Self {
        let (method, path) = (call.method.clone(), call.path.clone());
        RecordFuture {
            client,
            method,
            path,
            sending: Box::pin(client.send(call)),
            _record: PhantomData,
        }
    }

    /// Fails with `error` without sending `method path`.
    pub(crate) fn refused(client: &'a Client, method: Method, path: String, error: Error) -> Self {
        let error = error.with_request(method.as_str(), &path);
        RecordFuture {
            client,
            method,
            path,
            sending: Box::pin(std::future::ready(Err(error))),
            _record: PhantomData,
        }
    }
}

impl<R: Record> Future for RecordFuture<'_, R> {
    type Output = Result<Stored<R>, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let body = ready!(this.sending.as_mut().poll(cx))?;
        let record: Stored<R> = decode_data(&body, &this.method, &this.path)?;
        if let Some(cache) = &this.client.inner.cache {
            cache.put(R::OBJECT, record.id.record_id.as_str(), body);
        }
        Poll::Ready(Ok(record))
    }
}

impl<R> fmt::Debug for RecordFuture<'_, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordFuture")
            .field("method", &self.method)
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}
