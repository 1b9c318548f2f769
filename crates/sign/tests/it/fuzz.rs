//! A bounded property test: mutated and truncated variants of a signed PDF never panic the
//! verifier and are never judged valid when a signed byte changed.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::time::Instant;

use kelisim_sign::Verdict;

use crate::common::*;

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const INTERESTING: &[&[u8]] = &[
    b"/ByteRange",
    b"/Contents",
    b"obj",
    b"endobj",
    b"stream",
    b"endstream",
    b"xref",
    b"trailer",
    b"startxref",
    b"%%EOF",
    b"<<",
    b">>",
    b"[",
    b"]",
    b"0 R",
    b"-1",
    b"99999999999",
    b"/Sig",
];

fn mutate(rng: &mut Rng, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = v.len().max(1);
        match rng.below(7) {
            0 => {
                let i = rng.below(len);
                if let Some(b) = v.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            1 => v.truncate(rng.below(len)),
            2 => {
                let i = rng.below(len);
                let token = INTERESTING[rng.below(INTERESTING.len())];
                v.splice(i.min(v.len())..i.min(v.len()), token.iter().copied());
            }
            3 => {
                let i = rng.below(len);
                let n = rng.below(64);
                let end = (i + n).min(v.len());
                v.drain(i.min(end)..end);
            }
            4 => {
                // Overwrite digits near the last ByteRange or startxref.
                let key: &[u8] = if rng.below(2) == 0 {
                    b"/ByteRange"
                } else {
                    b"startxref"
                };
                if let Some(p) = v.windows(key.len()).rposition(|w| w == key) {
                    let i = p + key.len() + 1 + rng.below(20);
                    if let Some(b) = v.get_mut(i) {
                        *b = b"0123456789 -"[rng.below(12)];
                    }
                }
            }
            5 => {
                let i = rng.below(len);
                let n = rng.below(256);
                let chunk: Vec<u8> = v.iter().skip(i).take(n).copied().collect();
                let j = rng.below(len).min(v.len());
                v.splice(j..j, chunk);
            }
            _ => {
                let i = rng.below(len);
                if let Some(b) = v.get_mut(i) {
                    *b = rng.next() as u8;
                }
            }
        }
    }
    v
}

#[test]
fn thousands_of_mutated_signed_pdfs_never_panic_the_verifier() {
    let dir = tempfile::tempdir().unwrap();
    let ks = keystore(dir.path());
    let (a, ka) = signer(&ks, "a", "Signer A");
    let (b, kb) = signer(&ks, "b", "Signer B");
    let once = sign(&sample_pdf(2_000), &ka, &options("Sig1", 600.0));
    let twice = sign(&once, &kb, &options("Sig2", 500.0));
    let trust = [a.certificate_der.clone(), b.certificate_der.clone()];
    assert_eq!(verify_trusting(&twice, &trust).verdict, Verdict::Valid);
    let gaps = |pdf: &[u8]| -> Vec<(usize, usize)> {
        verify_trusting(pdf, &trust)
            .signatures
            .iter()
            .filter_map(|s| s.byte_range)
            .map(|br| (br[1] as usize, br[2] as usize))
            .collect()
    };
    let (gaps_once, gaps_twice) = (gaps(&once), gaps(&twice));
    let mut rng = Rng(0x5eed_cafe_f00d_1234);
    let started = Instant::now();
    let mut valid_after_change = 0;
    let runs = 3000;
    for n in 0..runs {
        let base: &[u8] = if n % 2 == 0 { &twice } else { &once };
        let mutated = mutate(&mut rng, base);
        let report = catch_unwind(AssertUnwindSafe(|| verify_trusting(&mutated, &trust)))
            .unwrap_or_else(|_| panic!("the verifier panicked on variant {n}"));
        // A variant that stays valid may differ only inside the /Contents hex strings (their
        // zero padding), never in a signed byte.
        if report.verdict == Verdict::Valid && mutated != base {
            valid_after_change += 1;
            // A truncation back to the end of the first signed revision is the once-signed
            // document, which is valid; compare with what it is.
            let (base, gaps): (&[u8], _) = if mutated.len() == once.len() {
                (&once, &gaps_once)
            } else if n % 2 == 0 {
                (&twice, &gaps_twice)
            } else {
                (&once, &gaps_once)
            };
            let first = mutated
                .iter()
                .zip(base)
                .position(|(x, y)| x != y)
                .unwrap_or(0);
            assert_eq!(mutated.len(), base.len(), "variant {n} changed length and stayed valid: first diff {first} base {:?} mutated {:?} sigs {:?}", String::from_utf8_lossy(&base[first.saturating_sub(60)..(first + 60).min(base.len())]), String::from_utf8_lossy(&mutated[first.saturating_sub(60)..(first + 60).min(mutated.len())]), report.signatures.iter().map(|s| (&s.field_name, s.byte_range, s.covers_whole_file)).collect::<Vec<_>>());
            for (i, (x, y)) in mutated.iter().zip(base).enumerate() {
                if x != y {
                    assert!(
                        gaps.iter().any(|(b, c)| i > *b && i + 1 < *c),
                        "variant {n}: byte {i} outside every /Contents changed and stayed valid"
                    );
                }
            }
        }
    }
    let elapsed = started.elapsed();
    eprintln!(
        "{runs} variants in {elapsed:?}, {valid_after_change} still valid (padding-only changes)"
    );
    assert!(valid_after_change < runs / 10, "{valid_after_change}");
}
