//! Memorandum use cases on a fresh temporary database each: the workflow and its refusals,
//! revisions and diff, search in kk/ru/en, the organisations registry, and the audit chain.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use kelisim_app::{
    ChangeDto, ErrorCode, Kelisim, LanguageDto, LayoutDto, ListParams, NewMemoRequest,
    OrganisationRef, PartyChoice, SortDto, StatusDto, VariableDto, WordsDto,
};

const EXAMPLE: &str = include_str!("../../core/tests/fixtures/youth-volunteering.json");

async fn fresh() -> (tempfile::TempDir, Kelisim) {
    let dir = tempfile::tempdir().unwrap();
    let app = Kelisim::open(dir.path()).await.unwrap();
    (dir, app)
}

fn set(s: &str) -> VariableDto {
    let (path, value) = s.split_once('=').unwrap();
    VariableDto {
        path: path.into(),
        value: value.into(),
    }
}

/// A new memorandum from `template` in its own languages and layout.
fn from_template(
    template: &str,
    date: Option<&str>,
    parties: &[(&str, &str)],
    variables: Vec<VariableDto>,
) -> NewMemoRequest {
    NewMemoRequest {
        template: template.into(),
        date: date.map(Into::into),
        parties: parties
            .iter()
            .map(|(seat, bin)| PartyChoice {
                seat: (*seat).into(),
                organisation: OrganisationRef::Bin((*bin).into()),
            })
            .collect(),
        variables,
        ..Default::default()
    }
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
        .new_memo(&from_template(
            "state-ngo-kk-ru",
            Some("2026-10-06"),
            &[],
            vec![
                set("parties[0].name.kk=Қазақстан Республикасы Ішкі істер министрлігі"),
                set("parties[0].name.ru=Министерство внутренних дел Республики Казахстан"),
                set("variables.purpose.kk=жол қауіпсіздігін арттыру"),
                set("variables.purpose.ru=повышения безопасности дорожного движения"),
            ],
        ))
        .await
        .unwrap();
    let en = app
        .new_memo(&from_template(
            "state-ngo-en",
            None,
            &[],
            vec![set("parties[1].name.en=Open Roads Foundation")],
        ))
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
        .new_memo(&from_template(
            "state-ngo-kk-ru",
            None,
            &[("ngo", "211140000425")],
            vec![],
        ))
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
        .new_memo(&from_template(
            "state-ngo-kk-ru",
            None,
            &[("ngo", "160940012344")],
            vec![],
        ))
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn templates_are_filled_from_arguments_and_refuse_bad_values_by_path() {
    let (_dir, app) = fresh().await;
    let err = app
        .new_memo(&from_template(
            "state-ngo-ru",
            None,
            &[],
            vec![set("parties[0].bin=111111111111")],
        ))
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert_eq!(err.problems[0].path, "parties[0].bin");
    let err = app
        .new_memo(&from_template(
            "state-ngo-ru",
            Some("2026-02-30"),
            &[],
            vec![],
        ))
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.starts_with("date:"), "{}", err.message);
    let err = app
        .new_memo(&from_template("nda", None, &[], vec![]))
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

/// The same report, at every entry point that stores a document: nothing stored.
#[tokio::test]
async fn a_character_no_bundled_font_can_draw_is_refused_by_every_way_in() {
    let (dir, app) = fresh().await;
    let text = EXAMPLE.replace("Меморандум не возлагает", "Меморандум 備 не возлагает");
    let expect = |err: kelisim_app::ApiError| {
        assert_eq!(err.code, ErrorCode::ValidationFailed, "{err:?}");
        let paths: Vec<(&str, &str)> = err
            .problems
            .iter()
            .map(|p| (p.path.as_str(), p.code.as_str()))
            .collect();
        assert_eq!(
            paths,
            [("sections[1].clauses[1].text.ru", "missing_glyph")],
            "the same report as validate"
        );
    };
    expect(app.create(&text).await.unwrap_err().to_api());
    expect(app.import(&text, "file").await.unwrap_err().to_api());
    let file = dir.path().join("glyph.json");
    std::fs::write(&file, &text).unwrap();
    expect(app.import_file(&file).await.unwrap_err().to_api());
    let mut request = from_template("state-ngo-ru", None, &[], vec![]);
    request.variables = vec![set("parties[1].name.ru=Фонд 備")];
    let err = app.new_memo(&request).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert!(
        !err.problems.is_empty() && err.problems.iter().all(|p| p.code == "missing_glyph"),
        "{:?}",
        err.problems
    );
    assert_eq!(app.list(&ListParams::default()).await.unwrap().total, 0);

    let memo = app.import(EXAMPLE, "example").await.unwrap();
    expect(
        app.update(memo.id, &text, "edit")
            .await
            .unwrap_err()
            .to_api(),
    );
    assert_eq!(app.show(memo.id).await.unwrap().revisions.len(), 1);
}

#[tokio::test]
async fn a_new_memorandum_in_kazakh_russian_and_english_takes_english_from_its_sibling() {
    let (_dir, app) = fresh().await;
    let request = NewMemoRequest {
        template: "state-ngo-kk-ru".into(),
        languages: vec![LanguageDto::En, LanguageDto::Kk, LanguageDto::Ru],
        ..Default::default()
    };
    let memo = app.new_memo(&request).await.unwrap();
    assert_eq!(memo.languages, ["kk", "ru", "en"]);
    let doc: serde_json::Value =
        serde_json::from_str(&app.document(memo.id, None).await.unwrap()).unwrap();
    assert_eq!(doc["layout"], "parallel");
    let en: serde_json::Value =
        serde_json::from_str(&app.template_document("state-ngo-en").unwrap()).unwrap();
    assert_eq!(
        doc["sections"][0]["clauses"][0]["text"]["en"],
        en["sections"][0]["clauses"][0]["text"]["en"]
    );

    let one = NewMemoRequest {
        template: "state-ngo-kk-ru".into(),
        languages: vec![LanguageDto::Kk],
        layout: Some(LayoutDto::Parallel),
        ..Default::default()
    };
    let err = app.new_memo(&one).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.starts_with("layout:"), "{}", err.message);
}

#[tokio::test]
async fn a_seat_is_filled_from_the_registry_by_id_and_a_missing_language_is_named_by_path() {
    let (_dir, app) = fresh().await;
    app.import(EXAMPLE, "example").await.unwrap();
    let fund = app
        .organisations()
        .await
        .unwrap()
        .into_iter()
        .find(|o| o.bin.as_deref() == Some("211140000425"))
        .unwrap();
    let mut request = NewMemoRequest {
        template: "state-ngo-kk-ru".into(),
        languages: vec![LanguageDto::Kk, LanguageDto::Ru, LanguageDto::En],
        parties: vec![PartyChoice {
            seat: "ngo".into(),
            organisation: OrganisationRef::Id(fund.id),
        }],
        ..Default::default()
    };
    // The fund is written in Kazakh and Russian only: its English name is asked for.
    let err = app.new_memo(&request).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert!(
        err.problems.iter().any(|p| p.path == "parties[1].name.en"),
        "{:?}",
        err.problems
    );
    request.variables = err
        .problems
        .iter()
        .map(|p| set(&format!("{}=Zhas Eriktiler Fund", p.path)))
        .collect();
    let memo = app.new_memo(&request).await.unwrap();
    assert!(memo.parties.contains("«Жас еріктілер» қоғамдық қоры"));

    request.parties[0].seat = "bank".into();
    let err = app.new_memo(&request).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.starts_with("parties[0].seat:"),
        "{}",
        err.message
    );
    request.parties[0].organisation = OrganisationRef::Id(999);
    request.parties[0].seat = "ngo".into();
    let err = app.new_memo(&request).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::NotFound);
}

#[test]
fn the_template_list_tells_languages_layouts_and_seats() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (_dir, app) = rt.block_on(fresh());
    let list = app.templates();
    assert_eq!(list.len(), 3);
    let kk_ru = list.iter().find(|t| t.name == "state-ngo-kk-ru").unwrap();
    assert_eq!(kk_ru.languages, ["kk", "ru"]);
    assert_eq!(kk_ru.available_languages, ["kk", "ru", "en"]);
    assert_eq!(kk_ru.layout, LayoutDto::Parallel);
    assert_eq!(kk_ru.layouts_one_language, [LayoutDto::Single]);
    assert_eq!(
        kk_ru.layouts_several_languages,
        [LayoutDto::Parallel, LayoutDto::Sequential]
    );
    let seats: Vec<&str> = kk_ru.seats.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(seats, ["state", "ngo"]);
}
