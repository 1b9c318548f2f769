//! The exchange flow as an attacker would use it (issue 12): a certified PDF intercepted and
//! changed, a CA trusted for one organisation vouching for another, a CA trusted for nobody in
//! particular, a file whose pages cannot be re-derived, a key file planted in the keystore, and
//! "trust the signer" of a changed PDF. Each party has its own data folder and keystore and runs
//! the real `kelisim` binary; keys use the test Argon2id costs (`KELISIM_TEST_KDF=fast`, debug
//! builds only: the keystore's floor, 19 MiB and 2 passes).
#![allow(clippy::expect_used, clippy::unwrap_used)] // a test helper that fails is a failed test

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;
use common::{fixture, s, Party};

use lopdf::{dictionary, Document, IncrementalDocument, Object, Stream};

const MINISTRY: &str = "Министерство науки и высшего образования Республики Казахстан";
const MINISTRY_BIN: &str = "980310005674";
const FUND: &str = "Общественный фонд «Молодые волонтеры»";
const FUND_BIN: &str = "211140000425";

impl Party {
    fn key(&self, label: &str, name: &str, organisation: &str, bin: Option<&str>) {
        let mut args = vec![
            "key",
            "new",
            label,
            "--name",
            name,
            "--organisation",
            organisation,
        ];
        if let Some(bin) = bin {
            args.extend(["--bin", bin]);
        }
        self.ok(&args);
    }
}

/// The ministry's installation: the memorandum approved, signed (and so certified) by the
/// minister; the PDF and the minister's certificate written to `root`.
fn ministry_signed(root: &Path) -> (Party, PathBuf, PathBuf) {
    let a = Party::new(root, "ministry");
    a.ok(&["memo", "import", &fixture()]);
    a.ok(&["memo", "approve", "1"]);
    a.key("aigerim", "Ж. К. Әбенова", MINISTRY, Some(MINISTRY_BIN));
    let signed = a.json(&["memo", "sign", "1", "--key", "aigerim"]);
    assert_eq!(signed["signature"]["certified"], true);
    let (pdf, pem) = (root.join("ministry.pdf"), root.join("ministry.pem"));
    a.ok(&["memo", "pdf", "1", "--out", s(&pdf)]);
    a.ok(&["key", "certificate", "aigerim", "--out", s(&pem)]);
    (a, pdf, pem)
}

/// An incremental update that gives page 1 a new content stream: a clause rewritten.
fn rewrite_first_page(pdf: &[u8]) -> Vec<u8> {
    let prev = Document::load_mem(pdf).unwrap();
    let page_id = *prev.get_pages().get(&1).unwrap();
    let mut inc = IncrementalDocument::create_from(pdf.to_vec(), prev);
    let clause = inc.new_document.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 11 Tf 72 700 Td (2.1. The Fund bears every cost of the ministry.) Tj ET".to_vec(),
    ));
    inc.opt_clone_object_to_new_document(page_id).unwrap();
    inc.new_document
        .get_object_mut(page_id)
        .unwrap()
        .as_dict_mut()
        .unwrap()
        .set("Contents", Object::Reference(clause));
    let mut out = Vec::new();
    inc.save_to(&mut out).unwrap();
    assert!(out.starts_with(pdf));
    out
}

/// A one-page PDF that is not a Kelisim rendering (no embedded memorandum).
fn plain_pdf() -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages = doc.new_object_id();
    let content = doc.add_object(Stream::new(
        dictionary! {},
        b"BT /F1 12 Tf 72 720 Td (An ordinary letter.) Tj ET".to_vec(),
    ));
    let page = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content,
    });
    doc.objects.insert(
        pages,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page.into()],
            "Count" => 1,
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn an_intercepted_certified_pdf_with_a_rewritten_clause_is_refused_on_import_and_not_signed() {
    let root = tempfile::tempdir().unwrap();
    let (_, pdf, pem) = ministry_signed(root.path());
    let tampered = root.path().join("tampered.pdf");
    std::fs::write(&tampered, rewrite_first_page(&std::fs::read(&pdf).unwrap())).unwrap();

    let fund = Party::new(root.path(), "fund");
    fund.ok(&["trust", "add", s(&pem)]);
    fund.key("timur", "Т. М. Оспанов", FUND, Some(FUND_BIN));

    let out = fund.run(&["--json", "verify", s(&tampered)]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_ne!(report["verdict"], "valid", "{report}");

    let (code, err) = fund.fails(&["memo", "import", s(&tampered)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[signature_invalid]"), "{err}");
    assert!(err.contains("refused"), "names why: {err}");
    assert_eq!(fund.memo_count(), 0, "nothing was filed");
    // Nothing to sign: the changed PDF never became a memorandum here.
    let (code, err) = fund.fails(&["memo", "sign", "1", "--key", "timur"]);
    assert_eq!(code, 3, "{err}");

    // The untouched PDF imports and is signed.
    fund.ok(&["memo", "import", s(&pdf)]);
    fund.ok(&["memo", "sign", "1", "--key", "timur"]);
}

/// Replaces the newest stored PDF of memorandum 1 in an installation's database, as an attacker
/// with access to the data folder (or a bug) would.
fn replace_latest_pdf(data: &Path, pdf: &[u8]) {
    let url = format!("sqlite://{}", data.join("kelisim.sqlite3").display());
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            let mut conn = <sqlx::SqliteConnection as sqlx::Connection>::connect(&url)
                .await
                .unwrap();
            let done = sqlx::query(
                "UPDATE memorandum_pdfs SET pdf = ? WHERE memorandum_id = 1
                 AND seq = (SELECT max(seq) FROM memorandum_pdfs WHERE memorandum_id = 1)",
            )
            .bind(pdf)
            .execute(&mut conn)
            .await
            .unwrap();
            assert_eq!(done.rows_affected(), 1);
        });
}

#[test]
fn a_stored_signed_pdf_changed_behind_the_registry_is_not_signed_under() {
    let root = tempfile::tempdir().unwrap();
    let (_, pdf, pem) = ministry_signed(root.path());
    let fund = Party::new(root.path(), "fund");
    fund.ok(&["trust", "add", s(&pem)]);
    fund.key("timur", "Т. М. Оспанов", FUND, Some(FUND_BIN));
    fund.ok(&["memo", "import", s(&pdf)]);
    replace_latest_pdf(
        &fund.data,
        &rewrite_first_page(&std::fs::read(&pdf).unwrap()),
    );
    let (code, err) = fund.fails(&["memo", "sign", "1", "--key", "timur"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("does not verify") && err.contains("[signature_invalid]"),
        "{err}"
    );
}

#[test]
fn a_ca_trusted_for_its_own_bin_cannot_vouch_for_the_ministry() {
    let root = tempfile::tempdir().unwrap();
    // The fund's CA issues a certificate naming the minister and the ministry's BIN, and signs
    // the memorandum in the ministry's seat with it.
    let ngo = Party::new(root.path(), "ngo");
    ngo.ok(&[
        "key",
        "ca",
        "new",
        "fund-ca",
        "--name",
        "Fund CA",
        "--organisation",
        FUND,
        "--bin",
        FUND_BIN,
    ]);
    ngo.ok(&[
        "key",
        "new",
        "forged",
        "--issuer",
        "fund-ca",
        "--name",
        "Ж. К. Әбенова",
        "--organisation",
        MINISTRY,
        "--bin",
        MINISTRY_BIN,
    ]);
    ngo.ok(&["memo", "import", &fixture()]);
    ngo.ok(&["memo", "approve", "1"]);
    let signed = ngo.json(&["memo", "sign", "1", "--key", "forged"]);
    assert_eq!(signed["signature"]["field"], "kelisim:ministry:minister");
    let (pdf, ca_pem) = (root.path().join("forged.pdf"), root.path().join("ca.pem"));
    ngo.ok(&["memo", "pdf", "1", "--out", s(&pdf)]);
    ngo.ok(&["key", "certificate", "fund-ca", "--out", s(&ca_pem)]);

    // The victim trusts the fund's CA, for the fund: its own BIN, by default.
    let victim = Party::new(root.path(), "victim");
    let added = victim.json(&["trust", "add", s(&ca_pem)]);
    assert_eq!(added["scope"]["kind"], "organisations", "{added}");
    assert_eq!(added["scope"]["bins"], serde_json::json!([FUND_BIN]));
    let listed = victim.ok(&["trust", "list"]);
    assert!(listed.contains(FUND_BIN), "{listed}");

    // Not filed in the ministry's seat (the app refuses a signer outside every scope).
    let (code, err) = victim.fails(&["memo", "import", s(&pdf)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[untrusted_signer]"), "{err}");
    assert_eq!(victim.memo_count(), 0);

    // And verify does not call it trusted. Needs the sign crate's scope enforcement (issue 12,
    // class 7): until it is merged, the chain check trusts any certificate the CA issued.
    let out = victim.run(&["--json", "verify", s(&pdf)]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["signatures"][0]["trusted"], false, "{report}");
    assert_eq!(out.status.code(), Some(4), "{report}");
}

#[test]
fn trust_add_of_a_ca_needs_the_bins_it_may_vouch_for() {
    let root = tempfile::tempdir().unwrap();
    let issuer = Party::new(root.path(), "issuer");
    issuer.ok(&[
        "key", "ca", "new", "bare-ca", "--name", "Bare CA", "--days", "365",
    ]);
    issuer.key("clerk", "Clerk", FUND, Some(FUND_BIN));
    let (ca_pem, clerk_pem) = (root.path().join("ca.pem"), root.path().join("clerk.pem"));
    issuer.ok(&["key", "certificate", "bare-ca", "--out", s(&ca_pem)]);
    issuer.ok(&["key", "certificate", "clerk", "--out", s(&clerk_pem)]);

    let user = Party::new(root.path(), "user");
    // A CA naming no BIN, without --for-bin: refused, saying what to do.
    let (code, err) = user.fails(&["trust", "add", s(&ca_pem)]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("--for-bin") && err.contains("[invalid_input]"),
        "{err}"
    );
    // A malformed BIN is named.
    let (_, err) = user.fails(&["trust", "add", s(&ca_pem), "--for-bin", "123"]);
    assert!(err.contains("\"123\""), "{err}");
    // --for-bin on an end-entity certificate: refused.
    let (_, err) = user.fails(&["trust", "add", s(&clerk_pem), "--for-bin", FUND_BIN]);
    assert!(err.contains("not a CA certificate"), "{err}");
    assert_eq!(user.json(&["trust", "list"]), serde_json::json!([]));

    // With the BINs: trusted for exactly those, shown in the list, audit-logged.
    let added = user.json(&[
        "trust",
        "add",
        s(&ca_pem),
        "--for-bin",
        FUND_BIN,
        "--for-bin",
        MINISTRY_BIN,
    ]);
    assert_eq!(
        added["scope"],
        serde_json::json!({ "kind": "organisations", "bins": [FUND_BIN, MINISTRY_BIN] })
    );
    assert_eq!(added["origin"], "added");
    let clerk = user.json(&["trust", "add", s(&clerk_pem)]);
    assert_eq!(
        clerk["scope"],
        serde_json::json!({ "kind": "thisCertificate" })
    );
    let text = user.ok(&["trust", "list"]);
    assert!(
        text.contains(&format!("BIN {FUND_BIN}, {MINISTRY_BIN}")),
        "{text}"
    );
    assert!(text.contains("for its own signatures only"), "{text}");
    assert!(user.ok(&["audit", "verify"]).contains("intact"));
}

#[test]
fn own_keys_are_trusted_through_the_trust_store_and_a_planted_key_file_is_not() {
    let root = tempfile::tempdir().unwrap();
    let me = Party::new(root.path(), "me");
    me.key("mine", "Ж. К. Әбенова", MINISTRY, Some(MINISTRY_BIN));
    let list = me.json(&["trust", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    assert_eq!(list[0]["origin"], "ownKey");
    assert_eq!(list[0]["scope"]["kind"], "thisCertificate");

    // Somebody else's key file dropped into my keystore: its signatures are not trusted here.
    let other = Party::new(root.path(), "other");
    other.key("planted", "Т. М. Оспанов", FUND, Some(FUND_BIN));
    std::fs::copy(
        other.data.join("keys/planted.key.json"),
        me.data.join("keys/planted.key.json"),
    )
    .unwrap();
    other.ok(&["memo", "import", &fixture()]);
    other.ok(&["memo", "approve", "1"]);
    other.ok(&["memo", "sign", "1", "--key", "planted"]);
    let pdf = root.path().join("other.pdf");
    other.ok(&["memo", "pdf", "1", "--out", s(&pdf)]);
    let out = me.run(&["--json", "verify", s(&pdf)]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["verdict"], "validUntrusted", "{report}");
    assert_eq!(out.status.code(), Some(4));
    assert_eq!(me.json(&["trust", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_key_from_before_trust_was_recorded_is_trusted_only_with_its_passphrase() {
    let root = tempfile::tempdir().unwrap();
    let a = Party::new(root.path(), "a");
    a.ok(&["memo", "import", &fixture()]);
    a.ok(&["memo", "approve", "1"]);
    a.key("aigerim", "Ж. К. Әбенова", MINISTRY, Some(MINISTRY_BIN));
    a.ok(&["memo", "sign", "1", "--key", "aigerim"]);
    let pdf = root.path().join("a.pdf");
    a.ok(&["memo", "pdf", "1", "--out", s(&pdf)]);
    // As an installation upgraded from a version that recorded no trust: the key is not trusted.
    let fingerprint = a.json(&["trust", "list"])[0]["fingerprint"]
        .as_str()
        .unwrap()
        .to_owned();
    a.ok(&["trust", "remove", &fingerprint]);
    assert_eq!(a.run(&["verify", s(&pdf)]).status.code(), Some(4));

    // A wrong passphrase trusts nothing.
    let out = Command::new(env!("CARGO_BIN_EXE_kelisim"))
        .arg("--data-dir")
        .arg(&a.data)
        .args(["key", "trust", "aigerim"])
        .env("KELISIM_TEST_KDF", "fast")
        .env("KELISIM_PASSPHRASE", "not it")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("[wrong_passphrase]"));
    assert_eq!(a.json(&["trust", "list"]), serde_json::json!([]));

    let trusted = a.json(&["key", "trust", "aigerim"]);
    assert_eq!(trusted["fingerprint"], fingerprint.as_str());
    assert_eq!(trusted["origin"], "ownKey");
    assert_eq!(a.run(&["verify", s(&pdf)]).status.code(), Some(0));
}

#[test]
fn verify_of_a_file_whose_pages_are_not_rederivable_exits_7() {
    let root = tempfile::tempdir().unwrap();
    let me = Party::new(root.path(), "me");
    me.key("mine", "Ж. К. Әбенова", MINISTRY, Some(MINISTRY_BIN));
    let (plain, signed) = (
        root.path().join("plain.pdf"),
        root.path().join("signed.pdf"),
    );
    std::fs::write(&plain, plain_pdf()).unwrap();
    me.ok(&["sign", s(&plain), "--key", "mine", "--out", s(&signed)]);

    // Signed by a trusted key, intact: but what the pages say was never checked.
    let out = me.run(&["--json", "verify", s(&signed)]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(7), "{report}");
    assert_eq!(report["verdict"], "notRederived");
    assert_eq!(report["agreement"]["status"], "notKelisim");
    assert_eq!(report["signatures"][0]["trusted"], true, "{report}");
    let out = me.run(&["verify", s(&signed)]);
    assert_eq!(out.status.code(), Some(7));
    assert!(String::from_utf8_lossy(&out.stdout).contains("NOT RE-DERIVED"));

    // Such a file is not imported either.
    let (code, err) = me.fails(&["memo", "import", s(&signed)]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("not re-derivable"), "{err}");
}

#[test]
fn trusting_the_signer_of_a_modified_pdf_is_refused_and_of_an_intact_one_is_scoped() {
    let root = tempfile::tempdir().unwrap();
    let (_, pdf, _) = ministry_signed(root.path());
    let tampered = root.path().join("tampered.pdf");
    std::fs::write(&tampered, rewrite_first_page(&std::fs::read(&pdf).unwrap())).unwrap();
    let field = "kelisim:ministry:minister";

    let fund = Party::new(root.path(), "fund");
    let (code, err) = fund.fails(&["trust", "signer-of", s(&tampered), "--field", field]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("did not verify") && err.contains("[signature_invalid]"),
        "{err}"
    );
    assert_eq!(fund.json(&["trust", "list"]), serde_json::json!([]));

    // The intact PDF: its signer is trusted as that certificate only.
    let trusted = fund.json(&["trust", "signer-of", s(&pdf), "--field", field]);
    assert_eq!(trusted["scope"]["kind"], "thisCertificate");
    assert_eq!(trusted["origin"], "signer");
    let (_, err) = fund.fails(&["trust", "signer-of", s(&pdf), "--field", "nope"]);
    assert!(err.contains("no signature in the field"), "{err}");
}
