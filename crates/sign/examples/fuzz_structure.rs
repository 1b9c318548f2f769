//! Mutates real signed PDFs and feeds them to the strict structure reader (and, when it
//! accepts, to lopdf for the cross-check), checking that the reader never panics and that an
//! accepted file is one lopdf agrees with. Prints inputs per second and the refusal codes.
//!
//! `cargo run -p kelisim-sign --example fuzz_structure --release -- [seconds] [files…]`
//! (default: 10 seconds over the golden files).
#![allow(
    clippy::print_stdout,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::{Duration, Instant};

use kelisim_sign::structure;

/// xorshift64*: enough randomness for mutations, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Places worth mutating: cross-reference keywords, offsets and headers.
fn hot_spot(pdf: &[u8], rng: &mut Rng) -> usize {
    const MARKS: [&[u8]; 6] = [b"xref", b"startxref", b"/Prev", b"/Size", b" obj", b"%%EOF"];
    let mark = MARKS[rng.below(MARKS.len())];
    let hits: Vec<usize> = memchr::memmem::find_iter(pdf, mark).collect();
    if hits.is_empty() {
        return rng.below(pdf.len());
    }
    (hits[rng.below(hits.len())] + rng.below(40)).min(pdf.len().saturating_sub(1))
}

fn mutate(seed: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut pdf = seed.to_vec();
    for _ in 0..1 + rng.below(3) {
        if pdf.is_empty() {
            break;
        }
        let at = if rng.below(4) == 0 {
            rng.below(pdf.len())
        } else {
            hot_spot(&pdf, rng)
        };
        match rng.below(7) {
            0 => pdf[at] ^= 1 << rng.below(8),
            1 => pdf[at] = b"0123456789"[rng.below(10)],
            2 => pdf.insert(at, b" \n0123456789<>/[]()%"[rng.below(20)]),
            3 => {
                pdf.remove(at);
            }
            4 => pdf.truncate(at),
            5 => {
                // Copy a line over another place (a duplicated entry, a second header).
                let from = hot_spot(seed, rng);
                let line: Vec<u8> = seed[from..].iter().take(20).copied().collect();
                let end = (at + line.len()).min(pdf.len());
                pdf.splice(at..end, line);
            }
            _ => pdf.extend_from_slice(b"\nxref\n0 1\n0000000000 65535 f \n"),
        }
    }
    pdf
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let seconds: u64 = args.first().and_then(|s| s.parse().ok()).unwrap_or(10);
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/golden/");
    let files: Vec<String> = if args.len() > 1 {
        args[1..].to_vec()
    } else {
        vec![
            format!("{root}signed-two-parties.pdf"),
            format!("{root}memorandum.pdf"),
        ]
    };
    let seeds: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).expect(f)).collect();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ u64::from(std::process::id()));
    let (started, limit) = (Instant::now(), Duration::from_secs(seconds));
    let mut codes: BTreeMap<&'static str, u64> = BTreeMap::new();
    let (mut inputs, mut lopdf_panics) = (0u64, 0u64);
    let mut disagreements: Vec<String> = Vec::new();
    while started.elapsed() < limit {
        let input = mutate(&seeds[rng.below(seeds.len())], &mut rng);
        inputs += 1;
        let read = catch_unwind(AssertUnwindSafe(|| structure::read(&input)));
        let Ok(read) = read else {
            std::fs::write("structure-panic.pdf", &input).unwrap();
            panic!("the structure reader panicked; input saved to structure-panic.pdf");
        };
        let code = match read {
            Err(e) => e.code,
            Ok(_) => match catch_unwind(AssertUnwindSafe(|| structure::read_checked(&input))) {
                Ok(Ok(_)) => "accepted",
                Ok(Err(e)) => {
                    if e.code == "parser_disagrees" && disagreements.len() < 8 {
                        disagreements.push(e.message);
                    }
                    e.code
                }
                Err(_) => {
                    lopdf_panics += 1;
                    "lopdf_panicked"
                }
            },
        };
        *codes.entry(code).or_default() += 1;
    }
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{inputs} inputs in {secs:.1} s: {:.0} inputs/s, no panic in the reader ({lopdf_panics} lopdf panics on accepted files)",
        inputs as f64 / secs
    );
    for (code, n) in codes {
        println!("  {code:32} {n}");
    }
    for message in disagreements {
        println!("  lopdf disagreed: {message}");
    }
}
