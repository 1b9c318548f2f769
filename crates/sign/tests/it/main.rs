//! The one integration-test binary of `kelisim-sign`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod attacks;
mod common;
mod fuzz;
mod interop;
mod keystore;
mod signing;
mod structure;
mod trust;
mod whitelist;
