//! The registration journal, term dates and amendments through the use cases, on a fresh
//! temporary installation each: numbers in the document (and so in the signed PDF's embedded
//! memorandum), assigned at approval or just before the first signature, kept on reopen,
//! searchable, listed and audit-logged; a bad format refused naming its field; the expiring
//! filter; an amendment linked to its signed base.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use kelisim_app::{
    AssignAtDto, ErrorCode, JournalSettingsDto, Kelisim, ListParams, NewKeyRequest, Passphrase,
    SignFileOptions, StatusDto,
};
use kelisim_core::term::Ymd;

const EXAMPLE: &str = include_str!("../../core/tests/fixtures/youth-volunteering.json");

async fn fresh() -> (tempfile::TempDir, Kelisim) {
    std::env::set_var("KELISIM_TEST_KDF", "fast");
    let dir = tempfile::tempdir().unwrap();
    let app = Kelisim::open(dir.path()).await.unwrap();
    (dir, app)
}

fn journal(assign_at: AssignAtDto) -> JournalSettingsDto {
    JournalSettingsDto {
        enabled: true,
        prefix: "02-15/".into(),
        template: "{prefix}{counter}-{year}".into(),
        padding: 3,
        assign_at,
    }
}

fn registration(doc: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(doc).unwrap();
    v["registration"]["number"].as_str().map(str::to_owned)
}

/// The memorandum embedded in a PDF's first revision (what the verifier re-renders).
fn embedded(pdf: &[u8]) -> String {
    let base = kelisim_sign::first_revision(pdf).unwrap();
    let attachment = kelisim_sign::read_attachment(base, "memorandum.json").unwrap();
    String::from_utf8(attachment.content.unwrap()).unwrap()
}

async fn key(app: &Kelisim, label: &str, name: &str, position: &str, org: &str, bin: &str) {
    let request = NewKeyRequest {
        label: label.into(),
        name: name.into(),
        position: position.into(),
        organisation: org.into(),
        bin: Some(bin.into()),
        validity_days: 365,
        issuer: None,
        is_ca: false,
    };
    app.key_new(&request, &pass(), None).await.unwrap();
}

fn pass() -> Passphrase {
    Passphrase::from("a passphrase".to_owned())
}

async fn sign(app: &Kelisim, id: u32, label: &str) {
    let options = SignFileOptions {
        certify: true,
        reason: None,
        location: None,
    };
    app.memo_sign(id, label, &pass(), &options).await.unwrap();
}

async fn both_keys(app: &Kelisim) {
    key(
        app,
        "minister",
        "Ж. К. Әбенова",
        "Министр",
        "Министерство науки и высшего образования Республики Казахстан",
        "980310005674",
    )
    .await;
    key(
        app,
        "director",
        "Т. М. Оспанов",
        "Исполнительный директор",
        "Общественный фонд «Молодые волонтеры»",
        "211140000425",
    )
    .await;
}

fn year() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400;
    Ymd::from_day_number(days as i64).year.to_string()
}

#[tokio::test]
async fn approval_puts_the_number_in_the_document_it_renders_and_reopening_keeps_it() {
    let (_dir, app) = fresh().await;
    app.set_journal_settings(&journal(AssignAtDto::Approval))
        .await
        .unwrap();
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let approved = app.approve(memo.id).await.unwrap();
    // The year part may differ by a day at midnight around New Year; the counter may not.
    let number = approved.registration_number.clone().unwrap();
    assert!(number.starts_with("02-15/001-"), "{number}");
    assert!(number.ends_with(&year()) || number.len() == "02-15/001-2026".len());
    assert_eq!(approved.status, StatusDto::Approved);
    assert_eq!(approved.approved_revision, Some(2));
    let doc = app.document(memo.id, None).await.unwrap();
    assert_eq!(registration(&doc).as_deref(), Some(number.as_str()));
    assert!(
        doc.contains("kelisim.memorandum/2"),
        "a registered document is /2"
    );
    // What is signed is what is registered: the approved PDF embeds the number.
    let pdf = app.latest_pdf(memo.id).await.unwrap();
    assert_eq!(
        registration(&embedded(&pdf)).as_deref(),
        Some(number.as_str())
    );

    let history = app.memo_history(memo.id).await.unwrap();
    let registered: Vec<_> = history
        .entries
        .iter()
        .filter(|e| e.action == "registered")
        .collect();
    assert_eq!(registered.len(), 1);

    // Found by its number in the registry.
    let found = app
        .list(&ListParams {
            query: Some(number.clone()),
            ..ListParams::default()
        })
        .await
        .unwrap();
    assert_eq!(
        found.items.iter().map(|m| m.id).collect::<Vec<_>>(),
        [memo.id]
    );

    // Reopen, edit, approve again: same number, no second journal row.
    app.reopen(memo.id).await.unwrap();
    let mut edited: serde_json::Value =
        serde_json::from_str(&app.document(memo.id, None).await.unwrap()).unwrap();
    edited.as_object_mut().unwrap().remove("registration");
    edited["place"]["ru"] = "город Алматы".into();
    app.update(memo.id, &edited.to_string(), "edit")
        .await
        .unwrap();
    let again = app.approve(memo.id).await.unwrap();
    assert_eq!(again.registration_number.as_deref(), Some(number.as_str()));
    let list = app.journal_list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].number.as_str(), list[0].memorandum_id),
        (number.as_str(), memo.id)
    );
    let csv = app.journal_csv().await.unwrap();
    assert!(
        csv.starts_with("number,date,memorandum_id,title,status\n"),
        "{csv}"
    );
    assert!(csv.contains(&format!("{number},")), "{csv}");

    // The next memorandum gets the next number.
    let second = app.import(EXAMPLE, "example").await.unwrap();
    let next = app
        .approve(second.id)
        .await
        .unwrap()
        .registration_number
        .unwrap();
    assert!(next.starts_with("02-15/002-"), "{next}");
}

#[tokio::test]
async fn without_a_journal_approval_leaves_the_document_as_it_was() {
    let (_dir, app) = fresh().await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let approved = app.approve(memo.id).await.unwrap();
    assert_eq!(approved.registration_number, None);
    assert_eq!(approved.approved_revision, Some(1));
    assert!(app.journal_list().await.unwrap().is_empty());
}

#[tokio::test]
async fn at_the_first_signature_the_number_is_assigned_rendered_and_then_signed() {
    let (_dir, app) = fresh().await;
    app.set_journal_settings(&journal(AssignAtDto::FirstSignature))
        .await
        .unwrap();
    both_keys(&app).await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let approved = app.approve(memo.id).await.unwrap();
    assert_eq!(approved.registration_number, None, "not at approval");
    let unsigned = app.latest_pdf(memo.id).await.unwrap();
    assert_eq!(registration(&embedded(&unsigned)), None);

    sign(&app, memo.id, "minister").await;
    let shown = app.show(memo.id).await.unwrap();
    let number = shown.summary.registration_number.clone().unwrap();
    assert!(number.starts_with("02-15/001-"), "{number}");
    assert_eq!(shown.summary.status, StatusDto::Signing);
    assert_eq!(shown.summary.approved_revision, Some(2));
    let signed = app.latest_pdf(memo.id).await.unwrap();
    assert_eq!(
        registration(&embedded(&signed)).as_deref(),
        Some(number.as_str())
    );

    // The second signature does not register again, and the result verifies.
    sign(&app, memo.id, "director").await;
    assert_eq!(app.journal_list().await.unwrap().len(), 1);
    let done = app.show(memo.id).await.unwrap().summary;
    assert_eq!(done.status, StatusDto::Signed);
    assert_eq!(done.registration_number.as_deref(), Some(number.as_str()));
    let pdf = app.latest_pdf(memo.id).await.unwrap();
    let verified = app.verify_pdf(&pdf, &[]).await.unwrap();
    assert!(
        matches!(verified.verdict, kelisim_app::VerdictDto::Valid),
        "{:?}",
        verified.verdict
    );
}

#[tokio::test]
async fn a_bad_journal_format_is_refused_naming_the_field() {
    let (_dir, app) = fresh().await;
    let mut bad = journal(AssignAtDto::Approval);
    bad.template = "{prefix}-{year}".into();
    let err = app.set_journal_settings(&bad).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("journal.template"), "{}", err.message);
    assert!(err.message.contains("{counter}"), "{}", err.message);
    assert!(
        !app.journal_settings().await.unwrap().enabled,
        "nothing was saved"
    );
}

#[tokio::test]
async fn a_bad_journal_format_reads_in_kazakh_and_russian_naming_the_field() {
    let (_dir, app) = fresh().await;
    let mut bad = journal(AssignAtDto::Approval);
    bad.template = "{prefix}{count}".into();
    let err = app.journal_preview(&bad, None).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.reason, "journal_template_unknown_part");
    assert_eq!(
        err.params.get("field").map(String::as_str),
        Some("journal.template")
    );
    assert_eq!(
        err.text.kk,
        "journal.template: Пішімде белгісіз бөлік бар: {count}; {prefix}, {counter} және {year} жазыңыз"
    );
    assert!(err.text.ru.contains("{count}") && err.text.ru.contains("пишите"));
    bad.padding = 12;
    bad.template = "{counter}".into();
    let err = app.set_journal_settings(&bad).await.unwrap_err().to_api();
    assert_eq!(
        err.text.ru,
        "journal.padding: Ширина счётчика — от 0 до 9 цифр, а не 12"
    );
}

#[tokio::test]
async fn the_preview_is_the_number_the_next_approval_gets() {
    let (_dir, app) = fresh().await;
    let settings = journal(AssignAtDto::Approval);
    // Previewing unsaved settings saves nothing.
    let first = app.journal_preview(&settings, None).await.unwrap();
    assert_eq!(first.counter, 1);
    assert_eq!(first.number, format!("02-15/001-{}", first.year));
    assert!(!app.journal_settings().await.unwrap().enabled);

    app.set_journal_settings(&settings).await.unwrap();
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let approved = app.approve(memo.id).await.unwrap();
    assert_eq!(approved.registration_number, Some(first.number.clone()));
    let second = app.journal_preview(&settings, None).await.unwrap();
    assert_eq!(second.counter, 2);
    assert_eq!(second.number, format!("02-15/002-{}", second.year));

    // Reopening does not give the number back: the preview still says 002.
    app.reopen(memo.id).await.unwrap();
    assert_eq!(app.journal_preview(&settings, None).await.unwrap(), second);

    // Continuing a journal kept before: the numbering starts at 124, previewed then set.
    let at = app.journal_preview(&settings, Some(124)).await.unwrap();
    assert_eq!(at.number, format!("02-15/124-{}", at.year));
    assert_eq!(app.journal_preview(&settings, None).await.unwrap(), second);
    assert_eq!(app.set_journal_next(124).await.unwrap(), 124);
    let other = app.import(EXAMPLE, "example").await.unwrap();
    let number = app.approve(other.id).await.unwrap().registration_number;
    assert_eq!(number, Some(at.number));
    // Never back to a number taken or passed: refused in every language, nothing changed.
    for taken in [124, 2, 0] {
        let err = app.set_journal_next(taken).await.unwrap_err().to_api();
        assert_eq!(err.code, ErrorCode::InvalidInput, "{taken}");
        assert_eq!(err.reason, "journal_next_taken");
        assert_eq!(
            err.text.ru,
            format!("journal.next: номер {taken} уже присвоен или пройден; следующий может быть 125 или больше")
        );
        let err = app
            .journal_preview(&settings, Some(taken))
            .await
            .unwrap_err();
        assert_eq!(err.to_api().reason, "journal_next_taken");
    }
    assert_eq!(
        app.journal_preview(&settings, None).await.unwrap().counter,
        125
    );
    assert_eq!(
        app.set_journal_next(125).await.unwrap(),
        125,
        "the next as it is"
    );
    assert!(app.verify_audit().await.unwrap().intact);
}

#[tokio::test]
async fn the_journal_is_exported_as_csv_to_a_file_and_the_export_is_logged() {
    let (dir, app) = fresh().await;
    app.set_journal_settings(&journal(AssignAtDto::Approval))
        .await
        .unwrap();
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let number = app
        .approve(memo.id)
        .await
        .unwrap()
        .registration_number
        .unwrap();
    let path = dir.path().join("journal.csv");
    std::fs::write(&path, "an older file").unwrap();
    let exported = app.export_journal_csv(&path).await.unwrap();
    assert_eq!(exported.entries, 1);
    assert_eq!(exported.path, path.display().to_string());
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(written, app.journal_csv().await.unwrap());
    let mut lines = written.lines();
    assert_eq!(lines.next(), Some("number,date,memorandum_id,title,status"));
    let row = lines.next().unwrap();
    assert!(
        row.starts_with(&format!("{number},")) && row.ends_with(",approved"),
        "{row}"
    );
    let log = exports_logged(dir.path()).await;
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0].details["entries"], 1);
    assert_eq!(log[0].details["file"], "journal.csv");

    // A folder that does not exist: refused naming the file, nothing logged.
    let err = app
        .export_journal_csv(&dir.path().join("missing/journal.csv"))
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::File);
    assert_eq!(exports_logged(dir.path()).await.len(), 1);
    assert!(app.verify_audit().await.unwrap().intact);
}

/// The installation's `journal_exported` audit entries, read from its database directly.
async fn exports_logged(data_dir: &std::path::Path) -> Vec<kelisim_store::AuditEntry> {
    let store = kelisim_store::Store::open_in(data_dir).await.unwrap();
    let log = store.audit_entries(None).await.unwrap();
    log.into_iter()
        .filter(|e| e.action == "journal_exported" && e.memorandum_id.is_none())
        .collect()
}

#[tokio::test]
async fn the_registry_filters_by_expiry_within_days() {
    let (_dir, app) = fresh().await;
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
        / 86_400;
    let date = |d: i64| {
        let y = Ymd::from_day_number(d);
        format!("{:04}-{:02}-{:02}", y.year, y.month, y.day)
    };
    let with_until = |until: String| {
        let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
        v["format"] = "kelisim.memorandum/2".into();
        v["term"] = serde_json::json!({
            "starts": { "on": "date", "date": date(days - 300) },
            "duration": { "kind": "until", "date": until },
        });
        v.to_string()
    };
    let soon = app
        .import(&with_until(date(days + 30)), "soon")
        .await
        .unwrap();
    let later = app
        .import(&with_until(date(days + 200)), "later")
        .await
        .unwrap();
    assert_eq!(soon.expires_on.as_deref(), Some(date(days + 30).as_str()));
    let page = |n| ListParams {
        expiring_within_days: Some(n),
        ..ListParams::default()
    };
    let ids = |p: kelisim_app::MemoPage| p.items.iter().map(|m| m.id).collect::<Vec<_>>();
    assert_eq!(ids(app.list(&page(60)).await.unwrap()), [soon.id]);
    let mut both = ids(app.list(&page(365)).await.unwrap());
    both.sort();
    assert_eq!(both, [soon.id, later.id]);
    assert!(ids(app.list(&page(10)).await.unwrap()).is_empty());
}

#[tokio::test]
async fn an_amendment_of_a_signed_memorandum_names_its_base_and_is_listed_with_it() {
    let (_dir, app) = fresh().await;
    app.set_journal_settings(&journal(AssignAtDto::Approval))
        .await
        .unwrap();
    both_keys(&app).await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let err = app.new_amendment(memo.id).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("signed"), "{}", err.message);

    let number = app
        .approve(memo.id)
        .await
        .unwrap()
        .registration_number
        .unwrap();
    sign(&app, memo.id, "minister").await;
    sign(&app, memo.id, "director").await;
    let base = app.show(memo.id).await.unwrap();
    let amendment = app.new_amendment(memo.id).await.unwrap();
    assert_eq!(amendment.status, StatusDto::Draft);
    assert_eq!(amendment.amends_id, Some(memo.id));
    assert!(
        amendment.title.ends_with("меморандумға қосымша келісім"),
        "{}",
        amendment.title
    );

    let doc: serde_json::Value =
        serde_json::from_str(&app.document(amendment.id, None).await.unwrap()).unwrap();
    assert_eq!(doc["amends"]["number"], number.as_str());
    let approved_hash = base
        .revisions
        .iter()
        .find(|r| Some(r.number) == base.summary.approved_revision)
        .unwrap()
        .content_hash
        .clone();
    assert_eq!(doc["amends"]["content_hash"], approved_hash.as_str());
    assert!(doc["title"]["ru"]
        .as_str()
        .unwrap()
        .starts_with("Дополнительное соглашение к Меморандуму"));
    assert!(doc["title"]["ru"].as_str().unwrap().contains(&number));
    // The preamble names the base through {{amends}}: printed from the document's `amends`.
    let draft = kelisim_core::parse(&app.document(amendment.id, None).await.unwrap()).unwrap();
    for (lang, base_named) in [
        (
            kelisim_core::Language::Kk,
            "ынтымақтастық туралы меморандумға",
        ),
        (
            kelisim_core::Language::Ru,
            "к Меморандуму о сотрудничестве от",
        ),
    ] {
        let preamble = kelisim_core::Memorandum::text_in(&draft.preamble, lang);
        assert!(preamble.contains("{{amends}}"), "{preamble}");
        let printed = kelisim_core::placeholder::resolve(&draft, preamble, lang);
        assert!(printed.contains(&format!("№ {number}")), "{printed}");
        assert!(printed.contains(base_named), "{printed}");
    }
    assert_eq!(
        doc["parties"],
        serde_json::from_str::<serde_json::Value>(EXAMPLE).unwrap()["parties"]
    );

    let shown_base = app.show(memo.id).await.unwrap();
    assert_eq!(shown_base.summary.amendments, 1);
    assert_eq!(
        shown_base
            .amendments
            .iter()
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [amendment.id]
    );
    let shown = app.show(amendment.id).await.unwrap();
    assert_eq!(shown.base.map(|b| b.id), Some(memo.id));
}

/// A memorandum signed elsewhere, imported as a signed PDF, gets its term's dates here too: the
/// term runs from the last signature, so the registry can say when it expires.
#[tokio::test]
async fn a_signed_pdf_imported_from_elsewhere_gets_its_expiry() {
    let (_a_dir, a) = fresh().await;
    both_keys(&a).await;
    let mut v: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    v["format"] = "kelisim.memorandum/2".into();
    v["term"] = serde_json::json!({
        "starts": { "on": "last_signature" },
        "duration": { "kind": "years", "years": 3 },
    });
    let memo = a.import(&v.to_string(), "example").await.unwrap();
    a.approve(memo.id).await.unwrap();
    sign(&a, memo.id, "minister").await;
    sign(&a, memo.id, "director").await;
    let signed = a.show(memo.id).await.unwrap().summary;
    assert_eq!(signed.status, StatusDto::Signed);
    let expires = signed
        .expires_on
        .clone()
        .expect("an expiry where it was signed");
    let pdf = a.latest_pdf(memo.id).await.unwrap();

    let (_b_dir, b) = fresh().await;
    for label in ["minister", "director"] {
        let pem = a.key_certificate(label).unwrap();
        b.trust_add(pem.as_bytes(), &[]).await.unwrap();
    }
    let imported = b.import_pdf(&pdf, "signed.pdf").await.unwrap();
    assert_eq!(imported.status, StatusDto::Signed);
    assert_eq!(imported.expires_on.as_deref(), Some(expires.as_str()));
}
