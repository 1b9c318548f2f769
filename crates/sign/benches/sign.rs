//! Signing and verification figures (`cargo bench -p kelisim-sign`): prints, asserts nothing.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::time::{Duration, Instant};

use kelisim_sign::{
    sign_pdf, verify_pdf, KdfParams, Keystore, NewKey, Passphrase, SignOptions, Subject,
    TrustAnchor, VerifyOptions,
};
use lopdf::{dictionary, Document, Object, Stream};

fn sample_pdf(size: usize) -> Vec<u8> {
    let mut doc = Document::with_version("2.0");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" },
    );
    let mut kids = Vec::new();
    let per_page = 60_000;
    let mut written = 0;
    let mut n = 0u64;
    while written < size || kids.is_empty() {
        let mut content = Vec::with_capacity(per_page + 100);
        while content.len() < per_page {
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            content.extend_from_slice(
                format!(
                    "BT /F1 6 Tf 72 {} Td (Clause {n:x}: the parties agree.) Tj ET\n",
                    700 - (n % 100) * 6
                )
                .as_bytes(),
            );
        }
        written += content.len();
        let c = doc.add_object(Stream::new(dictionary! {}, content));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => c,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "Font" => dictionary! { "F1" => font } },
        });
        kids.push(Object::Reference(page));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => kids, "Count" => count }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn options(field: &str, y: f32) -> SignOptions {
    SignOptions {
        field_name: field.into(),
        page: 1,
        rect: [50.0, y, 270.0, y + 60.0],
        certify: false,
        reason: None,
        location: None,
        signing_time: time::OffsetDateTime::now_utc(),
        appearance_text: vec![
            "Айгүл Сейітова".into(),
            "Директор".into(),
            "3F2A 9C01".into(),
        ],
        empty_fields: vec![],
    }
}

fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut best = Duration::MAX;
    let mut last = None;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed());
        last = Some(v);
    }
    (best, last.unwrap())
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).map(|l| {
                l.split_whitespace()
                    .nth(1)
                    .unwrap_or("0")
                    .parse::<f64>()
                    .unwrap_or(0.0)
            })
        })
        .unwrap_or(0.0)
        / 1024.0
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let pass = Passphrase::from("bench passphrase".to_owned());
    let ks = Keystore::open(dir.path()).unwrap();
    let subject = Subject::new("Айгүл Сейітова", "Директор", "ҚОҒ «Мысал»");
    let t = Instant::now();
    ks.create_key(&NewKey::new("a", subject.clone()), &pass, None)
        .unwrap();
    println!(
        "create key (Argon2id m=64 MiB t=3 p=1 + certificate): {:?}",
        t.elapsed()
    );
    let (unlock, a) = best_of(3, || ks.unlock("a", &pass).unwrap());
    println!("unlock key (Argon2id m=64 MiB t=3 p=1): {unlock:?}");
    let cheap = Keystore::open(dir.path())
        .unwrap()
        .with_kdf_params(KdfParams {
            m_cost_kib: 256,
            t_cost: 1,
            p_cost: 1,
        })
        .with_kdf_floor_for_tests();
    cheap
        .create_key(&NewKey::new("b", subject), &pass, None)
        .unwrap();
    let b = cheap.unlock("b", &pass).unwrap();
    let trust = [
        TrustAnchor::this_certificate(a.info().certificate_der.clone()),
        TrustAnchor::this_certificate(b.info().certificate_der.clone()),
    ];

    for size in [1_000_000usize, 2_000_000, 20_000_000] {
        let pdf = sample_pdf(size);
        let (sign_time, once) = best_of(3, || sign_pdf(&pdf, &a, &options("Sig1", 600.0)).unwrap());
        let twice = sign_pdf(&once, &b, &options("Sig2", 500.0)).unwrap();
        let (verify_time, report) =
            best_of(3, || verify_pdf(&twice, &VerifyOptions::trusting(&trust)));
        assert_eq!(report.verdict, kelisim_sign::Verdict::Valid);
        println!(
            "{:>5.1} MB PDF: sign {:>8.1} ms (+{} bytes); verify two signatures with revision analysis {:>8.1} ms",
            pdf.len() as f64 / 1e6,
            sign_time.as_secs_f64() * 1e3,
            once.len() - pdf.len(),
            verify_time.as_secs_f64() * 1e3
        );
    }
    println!("peak resident memory: {:.0} MiB", peak_rss_mib());
}
