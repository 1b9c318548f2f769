//! Paragraph line breaking: Knuth–Plass total fit over the clusters of a shaped paragraph.
//!
//! Break opportunities come from the Unicode line-breaking rules (UAX #14, through ICU4X), from
//! hyphenation (a hyphen is drawn at such a break), from soft hyphens, and — inside tokens too long
//! for a comfortable line (URLs, long numbers) — from every cluster boundary at a high penalty, so
//! that nothing overflows. The paragraph is broken as a whole: the chosen breaks minimise the sum of
//! TeX's demerits (badness from how far the spaces stretch or shrink, penalties, consecutive
//! hyphens, and neighbouring lines of very different tightness), which is what keeps justified
//! 80 mm columns free of loose lines. The last line (and a line ended by a forced break) is ragged.

use icu_segmenter::options::LineBreakOptions;
use icu_segmenter::LineSegmenter;
use kelisim_core::Language;

use crate::hyphenate;
use crate::shape::{Hyphen, Kind, Para};

/// How much a space may stretch at adjustment ratio 1, as a share of its width.
pub(crate) const STRETCH: f32 = 0.5;
/// How much a space may shrink at adjustment ratio −1, as a share of its width.
pub(crate) const SHRINK: f32 = 0.3;
/// Letter spacing at adjustment ratio 1, in ems, between the letters of a justified line: a
/// little of the slack goes between letters so that spaces need not open wide in narrow columns.
pub(crate) const TRACK_STRETCH: f32 = 0.02;
/// How far spaces stretch (as an adjustment ratio of spaces alone) before letters are spaced.
const SPACES_FIRST: f32 = 2.0;
/// Letter spacing at adjustment ratio −1, in ems.
pub(crate) const TRACK_SHRINK: f32 = 0.01;

const LINE_PENALTY: f64 = 10.0;
const HYPHEN_PENALTY: f64 = 50.0;
const EXPLICIT_HYPHEN_PENALTY: f64 = 50.0;
const OTHER_BREAK_PENALTY: f64 = 100.0;
const EMERGENCY_PENALTY: f64 = 2000.0;
const DOUBLE_HYPHEN_DEMERITS: f64 = 10_000.0;
const MORE_HYPHENS_DEMERITS: f64 = 100_000.0;
const FINAL_HYPHEN_DEMERITS: f64 = 5_000.0;
const ADJACENT_DEMERITS: f64 = 10_000.0;
const OVERFULL_DEMERITS: f64 = 1e13;
/// A token that is not a word and wider than this share of the line gets emergency break points.
const LONG_TOKEN: f32 = 0.5;

/// How the lines of a paragraph sit in their measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Justified, with a ragged last line.
    Justify,
    /// Ragged right.
    Left,
    /// Centred, lines balanced.
    Center,
    /// Ragged left.
    Right,
}

/// The widths a paragraph is set in.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Measure {
    /// The first line's width (after a first-line indent).
    pub(crate) first: f32,
    /// Every other line's width.
    pub(crate) rest: f32,
}

/// One line as chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Line {
    /// Clusters `start..end` of the paragraph.
    pub(crate) start: u32,
    pub(crate) end: u32,
    /// Whether a hyphen is drawn after the last cluster.
    pub(crate) hyphen: bool,
    /// The letter spacing after each ink cluster but the line's last (see [`letter_gaps`]).
    pub(crate) track: f32,
    /// The adjustment ratio: each space is widened by `ratio × STRETCH × width` (ratio > 0) or
    /// narrowed by `ratio × SHRINK × width` (ratio < 0), and in justified text letters are
    /// spaced by [`tracking`].
    pub(crate) ratio: f32,
    /// The adjustment ratio the breaker judged the line by (spaces and letters together).
    pub(crate) fit: f32,
    /// The width as drawn (adjusted spaces and the hyphen included).
    pub(crate) width: f32,
}

/// The width of a space of natural width `advance` at adjustment ratio `ratio`.
pub(crate) fn space_width(advance: f32, ratio: f32) -> f32 {
    if ratio >= 0.0 {
        advance * (1.0 + ratio * STRETCH)
    } else {
        advance * (1.0 + ratio * SHRINK)
    }
}

#[derive(Debug, Clone, Copy)]
struct Break {
    /// The line before this break ends before cluster `end`…
    end: u32,
    /// …and the next line starts at cluster `next` (after a space that is dropped).
    next: u32,
    penalty: f64,
    /// A hyphen ends the line (drawn or already in the text): for the consecutive-hyphen rules.
    flagged: bool,
    /// A hyphen is drawn.
    hyphen: bool,
    /// The width of the drawn hyphen.
    extra: f32,
    forced: bool,
}

fn break_opportunities(
    para: &Para,
    lang: Language,
    measure: Measure,
    hyphenate: bool,
    hyphens: &[Hyphen; 4],
) -> Vec<Break> {
    let cl = &para.clusters;
    let n = cl.len();
    let cluster_at = |offset: usize| -> Option<usize> {
        cl.binary_search_by_key(&(offset as u32), |c| c.start).ok()
    };
    let mut out: Vec<Break> = Vec::with_capacity(n / 2);
    out.push(Break {
        end: 0,
        next: 0,
        penalty: 0.0,
        flagged: false,
        hyphen: false,
        extra: 0.0,
        forced: true,
    });
    let plain = |k: usize, penalty: f64, flagged: bool| Break {
        end: k as u32,
        next: k as u32,
        penalty,
        flagged,
        hyphen: false,
        extra: 0.0,
        forced: false,
    };
    let hyphen_at = |k: usize| -> Option<Break> {
        (k > 0 && k < n && cl[k - 1].kind == Kind::Ink && cl[k].kind == Kind::Ink).then(|| {
            let h = hyphens[cl[k - 1].face.index()];
            Break {
                end: k as u32,
                next: k as u32,
                penalty: HYPHEN_PENALTY,
                flagged: true,
                hyphen: true,
                extra: h.advance_em * para.size,
                forced: false,
            }
        })
    };

    // Unicode line-breaking opportunities.
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    for offset in segmenter.segment_str(&para.text) {
        if offset == 0 || offset >= para.text.len() {
            continue;
        }
        let Some(k) = cluster_at(offset) else {
            continue;
        };
        if k == 0 {
            continue;
        }
        match (cl[k - 1].kind, cl[k].kind) {
            (Kind::Space, _) => out.push(Break {
                end: (k - 1) as u32,
                next: k as u32,
                penalty: 0.0,
                flagged: false,
                hyphen: false,
                extra: 0.0,
                forced: false,
            }),
            (Kind::Ink, Kind::Ink) => {
                let before = para.text[..cl[k].start as usize].chars().next_back();
                if matches!(before, Some('-' | '\u{2010}')) {
                    out.push(plain(k, EXPLICIT_HYPHEN_PENALTY, true));
                } else {
                    out.push(plain(k, OTHER_BREAK_PENALTY, false));
                }
            }
            _ => {}
        }
    }

    // Forced breaks.
    for (k, c) in cl.iter().enumerate() {
        if c.kind == Kind::Newline {
            out.push(Break {
                end: k as u32,
                next: (k + 1) as u32,
                penalty: 0.0,
                flagged: false,
                hyphen: false,
                extra: 0.0,
                forced: true,
            });
        }
    }

    // Hyphenation inside words (runs of letters), and soft hyphens.
    let text = para.text.as_str();
    let mut word_start: Option<usize> = None;
    let scan = if hyphenate { text.len() } else { 0 };
    for (i, c) in text[..scan]
        .char_indices()
        .chain(std::iter::once((scan, ' ')))
    {
        if hyphenate::is_letter(c) {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            for p in hyphenate::points(&text[start..i], lang) {
                if let Some(b) = cluster_at(start + p).and_then(hyphen_at) {
                    out.push(b);
                }
            }
        }
    }
    for &offset in para.soft_hyphens.iter().filter(|_| hyphenate) {
        if let Some(b) = cluster_at(offset).and_then(hyphen_at) {
            out.push(b);
        }
    }

    // Emergency breaks inside tokens that cannot fit a line, or that are long and not words
    // (URLs, long numbers: a word is hyphenated instead).
    let narrowest = measure.rest.min(measure.first);
    let mut k = 0;
    while k < n {
        if cl[k].kind != Kind::Ink {
            k += 1;
            continue;
        }
        let start = k;
        while k < n && cl[k].kind == Kind::Ink {
            k += 1;
        }
        let token_width = para.width(start..k);
        let wordlike = || {
            text[cl[start].start as usize..cl[k - 1].end as usize]
                .chars()
                .all(|c| hyphenate::is_letter(c) || "-«»\"(),;.:!?".contains(c))
        };
        if token_width > narrowest || (token_width > LONG_TOKEN * narrowest && !wordlike()) {
            for b in start + 1..k {
                out.push(plain(b, EMERGENCY_PENALTY, false));
            }
        }
    }

    out.push(Break {
        end: n as u32,
        next: n as u32,
        penalty: 0.0,
        flagged: false,
        hyphen: false,
        extra: 0.0,
        forced: true,
    });
    // One break per boundary: the forced or cheapest one.
    out.sort_by(|a, b| {
        (a.end, a.next)
            .cmp(&(b.end, b.next))
            .then(b.forced.cmp(&a.forced))
            .then(a.penalty.total_cmp(&b.penalty))
    });
    out.dedup_by(|later, kept| later.end == kept.end && later.next == kept.next);
    out
}

#[derive(Debug, Clone, Copy)]
struct State {
    demerits: f64,
    prev: (u32, u8),
    hyphen_run: u8,
    ratio: f32,
}

fn fitness(ratio: f32) -> u8 {
    if ratio > 1.0 {
        0
    } else if ratio > 0.5 {
        1
    } else if ratio >= -0.5 {
        2
    } else {
        3
    }
}

/// Breaks `para` into lines of `measure`.
pub(crate) fn break_lines(
    para: &Para,
    lang: Language,
    measure: Measure,
    align: Align,
    hyphens: &[Hyphen; 4],
) -> Vec<Line> {
    let cl = &para.clusters;
    if cl.is_empty() {
        return Vec::new();
    }
    let breaks = break_opportunities(para, lang, measure, align == Align::Justify, hyphens);

    // Prefix sums of width, stretch and shrink.
    let n = cl.len();
    let mut width = Vec::with_capacity(n + 1);
    let mut stretch = Vec::with_capacity(n + 1);
    let mut shrink = Vec::with_capacity(n + 1);
    let mut inks = Vec::with_capacity(n + 1);
    let (mut w, mut st, mut sh, mut ink) = (0.0f64, 0.0f64, 0.0f64, 0u32);
    width.push(w);
    stretch.push(st);
    shrink.push(sh);
    inks.push(ink);
    for c in cl {
        let a = f64::from(c.advance);
        w += a;
        match c.kind {
            Kind::Space | Kind::Nbsp => {
                st += a * f64::from(STRETCH);
                sh += a * f64::from(SHRINK);
            }
            Kind::Ink => ink += 1,
            Kind::Newline => {}
        }
        width.push(w);
        stretch.push(st);
        shrink.push(sh);
        inks.push(ink);
    }
    let justify = align == Align::Justify;
    // Letter spacing only in justified text.
    let (track_stretch, track_shrink) = if justify {
        (para.size * TRACK_STRETCH, para.size * TRACK_SHRINK)
    } else {
        (0.0, 0.0)
    };

    let mut best: Vec<[Option<State>; 4]> = vec![[None; 4]; breaks.len()];
    best[0][2] = Some(State {
        demerits: 0.0,
        prev: (0, 2),
        hyphen_run: 0,
        ratio: 0.0,
    });

    for j in 1..breaks.len() {
        let bj = breaks[j];
        let mut found = false;
        for i in (0..j).rev() {
            let bi = breaks[i];
            if bi.next > bj.end {
                if bi.forced {
                    break;
                }
                continue;
            }
            let (start, end) = (bi.next as usize, bj.end as usize);
            let natural = (width[end] - width[start]) as f32 + bj.extra;
            let gaps = letter_gaps(inks[end] - inks[start], bj.hyphen) as f32;
            let can_stretch = (stretch[end] - stretch[start]) as f32 + gaps * track_stretch;
            let can_shrink = (shrink[end] - shrink[start]) as f32 + gaps * track_shrink;
            let target = if bi.next == 0 {
                measure.first
            } else {
                measure.rest
            };
            let last = bj.forced;

            let mut overfull = false;
            let ratio = if natural > target {
                let r = if can_shrink > 0.0 {
                    (target - natural) / can_shrink
                } else {
                    f32::NEG_INFINITY
                };
                if r < -1.0 {
                    overfull = true;
                }
                r.max(-1.0)
            } else if justify && !last {
                if can_stretch > 0.0 {
                    (target - natural) / can_stretch
                } else {
                    f32::INFINITY
                }
            } else {
                0.0
            };
            if overfull && found {
                break;
            }
            let slack = f64::from((target - natural).max(0.0));
            let badness = if overfull {
                OVERFULL_DEMERITS + f64::from(natural - target) * 1e6
            } else if justify && !last {
                if ratio.is_finite() {
                    100.0 * f64::from(ratio.abs()).powi(3)
                } else if slack > 1.0 {
                    1e5
                } else {
                    0.0
                }
            } else if ratio < 0.0 {
                100.0 * f64::from(ratio.abs()).powi(3)
            } else {
                // Ragged lines: prefer even lengths (balanced when centred), ignore the last
                // line's shortness unless centring.
                let share = slack / f64::from(target.max(1.0));
                if last && align != Align::Center {
                    0.0
                } else {
                    2000.0 * share * share
                }
            };
            let fit = if justify && !last { fitness(ratio) } else { 2 };
            let mut base = (LINE_PENALTY + badness).powi(2);
            if bj.penalty >= 0.0 {
                base += bj.penalty * bj.penalty;
            }
            let demerit_ratio = if ratio.is_finite() { ratio } else { 10.0 };
            for fi in 0..4u8 {
                let Some(si) = best[i][fi as usize] else {
                    continue;
                };
                found = true;
                let mut d = si.demerits + base;
                let run = if bj.flagged {
                    si.hyphen_run.saturating_add(1)
                } else {
                    0
                };
                if bi.flagged && bj.flagged {
                    d += DOUBLE_HYPHEN_DEMERITS;
                }
                if run > 2 {
                    d += MORE_HYPHENS_DEMERITS * f64::from(run - 2);
                }
                if j == breaks.len() - 1 && bi.flagged {
                    d += FINAL_HYPHEN_DEMERITS;
                }
                if justify && fi.abs_diff(fit) > 1 && i != 0 {
                    d += ADJACENT_DEMERITS;
                }
                let slot = &mut best[j][fit as usize];
                if slot.is_none_or(|s| d < s.demerits) {
                    *slot = Some(State {
                        demerits: d,
                        prev: (i as u32, fi),
                        hyphen_run: run,
                        ratio: demerit_ratio,
                    });
                }
            }
            if overfull || (bi.forced && i != 0) {
                break;
            }
        }
    }

    // Walk back from the cheapest way to the end.
    let last = breaks.len() - 1;
    let mut at = match (0..4u8)
        .filter_map(|f| best[last][f as usize].map(|s| (f, s.demerits)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
    {
        Some((f, _)) => (last as u32, f),
        None => return fallback(para, measure),
    };
    let mut lines = Vec::new();
    while at.0 != 0 {
        let Some(state) = best[at.0 as usize][at.1 as usize] else {
            return fallback(para, measure);
        };
        let (bi, bj) = (breaks[state.prev.0 as usize], breaks[at.0 as usize]);
        let ratio = if bj.forced || !justify {
            state.ratio.min(0.0)
        } else {
            state.ratio.clamp(-1.0, 10.0)
        };
        let (start, end) = (bi.next, bj.end);
        let (su, eu) = (start as usize, end as usize);
        let gaps = letter_gaps(inks[eu] - inks[su], bj.hyphen) as f32;
        // Spaces take the slack first, up to SPACES_FIRST; letter spacing only the rest, so that
        // most lines keep the fonts' own advances.
        let natural = (width[eu] - width[su]) as f32 + bj.extra;
        let space_stretch = (stretch[eu] - stretch[su]) as f32;
        let space_shrink = (shrink[eu] - shrink[su]) as f32;
        let target = if bi.next == 0 {
            measure.first
        } else {
            measure.rest
        };
        let slack = target - natural;
        let (space_ratio, track) = if slack >= 0.0 && (!justify || bj.forced) {
            (0.0, 0.0)
        } else if slack >= 0.0 {
            let r = if space_stretch > 0.0 {
                (slack / space_stretch).min(SPACES_FIRST)
            } else {
                0.0
            };
            let rest = slack - r * space_stretch;
            (r, if gaps > 0.0 { rest / gaps } else { 0.0 })
        } else {
            let r = if space_shrink > 0.0 {
                (slack / space_shrink).max(-1.0)
            } else {
                0.0
            };
            let rest = slack - r * space_shrink;
            let track = if justify && gaps > 0.0 {
                (rest / gaps).max(-para.size * TRACK_SHRINK)
            } else {
                0.0
            };
            (r, track)
        };
        let drawn: f32 = cl[su..eu]
            .iter()
            .map(|c| match c.kind {
                Kind::Space | Kind::Nbsp => space_width(c.advance, space_ratio),
                _ => c.advance,
            })
            .sum::<f32>()
            + gaps * track
            + bj.extra;
        lines.push(Line {
            start,
            end,
            hyphen: bj.hyphen,
            track,
            ratio: space_ratio,
            fit: ratio,
            width: drawn,
        });
        at = state.prev;
    }
    lines.reverse();
    lines
}

/// Letter-spacing gaps on a line of `inks` ink clusters: after every one but the last, and after
/// the last too when a hyphen follows.
pub(crate) fn letter_gaps(inks: u32, hyphen: bool) -> u32 {
    if hyphen {
        inks
    } else {
        inks.saturating_sub(1)
    }
}

/// One line holding everything: only reached if the search found no way at all (a bug).
fn fallback(para: &Para, _measure: Measure) -> Vec<Line> {
    let n = para.clusters.len();
    vec![Line {
        start: 0,
        end: n as u32,
        hyphen: false,
        track: 0.0,
        ratio: 0.0,
        fit: 0.0,
        width: para.width(0..n),
    }]
}
