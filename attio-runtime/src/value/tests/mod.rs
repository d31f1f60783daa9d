//! Unit tests of the value types: what each decoder accepts and refuses
//! ([`decoder`]), and property tests of encoding and decoding ([`round_trip`]).

mod decoder;
mod round_trip;
