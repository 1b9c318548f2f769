//! Keystore, certificates, and PAdES signing and verification.
//!
//! Empty on purpose: this crate is the only place private keys will ever live, and the signing
//! issue fills it. It exists now so that the workspace has its final shape and the rule "private
//! keys never leave `kelisim-sign`" has a home from the start.
