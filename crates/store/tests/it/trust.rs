//! The trust store keeps each certificate's scope and origin, replaces them in place, and
//! audits every change.

use kelisim_store::{origin, Store, StoreError, StoredScope, TrustedCertificate};

use crate::fresh;

fn certificate(fingerprint: &str, scope: StoredScope, from: &str) -> TrustedCertificate {
    TrustedCertificate {
        fingerprint: fingerprint.to_owned(),
        subject: format!("CN={fingerprint}"),
        certificate: vec![0x30, 0x03, 0x02, 0x01, 0x01],
        is_ca: matches!(scope, StoredScope::Organisations(_)),
        added_at: String::new(),
        scope: Some(scope),
        origin: from.to_owned(),
    }
}

#[tokio::test]
async fn scopes_and_origins_round_trip_through_a_restart() {
    let (dir, store) = fresh().await;
    let ca = StoredScope::Organisations(vec!["211140000425".into(), "980310005674".into()]);
    store
        .trust_add(&certificate("aa", ca.clone(), origin::ADDED), "test")
        .await
        .unwrap();
    store
        .trust_add(
            &certificate("bb", StoredScope::ThisCertificate, origin::OWN_KEY),
            "test",
        )
        .await
        .unwrap();
    store
        .trust_add(
            &certificate("cc", StoredScope::ThisCertificate, origin::SIGNER),
            "test",
        )
        .await
        .unwrap();
    store.close().await;

    let store = Store::open_in(dir.path()).await.unwrap();
    let list = store.trust_list().await.unwrap();
    let found: Vec<_> = list
        .iter()
        .map(|c| {
            (
                c.fingerprint.as_str(),
                c.scope.clone(),
                c.origin.as_str(),
                c.is_ca,
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            ("aa", Some(ca), origin::ADDED, true),
            (
                "bb",
                Some(StoredScope::ThisCertificate),
                origin::OWN_KEY,
                false
            ),
            (
                "cc",
                Some(StoredScope::ThisCertificate),
                origin::SIGNER,
                false
            ),
        ]
    );
    assert!(list
        .iter()
        .all(|c| c.certificate == [0x30, 0x03, 0x02, 0x01, 0x01]));
    assert!(list.iter().all(|c| !c.added_at.is_empty()));
}

#[tokio::test]
async fn trusting_again_replaces_the_scope_in_place_and_each_change_is_audited() {
    let (_dir, store) = fresh().await;
    let narrow = StoredScope::Organisations(vec!["211140000425".into()]);
    let wide = StoredScope::Organisations(vec!["211140000425".into(), "980310005674".into()]);
    store
        .trust_add(&certificate("aa", narrow, origin::ADDED), "test")
        .await
        .unwrap();
    store
        .trust_add(&certificate("aa", wide.clone(), origin::ADDED), "test")
        .await
        .unwrap();

    let list = store.trust_list().await.unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].scope, Some(wide));

    store.trust_remove("aa", "test").await.unwrap();
    assert!(store.trust_list().await.unwrap().is_empty());
    let err = store.trust_remove("aa", "test").await.unwrap_err();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err:?}");

    let audit = store.audit_entries(None).await.unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["trusted", "trusted", "untrusted"]);
    assert_eq!(
        audit[1].details["bins"],
        serde_json::json!(["211140000425", "980310005674"])
    );
    assert_eq!(audit[2].details["fingerprint"], "aa");
    assert!(store.verify_audit().await.unwrap().intact());
}
