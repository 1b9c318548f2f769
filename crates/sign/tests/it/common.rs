//! Shared helpers: sample PDFs, keystores with cheap key derivation, pyHanko.

use std::path::{Path, PathBuf};
use std::process::Command;

use kelisim_sign::{
    sign_pdf, verify_pdf, KdfParams, KeyInfo, Keystore, NewKey, Passphrase, SignOptions, Subject,
    TrustAnchor, UnlockedKey, VerifyOptions, VerifyReport,
};
use lopdf::{dictionary, Document, Object, Stream};
use time::OffsetDateTime;

/// Cheap Argon2id costs for tests (the costs are stored in each file).
pub fn cheap_kdf() -> KdfParams {
    KdfParams {
        m_cost_kib: 256,
        t_cost: 1,
        p_cost: 1,
    }
}

pub fn pass(s: &str) -> Passphrase {
    Passphrase::from(s.to_owned())
}

pub fn keystore(dir: &Path) -> Keystore {
    Keystore::open(dir)
        .unwrap()
        .with_kdf_params(cheap_kdf())
        .with_kdf_floor_for_tests()
}

/// 2026-01-15 10:00:00 UTC.
pub fn signing_time() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_768_471_200).unwrap()
}

pub fn not_before() -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp(1_767_225_600).unwrap() // 2026-01-01
}

pub fn subject(name: &str) -> Subject {
    Subject::new(name, "Директор", "ҚОҒ «Мысал»").with_bin("123456789012")
}

/// A self-signed signer key in `ks`.
pub fn signer(ks: &Keystore, label: &str, name: &str) -> (KeyInfo, UnlockedKey) {
    let mut req = NewKey::new(label, subject(name));
    req.not_before = not_before();
    req.validity_days = 3650;
    let info = ks.create_key(&req, &pass("correct horse"), None).unwrap();
    let key = ks.unlock(label, &pass("correct horse")).unwrap();
    (info, key)
}

pub fn options(field: &str, y: f32) -> SignOptions {
    SignOptions {
        field_name: field.to_owned(),
        page: 1,
        rect: [50.0, y, 270.0, y + 60.0],
        certify: false,
        reason: Some("Келісемін / I agree".into()),
        location: Some("Алматы".into()),
        signing_time: signing_time(),
        appearance_text: vec![
            "Айгүл Сейітова".into(),
            "Директор".into(),
            "2026-01-15 10:00 UTC".into(),
            "3F2A 9C01".into(),
        ],
        empty_fields: vec![],
    }
}

/// A one-page PDF 2.0 with a little text; `padding` bytes of extra (uncompressed) content.
pub fn sample_pdf(padding: usize) -> Vec<u8> {
    let mut doc = Document::with_version("2.0");
    let pages_id = doc.new_object_id();
    let font_id = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica",
    });
    let mut content = b"BT /F1 14 Tf 72 720 Td (Memorandum of understanding) Tj ET\n".to_vec();
    let mut line = 0;
    while content.len() < padding {
        content.extend_from_slice(
            format!(
                "BT /F1 6 Tf 72 {} Td (Clause {line}: the parties agree to cooperate.) Tj ET\n",
                700 - (line % 100) * 6
            )
            .as_bytes(),
        );
        line += 1;
    }
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page_id = doc.add_object(dictionary! {
        "Type" => "Page",
        "Parent" => pages_id,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font_id } },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

pub fn sign(pdf: &[u8], key: &UnlockedKey, opts: &SignOptions) -> Vec<u8> {
    let out = sign_pdf(pdf, key, opts).unwrap();
    assert!(out.starts_with(pdf), "the update must append only");
    out
}

pub fn pyhanko() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/pyhanko");
    assert!(
        p.exists(),
        "pyHanko is missing at {}: run the repository's setup script (it installs tests/requirements.txt into .venv)",
        p.display()
    );
    p
}

/// Runs `pyhanko sign validate` on `pdf` trusting `trust` (PEM strings); returns (exit ok, output).
pub fn pyhanko_validate(dir: &Path, pdf: &[u8], trust: &[&str]) -> (bool, String) {
    let file = dir.join(format!("validate-{}.pdf", rand_name()));
    std::fs::write(&file, pdf).unwrap();
    let mut cmd = Command::new(pyhanko());
    cmd.args([
        "sign",
        "validate",
        "--no-strict-syntax",
        "--executive-summary",
        "--trust-replace",
    ]);
    for (i, pem) in trust.iter().enumerate() {
        let path = dir.join(format!("trust-{}-{i}.pem", rand_name()));
        std::fs::write(&path, pem).unwrap();
        cmd.arg("--trust").arg(path);
    }
    cmd.arg(&file);
    let out = cmd.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), text)
}

pub fn rand_name() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static N: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// Each certificate as a trust anchor with its default scope (an end-entity certificate for
/// itself, a CA for its own organisation).
pub fn anchors(trust: &[Vec<u8>]) -> Vec<TrustAnchor> {
    trust
        .iter()
        .map(|der| TrustAnchor::with_default_scope(der.clone()).unwrap())
        .collect()
}

/// Verifies `pdf` trusting `trust` (DER certificates, default scopes).
pub fn verify_trusting(pdf: &[u8], trust: &[Vec<u8>]) -> VerifyReport {
    verify_pdf(pdf, &VerifyOptions::trusting(&anchors(trust)))
}

/// As [`verify_trusting`], comparing the unsigned base revision `pdf[..base_len]` too.
pub fn verify_from_base(pdf: &[u8], trust: &[Vec<u8>], base_len: usize) -> VerifyReport {
    let anchors = anchors(trust);
    let options = VerifyOptions {
        base_len: Some(base_len),
        ..VerifyOptions::trusting(&anchors)
    };
    verify_pdf(pdf, &options)
}

/// Appends one incremental update made by `f` (as an attacker would: no key needed).
pub fn update(pdf: &[u8], f: impl FnOnce(&mut lopdf::IncrementalDocument)) -> Vec<u8> {
    let prev = Document::load_mem(pdf).unwrap();
    let mut inc = lopdf::IncrementalDocument::create_from(pdf.to_vec(), prev);
    f(&mut inc);
    let mut out = Vec::new();
    inc.save_to(&mut out).unwrap();
    assert!(out.starts_with(pdf));
    out
}

/// The first page's object.
pub fn first_page(doc: &Document) -> lopdf::ObjectId {
    *doc.get_pages().get(&1).unwrap()
}
