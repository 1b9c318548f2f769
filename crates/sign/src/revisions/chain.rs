//! The walk over the file's revisions: the caller's base, each signed revision and the whole
//! file, in order, each update analysed against the revision before it.

use std::collections::HashSet;

use lopdf::{Document, ObjectId};

use super::{analyse_step, Step};
use crate::pdf_util;
use crate::policy::SignaturePlace;
use crate::verify::Modification;

/// A signature whose byte range is sound, and where its signed revision ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SignedRevision {
    /// The signature dictionary.
    pub sig: ObjectId,
    /// The end of the revision it signs (a byte offset).
    pub end: usize,
}

/// What the walk needs to know about the file.
pub(crate) struct Chain<'a> {
    /// The length of the whole file.
    pub pdf_len: usize,
    /// The whole file, parsed.
    pub fin: &'a Document,
    /// The signatures whose byte range is sound, in order of their ends.
    pub signed: Vec<SignedRevision>,
    /// The signatures that verify (those a step may add).
    pub verified: &'a HashSet<ObjectId>,
    /// The certification signature and its DocMDP level.
    pub certification: Option<(ObjectId, i64)>,
    /// The end of the caller's unsigned base revision.
    pub base_len: Option<usize>,
    /// The places reserved for signatures.
    pub places: Option<&'a [SignaturePlace]>,
}

/// One update analysed: the changes between the revisions ending at `from` and `to`.
#[derive(Debug)]
pub(crate) struct StepResult {
    /// Where the earlier revision ends.
    pub from: usize,
    /// Where the update ends.
    pub to: usize,
    /// The signatures that end the update (verified or not).
    pub ending: Vec<ObjectId>,
    /// The changes not allowed.
    pub changes: Vec<Modification>,
}

/// What the walk found.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// Every update, in order.
    pub steps: Vec<StepResult>,
    /// Signatures whose signed revision cannot be parsed on its own.
    pub unparsable: Vec<ObjectId>,
    /// Signatures whose dictionary differs from the one in the revision they sign.
    pub wrapped: Vec<ObjectId>,
    /// The caller's base revision could not be parsed.
    pub base_unreadable: bool,
}

impl Walk {
    /// The changes made after the revision ending at `end`.
    pub(crate) fn after(&self, end: usize) -> Vec<Modification> {
        self.steps
            .iter()
            .filter(|s| s.from >= end)
            .flat_map(|s| s.changes.iter().cloned())
            .collect()
    }
}

/// A parsed revision: its own parse, or the whole file.
enum Rev<'a> {
    Own(Box<Document>),
    Whole(&'a Document),
}

impl Rev<'_> {
    fn doc(&self) -> &Document {
        match self {
            Rev::Own(d) => d,
            Rev::Whole(d) => d,
        }
    }
}

/// Walks the revisions: `base` is the caller's base revision parsed (when asked for),
/// `parse(end)` parses the revision ending at `end`. At most two revisions besides the whole
/// file are held at a time.
pub(crate) fn walk(
    chain: &Chain<'_>,
    mut base: Option<Option<Document>>,
    parse: impl Fn(usize) -> Option<Document>,
) -> Walk {
    let mut ends: Vec<usize> = chain.signed.iter().map(|s| s.end).collect();
    ends.extend(chain.base_len);
    ends.push(chain.pdf_len);
    ends.retain(|e| *e <= chain.pdf_len);
    ends.sort_unstable();
    ends.dedup();
    let mut out = Walk::default();
    let mut prev: Option<(usize, Rev<'_>)> = None;
    for end in ends {
        let rev = if end == chain.pdf_len {
            Some(Rev::Whole(chain.fin))
        } else if Some(end) == chain.base_len {
            base.take()
                .flatten()
                .or_else(|| parse(end))
                .map(|d| Rev::Own(Box::new(d)))
        } else {
            parse(end).map(|d| Rev::Own(Box::new(d)))
        };
        let ending: Vec<ObjectId> = chain
            .signed
            .iter()
            .filter(|s| s.end == end)
            .map(|s| s.sig)
            .collect();
        let Some(rev) = rev else {
            if Some(end) == chain.base_len {
                out.base_unreadable = true;
            }
            out.unparsable.extend(&ending);
            continue;
        };
        for sig in &ending {
            if !same_signature(rev.doc(), chain.fin, *sig) {
                out.wrapped.push(*sig);
            }
        }
        if let Some((from, old)) = &prev {
            let changes = analyse(chain, old.doc(), rev.doc(), *from, &ending);
            out.steps.push(StepResult {
                from: *from,
                to: end,
                ending: ending.clone(),
                changes,
            });
        }
        prev = Some((end, rev));
    }
    out
}

/// Analyses again the steps ended by a signature that `before` counted as verified and
/// `chain.verified` does not (or the other way round), the revisions parsed again.
pub(crate) fn rewalk(
    chain: &Chain<'_>,
    walk: &mut Walk,
    before: &HashSet<ObjectId>,
    parse: impl Fn(usize) -> Option<Document>,
) {
    let rev = |end: usize| {
        if end == chain.pdf_len {
            Some(Rev::Whole(chain.fin))
        } else {
            parse(end).map(|d| Rev::Own(Box::new(d)))
        }
    };
    for step in &mut walk.steps {
        let changed = step
            .ending
            .iter()
            .any(|s| before.contains(s) != chain.verified.contains(s));
        if !changed {
            continue;
        }
        if let (Some(old), Some(new)) = (rev(step.from), rev(step.to)) {
            step.changes = analyse(chain, old.doc(), new.doc(), step.from, &step.ending);
        }
    }
}

/// One update: from the revision ending at `from` to `new`, ended by the signatures `ending`.
fn analyse(
    chain: &Chain<'_>,
    old: &Document,
    new: &Document,
    from: usize,
    ending: &[ObjectId],
) -> Vec<Modification> {
    let signatures: HashSet<ObjectId> = ending
        .iter()
        .copied()
        .filter(|s| chain.verified.contains(s))
        .collect();
    let first = chain.signed.first().map(|s| s.sig);
    let certifier = chain
        .certification
        .map(|(sig, _)| sig)
        .filter(|sig| ending.contains(sig) && Some(*sig) == first);
    let certified_before = chain.certification.and_then(|(sig, level)| {
        chain
            .signed
            .iter()
            .any(|s| s.sig == sig && s.end <= from)
            .then_some(level)
    });
    analyse_step(&Step {
        old,
        new,
        signatures: &signatures,
        certifier,
        certified_before,
        places: chain.places,
    })
}

/// The signature dictionary is part of the revision it signs, with the same byte range and
/// value as in the whole file.
fn same_signature(signed: &Document, fin: &Document, sig: ObjectId) -> bool {
    let key = |doc: &Document| {
        pdf_util::dict_of(doc, sig).map(|d| {
            (
                d.get(b"ByteRange").ok().cloned(),
                d.get(b"Contents").ok().cloned(),
            )
        })
    };
    let signed = key(signed);
    signed.is_some() && signed == key(fin)
}
