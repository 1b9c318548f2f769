//! Draft PDFs (issue 15): any revision rendered with «ЖОБА / ПРОЕКТ / DRAFT» across every page
//! and the revision, its date and short content hash in the footer, read back by poppler's
//! pdftotext; never signed (`sign_file` refuses it) and named as a draft by the verifier; the
//! memorandum's own rendering is untouched (the golden corpus guards its bytes).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::process::Command;

use kelisim_app::{AgreementStatus, ErrorCode, Passphrase, SignFileOptions, VerdictDto};

mod common;
use common::{approved_then_signed, EXAMPLE, MINISTER};

/// What poppler's `tool` prints for `pdf` with `args` before the file.
fn poppler(tool: &str, pdf: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("draft.pdf");
    std::fs::write(&file, pdf).unwrap();
    let out = Command::new(tool)
        .args(args)
        .arg(&file)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .expect("poppler-utils runs");
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The text of page `page` (1-based) of `pdf`.
fn page_text(pdf: &[u8], page: u32) -> String {
    let n = page.to_string();
    poppler("pdftotext", pdf, &["-f", &n, "-l", &n, "-raw"])
}

/// How many pages `pdf` has, by pdfinfo.
fn pages(pdf: &[u8]) -> u32 {
    let info = poppler("pdfinfo", pdf, &[]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line.trim_start_matches("Pages:").trim().parse().unwrap()
}

#[tokio::test]
async fn a_draft_pdf_is_marked_on_every_page_named_by_the_verifier_and_never_signed() {
    std::env::set_var("KELISIM_TEST_KDF", "fast");
    let root = tempfile::tempdir().unwrap();
    let (app, _, signed) = approved_then_signed(&root.path().join("a"), &MINISTER).await;
    signed.unwrap();
    // A second memorandum, still a draft, edited once: revision 2.
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let doc = app.document(memo.id, None).await.unwrap();
    let edited = doc.replace("Тараптар", "ТАРАПТАР");
    assert_ne!(doc, edited);
    app.update(memo.id, &edited, "edited").await.unwrap();

    let draft = app.draft_pdf(memo.id, None, None).await.unwrap();
    let shown = app.show(memo.id).await.unwrap();
    let short_hash: String = shown
        .content_hash
        .trim_start_matches("sha256:")
        .chars()
        .take(12)
        .collect();
    let first = page_text(&draft, 1);
    assert!(first.contains("ПРОЕКТ"), "{first}");
    assert!(first.contains("DRAFT #2 · "), "{first}");
    assert!(first.contains(&short_hash), "{first}");
    let n = pages(&draft);
    assert!(n >= 1);
    for p in 1..=n {
        let text = page_text(&draft, p);
        assert!(
            text.contains("ЖОБА") && text.contains("DRAFT"),
            "page {p}: {text}"
        );
    }
    // An earlier revision can be circulated too.
    let first_revision = app.draft_pdf(memo.id, Some(1), None).await.unwrap();
    assert!(page_text(&first_revision, 1).contains("DRAFT #1 · "));
    // The memorandum's own rendering has no mark.
    let plain = app.render_memo(memo.id, None, None).await.unwrap();
    assert!(!page_text(&plain, 1).contains("ПРОЕКТ"));

    // The verifier names it; it is never valid.
    let verified = app.verify_pdf(&draft, &[]).await.unwrap();
    assert_eq!(verified.agreement.code, "agreement_draft", "{verified:?}");
    assert_eq!(verified.agreement.status, AgreementStatus::Differs);
    assert!(!matches!(
        verified.verdict,
        VerdictDto::Valid | VerdictDto::ValidUntrusted
    ));
    assert!(
        verified.agreement.text.kk.contains("жоба"),
        "{:?}",
        verified.agreement.text
    );

    // Signing it as a file is refused, naming why, in each language.
    let options = SignFileOptions {
        certify: false,
        reason: None,
        location: None,
    };
    let pass = Passphrase::from("minister's passphrase".to_owned());
    let err = app
        .sign_file(&draft, "minister", &pass, 1, &options)
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::Conflict, "{err:?}");
    assert_eq!(err.reason, "draft_pdf_not_signed");
    assert!(err.text.ru.contains("проект"), "{:?}", err.text);
}
