//! Memorandum use cases on a fresh temporary database each: the workflow and its refusals,
//! revisions and diff, search in kk/ru/en, the organisations registry, and the audit chain.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use kelisim_app::{
    Assignment, ChangeDto, ErrorCode, Kelisim, ListParams, SortDto, StatusDto, WordsDto,
};

const EXAMPLE: &str = include_str!("../../core/tests/fixtures/youth-volunteering.json");

async fn fresh() -> (tempfile::TempDir, Kelisim) {
    let dir = tempfile::tempdir().unwrap();
    let app = Kelisim::open(dir.path()).await.unwrap();
    (dir, app)
}

fn set(s: &str) -> Assignment {
    s.parse().unwrap()
}

async fn search(app: &Kelisim, q: &str) -> Vec<u32> {
    let page = app
        .list(&ListParams {
            query: Some(q.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut ids: Vec<u32> = page.items.iter().map(|s| s.id).collect();
    ids.sort_unstable();
    ids
}

#[tokio::test]
async fn the_workflow_moves_only_along_its_arrows() {
    let (_dir, app) = fresh().await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    assert_eq!(memo.status, StatusDto::Draft);
    assert_eq!(memo.current_revision, 1);

    let err = app.reopen(memo.id).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("already a draft"), "{}", err.message);

    let approved = app.approve(memo.id).await.unwrap();
    assert_eq!(
        (approved.status, approved.approved_revision),
        (StatusDto::Approved, Some(1))
    );

    // Approved text is frozen: an edit is refused and nothing is stored.
    let edited = EXAMPLE.replace("совместно", "сообща");
    let err = app
        .update(memo.id, &edited, "edit")
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("reopen it first"), "{}", err.message);
    assert_eq!(app.show(memo.id).await.unwrap().revisions.len(), 1);
    let err = app.approve(memo.id).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::Conflict);

    // Reopening makes a new draft revision with the same text.
    let reopened = app.reopen(memo.id).await.unwrap();
    assert_eq!(
        (
            reopened.status,
            reopened.current_revision,
            reopened.approved_revision
        ),
        (StatusDto::Draft, 2, None)
    );
    let detail = app.show(memo.id).await.unwrap();
    assert_eq!(
        detail.revisions[0].content_hash,
        detail.revisions[1].content_hash
    );

    let saved = app.update(memo.id, &edited, "edit").await.unwrap();
    assert_eq!(saved.current_revision, 3);
}

#[tokio::test]
async fn saving_the_same_text_adds_no_revision_and_bad_text_changes_nothing() {
    let (_dir, app) = fresh().await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    // The same document written differently (key order, spacing) has the same canonical hash.
    let reordered: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    let same = app
        .update(memo.id, &reordered.to_string(), "same")
        .await
        .unwrap();
    assert_eq!(same.current_revision, 1);

    let broken = EXAMPLE.replace("\"980310005674\"", "\"980310005675\"");
    let err = app
        .update(memo.id, &broken, "broken.json")
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert_eq!(err.problems[0].path, "parties[0].bin");
    assert!(
        err.message.starts_with("broken.json has 1 problem"),
        "{}",
        err.message
    );
    assert_eq!(app.show(memo.id).await.unwrap().revisions.len(), 1);

    let err = app.update(777, EXAMPLE, "x").await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn revisions_are_compared_clause_by_clause_per_language() {
    let (_dir, app) = fresh().await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    let edited = EXAMPLE.replace(
        "программы **волонтерства**",
        "программы **добровольчества**",
    );
    app.update(memo.id, &edited, "edit").await.unwrap();
    let diff = app.diff(memo.id, 1, 2).await.unwrap();
    let kk = diff.languages.iter().find(|l| l.language == "kk").unwrap();
    assert!(kk.changes.is_empty());
    let ru = diff.languages.iter().find(|l| l.language == "ru").unwrap();
    assert_eq!(ru.changes.len(), 1);
    let ChangeDto::Changed {
        label,
        previous,
        words,
    } = &ru.changes[0]
    else {
        panic!("{ru:?}")
    };
    assert_eq!((label.as_str(), previous.as_str()), ("1.1.", "1.1."));
    assert!(
        words.contains(&WordsDto::Removed("**волонтерства** ".into())),
        "{words:?}"
    );
    assert!(
        words.contains(&WordsDto::Added("**добровольчества** ".into())),
        "{words:?}"
    );

    let err = app.diff(memo.id, 1, 9).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("revision 9"));
}

#[tokio::test]
async fn search_is_case_insensitive_in_kazakh_russian_and_english() {
    let (_dir, app) = fresh().await;
    let example = app.import(EXAMPLE, "example").await.unwrap();
    let kk_ru = app
        .create_from_template(
            "state-ngo-kk-ru",
            Some("2026-10-06"),
            &[],
            &[
                set("parties[0].name.kk=Қазақстан Республикасы Ішкі істер министрлігі"),
                set("parties[0].name.ru=Министерство внутренних дел Республики Казахстан"),
                set("variables.purpose.kk=жол қауіпсіздігін арттыру"),
                set("variables.purpose.ru=повышения безопасности дорожного движения"),
            ],
        )
        .await
        .unwrap();
    let en = app
        .create_from_template(
            "state-ngo-en",
            None,
            &[],
            &[set("parties[1].name.en=Open Roads Foundation")],
        )
        .await
        .unwrap();

    assert_eq!(search(&app, "ҚАУІПСІЗДІГІН").await, vec![kk_ru.id]);
    assert_eq!(search(&app, "қауіпсіз").await, vec![kk_ru.id]);
    assert_eq!(
        search(&app, "МИНИСТЕРСТВО ВНУТРЕННИХ").await,
        vec![kk_ru.id]
    );
    assert_eq!(
        search(&app, "министерство").await,
        vec![example.id, kk_ru.id]
    );
    assert_eq!(search(&app, "«ЖАС ЕРІКТІЛЕР»").await, vec![example.id]);
    assert_eq!(search(&app, "open ROADS").await, vec![en.id]);
    assert_eq!(search(&app, "980310005674").await, vec![example.id]);
    assert!(search(&app, "жоқсөз").await.is_empty());
    // FTS syntax typed by a user is searched as words, never run as a query.
    assert!(search(&app, "\"министерство\" OR NEAR(").await.is_empty());

    let approved = app
        .list(&ListParams {
            status: Some(StatusDto::Approved),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(approved.total, 0);
    let by_title = app
        .list(&ListParams {
            sort: SortDto::Title,
            limit: Some(2),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!((by_title.items.len(), by_title.total), (2, 3));
    let err = app
        .list(&ListParams {
            limit: Some(0),
            ..Default::default()
        })
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn organisations_are_reused_from_the_registry_by_bin() {
    let (_dir, app) = fresh().await;
    app.import(EXAMPLE, "example").await.unwrap();
    // The fund of the example becomes the NGO party of a new memorandum, signatories included.
    let memo = app
        .create_from_template(
            "state-ngo-kk-ru",
            None,
            &[("ngo".into(), "211140000425".into())],
            &[],
        )
        .await
        .unwrap();
    assert!(
        memo.parties.contains("«Жас еріктілер» қоғамдық қоры"),
        "{}",
        memo.parties
    );
    let exported = app.export(memo.id, None).await.unwrap();
    assert!(exported.contains("Т. М. Оспанов"));
    let err = app
        .create_from_template(
            "state-ngo-kk-ru",
            None,
            &[("ngo".into(), "160940012344".into())],
            &[],
        )
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn templates_are_filled_from_arguments_and_refuse_bad_values_by_path() {
    let (_dir, app) = fresh().await;
    let err = app
        .create_from_template(
            "state-ngo-ru",
            None,
            &[],
            &[set("parties[0].bin=111111111111")],
        )
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert_eq!(err.problems[0].path, "parties[0].bin");
    let err = app
        .create_from_template("state-ngo-ru", Some("2026-02-30"), &[], &[])
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.starts_with("date:"), "{}", err.message);
    let err = app
        .create_from_template("nda", None, &[], &[])
        .await
        .unwrap_err()
        .to_api();
    assert!(err.message.contains("state-ngo-kk-ru"), "{}", err.message);
    assert_eq!(app.list(&ListParams::default()).await.unwrap().total, 0);
}

async fn raw_db(dir: &std::path::Path) -> sqlx::SqlitePool {
    sqlx::SqlitePool::connect(&format!(
        "sqlite://{}",
        dir.join("kelisim.sqlite3").display()
    ))
    .await
    .unwrap()
}

#[tokio::test]
async fn the_audit_chain_detects_an_edited_row() {
    let (dir, app) = fresh().await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    app.approve(memo.id).await.unwrap();
    app.export(memo.id, None).await.unwrap();
    let check = app.verify_audit().await.unwrap();
    assert!(check.intact && check.entries == 3, "{check:?}");

    let db = raw_db(dir.path()).await;
    // The log refuses edits outright…
    let refused = sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
        .execute(&db)
        .await;
    assert!(refused.unwrap_err().to_string().contains("append-only"));
    // …and someone who removes that guard is still caught.
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(&db)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2")
        .execute(&db)
        .await
        .unwrap();
    let check = app.verify_audit().await.unwrap();
    assert!(!check.intact);
    assert_eq!(
        check.problems,
        vec!["entry 2 was changed after it was written (its hash does not match its content)"]
    );
}

#[tokio::test]
async fn the_audit_chain_detects_deleted_and_inserted_rows() {
    let (dir, app) = fresh().await;
    let memo = app.import(EXAMPLE, "example").await.unwrap();
    app.approve(memo.id).await.unwrap();
    app.reopen(memo.id).await.unwrap();
    let db = raw_db(dir.path()).await;
    sqlx::query("DROP TRIGGER audit_log_no_delete")
        .execute(&db)
        .await
        .unwrap();

    // Deleting the newest entry: the head still remembers it.
    sqlx::query("DELETE FROM audit_log WHERE seq = 3")
        .execute(&db)
        .await
        .unwrap();
    let check = app.verify_audit().await.unwrap();
    assert!(
        check
            .problems
            .iter()
            .any(|p| p.contains("head records entry 3")),
        "{check:?}"
    );

    // Deleting one in the middle breaks the sequence and the link.
    sqlx::query("DELETE FROM audit_log WHERE seq = 1")
        .execute(&db)
        .await
        .unwrap();
    let check = app.verify_audit().await.unwrap();
    assert!(
        check
            .problems
            .iter()
            .any(|p| p.contains("entry 2 follows entry 0")),
        "{check:?}"
    );

    // An inserted row does not link to its neighbours.
    let (dir2, app2) = fresh().await;
    let m = app2.import(EXAMPLE, "example").await.unwrap();
    app2.approve(m.id).await.unwrap();
    let db2 = raw_db(dir2.path()).await;
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(&db2)
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET seq = seq + 1 WHERE seq = 2")
        .execute(&db2)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO audit_log (seq, at, memorandum_id, action, actor, details, prev_hash, hash)
         SELECT 2, at, memorandum_id, 'approved', 'mallory', details, hash, hash
         FROM audit_log WHERE seq = 1",
    )
    .execute(&db2)
    .await
    .unwrap();
    let check = app2.verify_audit().await.unwrap();
    assert!(!check.intact, "{check:?}");
    assert!(
        check
            .problems
            .iter()
            .any(|p| p.starts_with("entry 2 was changed")),
        "{check:?}"
    );
    assert!(
        check
            .problems
            .iter()
            .any(|p| p.starts_with("entry 3 was changed")),
        "{check:?}"
    );
}

#[test]
fn validation_names_a_character_no_bundled_font_can_draw() {
    let text = EXAMPLE.replace("Меморандум не возлагает", "Меморандум 備 не возлагает");
    let report = kelisim_app::validate_text(&text);
    assert!(!report.valid);
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert_eq!(report.problems[0].code, "missing_glyph");
    assert_eq!(report.problems[0].path, "sections[1].clauses[1].text.ru");
    assert!(
        report.problems[0].message.contains('備'),
        "{}",
        report.problems[0].message
    );
}
