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

impl Break {
    /// A break between clusters `k - 1` and `k`, nothing dropped, nothing drawn.
    fn plain(k: usize, penalty: f64, flagged: bool) -> Break {
        Break {
            end: k as u32,
            next: k as u32,
            penalty,
            flagged,
            hyphen: false,
            extra: 0.0,
            forced: false,
        }
    }

    /// A forced break: the line ends before `end` and the next starts at `next`.
    fn forced(end: usize, next: usize) -> Break {
        Break {
            end: end as u32,
            next: next as u32,
            penalty: 0.0,
            flagged: false,
            hyphen: false,
            extra: 0.0,
            forced: true,
        }
    }

    /// A break at the space `k - 1`, which is dropped.
    fn at_space(k: usize) -> Break {
        Break {
            end: (k - 1) as u32,
            ..Break::plain(k, 0.0, false)
        }
    }
}

/// Every place the paragraph may break, one per boundary (the forced or the cheapest), in
/// order, from the paragraph's start to its end.
fn break_opportunities(
    para: &Para,
    lang: Language,
    measure: Measure,
    hyphenate: bool,
    hyphens: &[Hyphen; 4],
) -> Vec<Break> {
    let n = para.clusters.len();
    let mut out: Vec<Break> = Vec::with_capacity(n / 2);
    out.push(Break::forced(0, 0));
    unicode_breaks(para, &mut out);
    forced_breaks(para, &mut out);
    if hyphenate {
        hyphenation_breaks(para, lang, hyphens, &mut out);
    }
    emergency_breaks(para, measure, &mut out);
    out.push(Break::forced(n, n));
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

/// The cluster that starts at byte `offset` of the paragraph's text.
fn cluster_at(para: &Para, offset: usize) -> Option<usize> {
    para.clusters
        .binary_search_by_key(&(offset as u32), |c| c.start)
        .ok()
}

/// A hyphenation break before cluster `k`, between two ink clusters: a hyphen is drawn.
fn hyphen_break(para: &Para, hyphens: &[Hyphen; 4], k: usize) -> Option<Break> {
    let cl = &para.clusters;
    (k > 0 && k < cl.len() && cl[k - 1].kind == Kind::Ink && cl[k].kind == Kind::Ink).then(|| {
        let h = hyphens[cl[k - 1].face.index()];
        Break {
            hyphen: true,
            extra: h.advance_em * para.size,
            ..Break::plain(k, HYPHEN_PENALTY, true)
        }
    })
}

/// The Unicode line-breaking opportunities (UAX #14): after spaces, after explicit hyphens,
/// and elsewhere between ink at a higher penalty.
fn unicode_breaks(para: &Para, out: &mut Vec<Break>) {
    let cl = &para.clusters;
    let segmenter = LineSegmenter::new_for_non_complex_scripts(LineBreakOptions::default());
    for offset in segmenter.segment_str(&para.text) {
        if offset == 0 || offset >= para.text.len() {
            continue;
        }
        let Some(k) = cluster_at(para, offset) else {
            continue;
        };
        if k == 0 {
            continue;
        }
        match (cl[k - 1].kind, cl[k].kind) {
            (Kind::Space, _) => out.push(Break::at_space(k)),
            (Kind::Ink, Kind::Ink) => {
                let before = para.text[..cl[k].start as usize].chars().next_back();
                if matches!(before, Some('-' | '\u{2010}')) {
                    out.push(Break::plain(k, EXPLICIT_HYPHEN_PENALTY, true));
                } else {
                    out.push(Break::plain(k, OTHER_BREAK_PENALTY, false));
                }
            }
            _ => {}
        }
    }
}

/// A forced break at every line break of the text (the newline itself is dropped).
fn forced_breaks(para: &Para, out: &mut Vec<Break>) {
    for (k, c) in para.clusters.iter().enumerate() {
        if c.kind == Kind::Newline {
            out.push(Break::forced(k, k + 1));
        }
    }
}

/// Hyphenation points inside words (runs of letters), then the soft hyphens.
fn hyphenation_breaks(para: &Para, lang: Language, hyphens: &[Hyphen; 4], out: &mut Vec<Break>) {
    let text = para.text.as_str();
    let mut word_start: Option<usize> = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if hyphenate::is_letter(c) {
            word_start.get_or_insert(i);
        } else if let Some(start) = word_start.take() {
            for p in hyphenate::points(&text[start..i], lang) {
                if let Some(b) =
                    cluster_at(para, start + p).and_then(|k| hyphen_break(para, hyphens, k))
                {
                    out.push(b);
                }
            }
        }
    }
    for &offset in &para.soft_hyphens {
        if let Some(b) = cluster_at(para, offset).and_then(|k| hyphen_break(para, hyphens, k)) {
            out.push(b);
        }
    }
}

/// Emergency breaks inside tokens that cannot fit a line, or that are long and not words
/// (URLs, long numbers: a word is hyphenated instead).
fn emergency_breaks(para: &Para, measure: Measure, out: &mut Vec<Break>) {
    let (cl, text) = (&para.clusters, para.text.as_str());
    let n = cl.len();
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
                out.push(Break::plain(b, EMERGENCY_PENALTY, false));
            }
        }
    }
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
    if para.clusters.is_empty() {
        return Vec::new();
    }
    let justify = align == Align::Justify;
    let breaks = break_opportunities(para, lang, measure, justify, hyphens);
    // Letter spacing only in justified text.
    let (track_stretch, track_shrink) = if justify {
        (para.size * TRACK_STRETCH, para.size * TRACK_SHRINK)
    } else {
        (0.0, 0.0)
    };
    let search = Search {
        breaks: &breaks,
        sums: Sums::new(para),
        measure,
        align,
        justify,
        track_stretch,
        track_shrink,
    };
    let best = search.best();
    search
        .walk_back(para, &best)
        .unwrap_or_else(|| fallback(para, measure))
}

/// Prefix sums over the clusters: natural width, stretch and shrink of the spaces, ink clusters.
struct Sums {
    width: Vec<f64>,
    stretch: Vec<f64>,
    shrink: Vec<f64>,
    inks: Vec<u32>,
}

impl Sums {
    fn new(para: &Para) -> Sums {
        let n = para.clusters.len();
        let mut sums = Sums {
            width: Vec::with_capacity(n + 1),
            stretch: Vec::with_capacity(n + 1),
            shrink: Vec::with_capacity(n + 1),
            inks: Vec::with_capacity(n + 1),
        };
        let (mut w, mut st, mut sh, mut ink) = (0.0f64, 0.0f64, 0.0f64, 0u32);
        sums.push(w, st, sh, ink);
        for c in &para.clusters {
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
            sums.push(w, st, sh, ink);
        }
        sums
    }

    fn push(&mut self, width: f64, stretch: f64, shrink: f64, inks: u32) {
        self.width.push(width);
        self.stretch.push(stretch);
        self.shrink.push(shrink);
        self.inks.push(inks);
    }
}

/// How a candidate line from one break to another would be set.
struct Judged {
    /// The adjustment ratio (clamped at −1 when overfull; infinite when nothing can stretch).
    ratio: f32,
    overfull: bool,
    /// The fitness class (0 loose … 3 tight).
    fit: u8,
    /// Demerits of the line itself, before the rules about its neighbours.
    base: f64,
}

/// The Knuth–Plass search over the break opportunities of one paragraph.
struct Search<'a> {
    breaks: &'a [Break],
    sums: Sums,
    measure: Measure,
    align: Align,
    justify: bool,
    track_stretch: f32,
    track_shrink: f32,
}

/// The cheapest way found to each break, per fitness class of the line ending there.
type Table = Vec<[Option<State>; 4]>;

impl Search<'_> {
    /// The width of the line after `bi`.
    fn target(&self, bi: Break) -> f32 {
        if bi.next == 0 {
            self.measure.first
        } else {
            self.measure.rest
        }
    }

    /// The cheapest ways to every break, from the paragraph's start.
    fn best(&self) -> Table {
        let breaks = self.breaks;
        let mut best: Table = vec![[None; 4]; breaks.len()];
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
                let judged = self.judge(bi, bj);
                if judged.overfull && found {
                    break;
                }
                found |= self.extend(&mut best, i, j, &judged);
                if judged.overfull || (bi.forced && i != 0) {
                    break;
                }
            }
        }
        best
    }

    /// How the line from `bi` to `bj` would be set, and its own demerits.
    fn judge(&self, bi: Break, bj: Break) -> Judged {
        let s = &self.sums;
        let (start, end) = (bi.next as usize, bj.end as usize);
        let natural = (s.width[end] - s.width[start]) as f32 + bj.extra;
        let gaps = letter_gaps(s.inks[end] - s.inks[start], bj.hyphen) as f32;
        let can_stretch = (s.stretch[end] - s.stretch[start]) as f32 + gaps * self.track_stretch;
        let can_shrink = (s.shrink[end] - s.shrink[start]) as f32 + gaps * self.track_shrink;
        let target = self.target(bi);
        let last = bj.forced;
        let justified = self.justify && !last;

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
        } else if justified {
            if can_stretch > 0.0 {
                (target - natural) / can_stretch
            } else {
                f32::INFINITY
            }
        } else {
            0.0
        };
        let badness = self.badness(ratio, overfull, natural, target, last);
        let mut base = (LINE_PENALTY + badness).powi(2);
        if bj.penalty >= 0.0 {
            base += bj.penalty * bj.penalty;
        }
        Judged {
            ratio,
            overfull,
            fit: if justified { fitness(ratio) } else { 2 },
            base,
        }
    }

    /// TeX's badness of a line at `ratio`; ragged lines by their shortness instead.
    fn badness(&self, ratio: f32, overfull: bool, natural: f32, target: f32, last: bool) -> f64 {
        let slack = f64::from((target - natural).max(0.0));
        if overfull {
            OVERFULL_DEMERITS + f64::from(natural - target) * 1e6
        } else if self.justify && !last {
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
            if last && self.align != Align::Center {
                0.0
            } else {
                2000.0 * share * share
            }
        }
    }

    /// Extends every way to break `i` by the line to break `j`, keeping the cheapest way to `j`
    /// per fitness class (with the demerits for hyphens and neighbouring lines). Whether any
    /// way to `i` existed.
    fn extend(&self, best: &mut Table, i: usize, j: usize, judged: &Judged) -> bool {
        let (bi, bj) = (self.breaks[i], self.breaks[j]);
        let demerit_ratio = if judged.ratio.is_finite() {
            judged.ratio
        } else {
            10.0
        };
        let mut found = false;
        for fi in 0..4u8 {
            let Some(si) = best[i][fi as usize] else {
                continue;
            };
            found = true;
            let mut d = si.demerits + judged.base;
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
            if j == self.breaks.len() - 1 && bi.flagged {
                d += FINAL_HYPHEN_DEMERITS;
            }
            if self.justify && fi.abs_diff(judged.fit) > 1 && i != 0 {
                d += ADJACENT_DEMERITS;
            }
            let slot = &mut best[j][judged.fit as usize];
            if slot.is_none_or(|s| d < s.demerits) {
                *slot = Some(State {
                    demerits: d,
                    prev: (i as u32, fi),
                    hyphen_run: run,
                    ratio: demerit_ratio,
                });
            }
        }
        found
    }

    /// The lines of the cheapest way to the end, walked back from it; `None` if there is none
    /// (a bug).
    fn walk_back(&self, para: &Para, best: &Table) -> Option<Vec<Line>> {
        let last = self.breaks.len() - 1;
        let (f, _) = (0..4u8)
            .filter_map(|f| best[last][f as usize].map(|s| (f, s.demerits)))
            .min_by(|a, b| a.1.total_cmp(&b.1))?;
        let mut at = (last as u32, f);
        let mut lines = Vec::new();
        while at.0 != 0 {
            let state = best[at.0 as usize][at.1 as usize]?;
            let (bi, bj) = (
                self.breaks[state.prev.0 as usize],
                self.breaks[at.0 as usize],
            );
            lines.push(self.set_line(para, bi, bj, state.ratio));
            at = state.prev;
        }
        lines.reverse();
        Some(lines)
    }

    /// The line from `bi` to `bj` as drawn. Spaces take the slack first, up to SPACES_FIRST;
    /// letter spacing only the rest, so that most lines keep the fonts' own advances.
    fn set_line(&self, para: &Para, bi: Break, bj: Break, judged_ratio: f32) -> Line {
        let (s, justify) = (&self.sums, self.justify);
        let ratio = if bj.forced || !justify {
            judged_ratio.min(0.0)
        } else {
            judged_ratio.clamp(-1.0, 10.0)
        };
        let (start, end) = (bi.next, bj.end);
        let (su, eu) = (start as usize, end as usize);
        let gaps = letter_gaps(s.inks[eu] - s.inks[su], bj.hyphen) as f32;
        let natural = (s.width[eu] - s.width[su]) as f32 + bj.extra;
        let space_stretch = (s.stretch[eu] - s.stretch[su]) as f32;
        let space_shrink = (s.shrink[eu] - s.shrink[su]) as f32;
        let slack = self.target(bi) - natural;
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
        let drawn: f32 = para.clusters[su..eu]
            .iter()
            .map(|c| match c.kind {
                Kind::Space | Kind::Nbsp => space_width(c.advance, space_ratio),
                _ => c.advance,
            })
            .sum::<f32>()
            + gaps * track
            + bj.extra;
        Line {
            start,
            end,
            hyphen: bj.hyphen,
            track,
            ratio: space_ratio,
            fit: ratio,
            width: drawn,
        }
    }
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
