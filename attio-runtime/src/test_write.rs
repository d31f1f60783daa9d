//! A write model for record and entry types implemented by hand in unit
//! tests, where the derive (which generates one per type) is not at hand.

use std::marker::PhantomData;

use crate::record::{Values, Write};

/// The write model of `T`: values and nothing else.
#[derive(Debug)]
pub(crate) struct TestWrite<T>(Values, PhantomData<T>);

// Manual impls: derives would require `T: Default` and `T: Clone`.
impl<T> Default for TestWrite<T> {
    fn default() -> Self {
        TestWrite(Values::new(), PhantomData)
    }
}

impl<T> Clone for TestWrite<T> {
    fn clone(&self) -> Self {
        TestWrite(self.0.clone(), PhantomData)
    }
}

impl<T> Write for TestWrite<T> {
    type Target = T;
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
