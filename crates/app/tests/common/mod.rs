//! What the app's integration tests share: the example memorandum, and an installation whose
//! memorandum is approved and then signed with a fresh key.
#![allow(dead_code, clippy::unwrap_used)] // each test file uses some of it; a failed unwrap is a failed test

use std::path::Path;

use kelisim_app::{AppError, Kelisim, NewKeyRequest, Passphrase, SignFileOptions};

pub const EXAMPLE: &str = include_str!("../../../core/tests/fixtures/youth-volunteering.json");

/// Who holds a key made for a test.
pub struct Holder<'a> {
    pub label: &'a str,
    pub name: &'a str,
    pub position: &'a str,
    pub organisation: &'a str,
    pub bin: &'a str,
}

/// The example's minister (a signatory of it).
pub const MINISTER: Holder<'static> = Holder {
    label: "minister",
    name: "Ж. К. Әбенова",
    position: "Министр",
    organisation: "Ғылым және жоғары білім министрлігі",
    bin: "980310005674",
};

/// The example, approved on a fresh installation at `data`, then signed (and so certified) with
/// a new key of `holder`: the installation, the memorandum's id and what signing answered.
pub async fn approved_then_signed(
    data: &Path,
    holder: &Holder<'_>,
) -> (Kelisim, u32, Result<(), AppError>) {
    std::env::set_var("KELISIM_TEST_KDF", "fast");
    let app = Kelisim::open(data).await.unwrap();
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    app.approve(memo.id).await.unwrap();
    let pass = Passphrase::from(format!("{}'s passphrase", holder.label));
    let request = NewKeyRequest {
        label: holder.label.into(),
        name: holder.name.into(),
        position: holder.position.into(),
        organisation: holder.organisation.into(),
        bin: Some(holder.bin.into()),
        validity_days: 365,
        issuer: None,
        is_ca: false,
    };
    app.key_new(&request, &pass, None).await.unwrap();
    let options = SignFileOptions {
        certify: true,
        reason: None,
        location: None,
    };
    let signed = app
        .memo_sign(memo.id, holder.label, &pass, &options)
        .await
        .map(|_| ());
    (app, memo.id, signed)
}
