//! Layout and rendering of memorandums to archival PDF/A.
//!
//! Empty on purpose: this crate is the place for the renderer (krilla + our own layout), which the
//! rendering issue builds. It exists now so that the workspace has its final shape and the
//! dependency rules in ARCHITECTURE.md can be checked from the start.
