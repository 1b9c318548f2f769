//! The memorandum figures of this machine, printed (no timing assertions anywhere in tests):
//!
//! - validate + canonicalise + hash a 2,000-clause bilingual memorandum (target ≤ 20 ms);
//! - import 10,000 memorandums (target ≤ 60 s);
//! - full-text search over them, median (target ≤ 10 ms);
//! - a list page of 100 (target ≤ 20 ms).
//!
//! Run: `cargo bench -p kelisim-app --bench memos` (or `make bench`). `KELISIM_BENCH_MEMOS`
//! changes the number imported.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up should stop

use std::time::{Duration, Instant};

use kelisim_app::{Kelisim, ListParams};
use serde_json::{json, Value};

const EXAMPLE: &str = include_str!("../../core/tests/fixtures/youth-volunteering.json");

/// A tiny deterministic generator, so every run measures the same data.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const KK: [&str; 12] = [
    "жастар",
    "білім",
    "денсаулық",
    "мәдениет",
    "экология",
    "қауіпсіздік",
    "спорт",
    "ғылым",
    "еріктілер",
    "цифрландыру",
    "әлеуметтік",
    "құқық",
];
const RU: [&str; 12] = [
    "молодежь",
    "образование",
    "здравоохранение",
    "культура",
    "экология",
    "безопасность",
    "спорт",
    "наука",
    "волонтеры",
    "цифровизация",
    "социальный",
    "право",
];

fn big_memo(clauses: usize) -> String {
    let mut doc: Value = serde_json::from_str(EXAMPLE).unwrap();
    let mut rng = Lcg(7);
    let sections: Vec<Value> = (0..clauses / 20)
        .map(|s| {
            let cl: Vec<Value> = (0..20)
                .map(|c| {
                    let kk: Vec<&str> = (0..18).map(|_| rng.pick(&KK)).collect();
                    let ru: Vec<&str> = (0..18).map(|_| rng.pick(&RU)).collect();
                    json!({ "text": { "kk": format!("{s}.{c} {}.", kk.join(" ")), "ru": format!("{s}.{c} {}.", ru.join(" ")) } })
                })
                .collect();
            json!({ "heading": { "kk": format!("Бөлім {s}"), "ru": format!("Раздел {s}") }, "clauses": cl })
        })
        .collect();
    doc["sections"] = Value::Array(sections);
    doc.to_string()
}

fn memo_variant(rng: &mut Lcg, i: usize) -> String {
    let mut doc: Value = serde_json::from_str(EXAMPLE).unwrap();
    let (a, b) = (rng.pick(&KK), rng.pick(&RU));
    doc["title"]["kk"] = json!(format!(
        "{a} саласындағы ынтымақтастық туралы МЕМОРАНДУМ № {i}"
    ));
    doc["title"]["ru"] = json!(format!("МЕМОРАНДУМ № {i} о сотрудничестве в сфере: {b}"));
    doc["sections"][0]["clauses"][0]["text"]["kk"] = json!(format!(
        "Тараптар {} және {} бағдарламаларын бірлесіп іске асырады.",
        rng.pick(&KK),
        rng.pick(&KK)
    ));
    doc["sections"][0]["clauses"][0]["text"]["ru"] = json!(format!(
        "Стороны совместно реализуют программы: {}, {}.",
        rng.pick(&RU),
        rng.pick(&RU)
    ));
    doc.to_string()
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort_unstable();
    xs[xs.len() / 2]
}

fn p95(mut xs: Vec<Duration>) -> Duration {
    xs.sort_unstable();
    xs[(xs.len() * 95 / 100).min(xs.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` passes nothing we need.
    let n: usize = std::env::var("KELISIM_BENCH_MEMOS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);

    // 1. validate + canonicalise + hash, 2,000 bilingual clauses.
    let text = big_memo(2_000);
    let mut times = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let report = kelisim_app::validate_text(&text);
        assert!(report.valid, "{:?}", report.problems.first());
        times.push(t.elapsed());
    }
    println!(
        "validate+canonicalise+hash, 2,000 clauses kk+ru ({} KiB): median {}, p95 {}   (target ≤ 20 ms)",
        text.len() / 1024,
        ms(median(times.clone())),
        ms(p95(times))
    );

    // 2. import n memorandums into a fresh database.
    let dir = tempfile::tempdir().unwrap();
    let app = Kelisim::open(dir.path()).await.unwrap();
    let mut rng = Lcg(42);
    let docs: Vec<String> = (0..n).map(|i| memo_variant(&mut rng, i)).collect();
    let t = Instant::now();
    for doc in &docs {
        app.import(doc, "bench").await.unwrap();
    }
    let import = t.elapsed();
    println!(
        "import {n} memorandums: {:.1} s ({:.0} per second)   (target ≤ 60 s for 10,000)",
        import.as_secs_f64(),
        n as f64 / import.as_secs_f64()
    );

    // 3. full-text search.
    let queries: Vec<String> = (0..60)
        .map(|i| match i % 4 {
            0 => rng.pick(&KK).to_uppercase(),
            1 => rng.pick(&RU).to_uppercase(),
            2 => format!("{} {}", rng.pick(&RU), rng.pick(&RU)),
            _ => format!("министрлігі {}", rng.pick(&KK)),
        })
        .collect();
    let mut times = Vec::new();
    let mut hits = 0;
    for q in &queries {
        let t = Instant::now();
        let page = app
            .list(&ListParams {
                query: Some(q.clone()),
                limit: Some(100),
                ..Default::default()
            })
            .await
            .unwrap();
        times.push(t.elapsed());
        hits += page.total;
    }
    println!(
        "full-text search over {n}, first page of 100: median {}, p95 {} ({} queries, {} hits on average)   (target median ≤ 10 ms)",
        ms(median(times.clone())),
        ms(p95(times)),
        queries.len(),
        hits as usize / queries.len()
    );

    // 4. a list page of 100, at several offsets.
    let mut times = Vec::new();
    for i in 0..50u32 {
        let t = Instant::now();
        let page = app
            .list(&ListParams {
                limit: Some(100),
                offset: Some((i * 97) % (n as u32).max(1)),
                ..Default::default()
            })
            .await
            .unwrap();
        times.push(t.elapsed());
        assert!(!page.items.is_empty() || n == 0);
    }
    println!(
        "list page of 100 of {n}: median {}, p95 {}   (target ≤ 20 ms)",
        ms(median(times.clone())),
        ms(p95(times))
    );
    app.close().await;
}
