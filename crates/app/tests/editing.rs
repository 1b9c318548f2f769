//! Editing use cases on a fresh temporary database each: `edit_memo` against an expected
//! revision, `edit_document` without a store, and the translation flags that saving leaves.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use kelisim_app::{edit_document, EditDto, ErrorCode, FlagReasonDto, Kelisim};
use serde_json::json;

const EXAMPLE: &str = include_str!("../../core/tests/fixtures/youth-volunteering.json");

async fn draft() -> (tempfile::TempDir, Kelisim, u32) {
    let dir = tempfile::tempdir().unwrap();
    let app = Kelisim::open(dir.path()).await.unwrap();
    let id = app.create(EXAMPLE).await.unwrap().id;
    (dir, app, id)
}

fn set(path: &str, value: &str) -> EditDto {
    EditDto::Set {
        path: path.into(),
        value: json!(value),
    }
}

#[tokio::test]
async fn edit_memo_stores_one_revision_and_refuses_a_stale_one() {
    let (_dir, app, id) = draft().await;
    let edits = vec![set("title.ru", "Меморандум"), set("title.kk", "Меморандум")];
    let saved = app.edit_memo(id, 1, edits).await.unwrap();
    assert_eq!(saved.current_revision, 2);
    let doc: serde_json::Value =
        serde_json::from_str(&app.document(id, None).await.unwrap()).unwrap();
    assert_eq!(doc["format"], "kelisim.memorandum/2");
    assert!(
        app.translation_flags(id).await.unwrap().is_empty(),
        "both languages changed"
    );

    let err = app
        .edit_memo(id, 1, vec![set("title.ru", "М")])
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::Conflict);
    assert!(err.message.contains("revision 2, not 1"), "{}", err.message);
    assert_eq!(app.show(id).await.unwrap().summary.current_revision, 2);

    let err = app
        .edit_memo(id, 2, vec![EditDto::RemoveParty { id: "fund".into() }])
        .await
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert!(err.problems.iter().all(|p| p.code == "party_in_use"));
    assert_eq!(app.show(id).await.unwrap().summary.current_revision, 2);
}

#[tokio::test]
async fn saving_a_whole_document_flags_drift_and_editing_the_flagged_language_clears_it() {
    let (_dir, app, id) = draft().await;
    let mut doc: serde_json::Value = serde_json::from_str(EXAMPLE).unwrap();
    doc["sections"][0]["clauses"][0]["text"]["ru"] = json!("Изменённый пункт.");
    app.update(id, &doc.to_string(), "the editor")
        .await
        .unwrap();
    let flags = app.translation_flags(id).await.unwrap();
    assert_eq!(flags.len(), 1);
    assert_eq!(flags[0].path, "sections[0].clauses[0].text");
    assert_eq!(flags[0].language, "kk");
    assert_eq!(flags[0].reason, FlagReasonDto::Drift);
    assert_eq!(app.show(id).await.unwrap().translation_flags, flags);

    // An unrelated save keeps the flag (and the revision that raised it).
    app.edit_memo(
        id,
        2,
        vec![EditDto::SetLayout {
            layout: "sequential".into(),
        }],
    )
    .await
    .unwrap();
    assert_eq!(app.translation_flags(id).await.unwrap(), flags);
    // Translating it clears it without flagging the Russian.
    app.edit_memo(
        id,
        3,
        vec![set("sections[0].clauses[0].text.kk", "Өзгертілген тармақ.")],
    )
    .await
    .unwrap();
    assert!(app.translation_flags(id).await.unwrap().is_empty());
}

#[tokio::test]
async fn approval_waits_for_new_language_texts_and_drift_does_not_block_it() {
    let (_dir, app, id) = draft().await;
    let add = EditDto::AddLanguage {
        language: "en".into(),
        copy_from: None,
    };
    app.edit_memo(id, 1, vec![add]).await.unwrap();
    let err = app.approve(id).await.unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::ValidationFailed);
    assert!(err.problems.iter().all(|p| p.code == "needs_translation"));
    assert!(err.problems.iter().any(|p| p.path == "title.en"));
    for flag in app.translation_flags(id).await.unwrap() {
        app.dismiss_translation_flag(id, &flag.path, &flag.language)
            .await
            .unwrap();
    }
    app.edit_memo(id, 2, vec![set("title.ru", "Меморандум")])
        .await
        .unwrap();
    assert!(
        !app.translation_flags(id).await.unwrap().is_empty(),
        "drift on the title"
    );
    app.approve(id).await.unwrap();
}

#[test]
fn edit_document_answers_the_result_or_the_problems_without_a_store() {
    let out = edit_document(
        EXAMPLE,
        vec![EditDto::AddLanguage {
            language: "en".into(),
            copy_from: Some("ru".into()),
        }],
    )
    .unwrap();
    assert!(out.problems.is_empty());
    assert!(out.needs_translation.contains(&"title.en".to_owned()));
    assert_eq!(out.document.languages.len(), 3);

    // The editor's document may be incomplete while it is typed: the edit is still made, and
    // every problem the result has is answered with it.
    let out = edit_document(EXAMPLE, vec![set("parties[0].bin", "1")]).unwrap();
    assert_eq!(out.problems[0].path, "parties[0].bin");
    assert_eq!(out.document.parties[0].bin.as_deref(), Some("1"));
    let incomplete = serde_json::to_string(&out.document).unwrap();
    let out = edit_document(
        &incomplete,
        vec![EditDto::AddLanguage {
            language: "en".into(),
            copy_from: None,
        }],
    )
    .unwrap();
    assert_eq!(out.document.languages.len(), 3);
    assert_eq!(out.problems[0].path, "parties[0].bin", "{:?}", out.problems);

    // A refused edit leaves the document as it was, with the refusal.
    let out = edit_document(
        EXAMPLE,
        vec![
            EditDto::RemoveLanguage {
                language: "ru".into(),
            },
            EditDto::RemoveLanguage {
                language: "kk".into(),
            },
        ],
    )
    .unwrap();
    assert!(!out.problems.is_empty());
    assert_eq!(out.document.languages.len(), 2, "the document unchanged");
    let err = edit_document("{", vec![]).unwrap_err().to_api();
    assert_eq!(err.code, ErrorCode::InvalidInput);
}
