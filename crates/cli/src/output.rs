//! Printing results: JSON for scripts (`--json`), aligned plain text for people.

use std::io::Write;
use std::path::Path;

use kelisim_app::{
    AboutInfo, AgreementStatus, ApiError, AuditCheck, ChangeDto, DiffDto, ErrorCode, KeyDto,
    MemoDetail, MemoPage, MemoSummary, SignedDto, TemplateInfo, TrustOriginDto, TrustScopeDto,
    TrustedCertificateDto, ValidationReport, VerdictDto, VerificationDto, WordsDto,
};
use serde::Serialize;

fn io_error(err: std::io::Error) -> ApiError {
    ApiError::new(ErrorCode::File, format!("standard output: {err}"))
}

pub fn json<T: Serialize>(value: &T) -> Result<(), ApiError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|err| ApiError::new(ErrorCode::Internal, format!("cannot write JSON: {err}")))?;
    raw(&(text + "\n"))
}

pub fn raw(text: &str) -> Result<(), ApiError> {
    let mut out = std::io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(io_error)
}

pub fn about(as_json: bool, about: &AboutInfo) -> Result<(), ApiError> {
    if as_json {
        return json(about);
    }
    raw(&format!(
        "Kelisim {}\ndata folder: {}\ndatabase:    {}\n",
        about.version, about.data_dir, about.database
    ))
}

pub fn templates(as_json: bool, templates: &[TemplateInfo]) -> Result<(), ApiError> {
    if as_json {
        return json(&templates);
    }
    let mut text = String::new();
    for t in templates {
        let more: Vec<&str> = t
            .available_languages
            .iter()
            .filter(|l| !t.languages.contains(l))
            .map(String::as_str)
            .collect();
        let also = if more.is_empty() {
            String::new()
        } else {
            format!(" (--lang: also {})", more.join(", "))
        };
        text.push_str(&format!(
            "{:<18} {:<7} {}{also}\n",
            t.name,
            t.languages.join("+"),
            t.description
        ));
    }
    raw(&text)
}

fn status_word(s: &MemoSummary) -> String {
    serde_json::to_value(s.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn summary(as_json: bool, verb: &str, s: &MemoSummary) -> Result<(), ApiError> {
    if as_json {
        return json(s);
    }
    raw(&format!(
        "{verb} memorandum {} ({}, revision {}): {}\n",
        s.id,
        status_word(s),
        s.current_revision,
        s.title
    ))
}

pub fn imported(
    as_json: bool,
    file: &Path,
    result: &Result<MemoSummary, ApiError>,
) -> Result<(), ApiError> {
    let file_name = file.display().to_string();
    if as_json {
        let line = match result {
            Ok(s) => serde_json::json!({ "file": file_name, "memorandum": s }),
            Err(e) => serde_json::json!({ "file": file_name, "error": e }),
        };
        return raw(&format!("{line}\n"));
    }
    match result {
        Ok(s) => raw(&format!(
            "imported {file_name} as memorandum {} ({}): {}\n",
            s.id,
            status_word(s),
            s.title
        )),
        Err(e) => {
            eprintln!(
                "kelisim: {file_name}: {} [{}]",
                crate::lang::error(e),
                e.code.as_str()
            );
            for p in &e.problems {
                eprintln!(
                    "  {}: {}",
                    if p.path.is_empty() {
                        "(document)"
                    } else {
                        &p.path
                    },
                    crate::lang::problem(p)
                );
            }
            Ok(())
        }
    }
}

pub fn detail(as_json: bool, d: &MemoDetail) -> Result<(), ApiError> {
    if as_json {
        return json(d);
    }
    let s = &d.summary;
    let mut text = format!(
        "memorandum {}\n  title:     {}\n  status:    {}\n  date:      {}\n  languages: {}\n  parties:   {}\n  revision:  {} ({})\n",
        s.id,
        s.title,
        status_word(s),
        s.date,
        s.languages.join(", "),
        s.parties,
        s.current_revision,
        d.content_hash,
    );
    if let Some(a) = s.approved_revision {
        text.push_str(&format!("  approved:  revision {a}\n"));
    }
    if !d.translation_flags.is_empty() {
        text.push_str(&format!(
            "  to translate: {} text(s) (see `kelisim memo flags {}`)\n",
            d.translation_flags.len(),
            s.id
        ));
    }
    if let Some(n) = &s.registration_number {
        text.push_str(&format!("  number:    {n}\n"));
    }
    if let Some(e) = &s.expires_on {
        text.push_str(&format!("  expires:   {e}\n"));
    }
    if let Some(n) = &s.notice_by {
        text.push_str(&format!("  notice by: {n}\n"));
    }
    if let Some(b) = &d.base {
        text.push_str(&format!("  amends:    {} {}\n", b.id, b.title));
    }
    for a in &d.amendments {
        text.push_str(&format!(
            "  amendment: {} {} ({})\n",
            a.id,
            a.title,
            status_word(a)
        ));
    }
    text.push_str("revisions:\n");
    for r in &d.revisions {
        text.push_str(&format!(
            "  {:>3}  {}  {}  {}\n",
            r.number, r.created_at, r.author, r.content_hash
        ));
    }
    raw(&text)
}

pub(crate) fn clip(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        format!("{s:<width$}")
    } else {
        let mut out: String = s.chars().take(width - 1).collect();
        out.push('…');
        out
    }
}

pub fn page(as_json: bool, page: &MemoPage) -> Result<(), ApiError> {
    if as_json {
        return json(page);
    }
    let mut text = format!(
        "{:>5}  {:<9} {:<10} {:<14} {:<10} {:<10}  {}\n",
        "ID", "STATUS", "DATE", "NUMBER", "EXPIRES", "NOTICE BY", "TITLE"
    );
    for s in &page.items {
        let links = match (s.amends_id, s.amendments) {
            (Some(base), _) => format!(" [amends {base}]"),
            (None, 0) => String::new(),
            (None, n) => format!(" [{n} amendment(s)]"),
        };
        text.push_str(&format!(
            "{:>5}  {:<9} {:<10} {:<14} {:<10} {:<10}  {}{links}\n",
            s.id,
            status_word(s),
            s.date,
            s.registration_number.as_deref().unwrap_or("-"),
            s.expires_on.as_deref().unwrap_or("-"),
            s.notice_by.as_deref().unwrap_or("-"),
            clip(&s.title, 90).trim_end()
        ));
    }
    text.push_str(&format!("{} of {} shown\n", page.items.len(), page.total));
    raw(&text)
}

pub fn diff(as_json: bool, d: &DiffDto) -> Result<(), ApiError> {
    if as_json {
        return json(d);
    }
    let mut text = format!("revision {} → {}\n", d.from, d.to);
    for lang in &d.languages {
        text.push_str(&format!(
            "\n── {} ── {} change(s)\n",
            lang.language,
            lang.changes.len()
        ));
        for change in &lang.changes {
            match change {
                ChangeDto::Added { label, text: t } => text.push_str(&format!("+ {label} {t}\n")),
                ChangeDto::Removed { label, text: t } => text.push_str(&format!("- {label} {t}\n")),
                ChangeDto::Changed {
                    label,
                    previous,
                    words,
                } => {
                    let label = if previous == label {
                        label.clone()
                    } else {
                        format!("{previous} → {label}")
                    };
                    let mut line = format!("~ {label} ");
                    for w in words {
                        match w {
                            WordsDto::Same(s) => line.push_str(s),
                            WordsDto::Removed(s) => line.push_str(&marked("[-", s, "-]")),
                            WordsDto::Added(s) => line.push_str(&marked("{+", s, "+}")),
                        }
                    }
                    text.push_str(line.trim_end());
                    text.push('\n');
                }
            }
        }
    }
    raw(&text)
}

/// `open` + the words + `close`, with the trailing space kept outside the markers.
fn marked(open: &str, words: &str, close: &str) -> String {
    let trimmed = words.trim_end();
    format!("{open}{trimmed}{close}{}", &words[trimmed.len()..])
}

pub fn validation(as_json: bool, file: &Path, r: &ValidationReport) -> Result<(), ApiError> {
    if as_json {
        return json(r);
    }
    let name = file.display();
    if r.valid {
        return raw(&format!(
            "{name}: valid, {}\n",
            r.content_hash.as_deref().unwrap_or("")
        ));
    }
    let mut text = format!("{name}: {} problem(s)\n", r.problems.len());
    for p in &r.problems {
        let at = if p.path.is_empty() {
            "(document)"
        } else {
            &p.path
        };
        text.push_str(&format!(
            "  {at}: {} [{}]\n",
            crate::lang::problem(p),
            p.code
        ));
    }
    raw(&text)
}

pub fn audit(as_json: bool, c: &AuditCheck) -> Result<(), ApiError> {
    if as_json {
        return json(c);
    }
    if c.intact {
        return raw(&format!(
            "audit log intact: {} entries, head {}\n",
            c.entries, c.head
        ));
    }
    let mut text = format!("audit log BROKEN ({} entries):\n", c.entries);
    for p in &c.problems {
        text.push_str(&format!("  {p}\n"));
    }
    raw(&text)
}

/// A file was written: its path, size and SHA-256.
pub fn wrote(as_json: bool, path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    wrote_sha(
        as_json,
        path,
        bytes.len() as u32,
        &kelisim_app::sha256_hex(bytes),
    )
}

/// What [`wrote`] says, for a file Rust wrote itself (`len` bytes, SHA-256 `sha`).
pub fn wrote_sha(as_json: bool, path: &Path, len: u32, sha: &str) -> Result<(), ApiError> {
    if as_json {
        return json(&serde_json::json!({
            "file": path.display().to_string(), "bytes": len, "sha256": sha,
        }));
    }
    raw(&format!(
        "wrote {} ({len} bytes, sha256 {sha})\n",
        path.display(),
    ))
}

pub fn key(as_json: bool, verb: &str, k: &KeyDto) -> Result<(), ApiError> {
    if as_json {
        return json(k);
    }
    let mut text = format!(
        "{verb} {} {:?}: {}\n",
        if k.is_ca { "CA key" } else { "key" },
        k.label,
        k.name
    );
    if !k.position.is_empty() {
        text.push_str(&format!("  position:     {}\n", k.position));
    }
    if !k.organisation.is_empty() {
        text.push_str(&format!("  organisation: {}\n", k.organisation));
    }
    if let Some(bin) = &k.bin {
        text.push_str(&format!("  BIN:          {bin}\n"));
    }
    if let Some(issuer) = &k.issuer {
        text.push_str(&format!("  issued by:    {issuer}\n"));
    }
    text.push_str(&format!(
        "  valid:        {} – {}\n  fingerprint:  {}\n",
        k.not_before, k.not_after, k.fingerprint
    ));
    raw(&text)
}

pub fn keys(as_json: bool, keys: &[KeyDto]) -> Result<(), ApiError> {
    if as_json {
        return json(&keys);
    }
    let mut text = String::new();
    for k in keys {
        text.push_str(&format!(
            "{:<16} {:<3} {}  {}\n                     {}\n",
            k.label,
            if k.is_ca { "CA" } else { "" },
            k.not_after.get(..10).unwrap_or(""),
            k.name,
            k.fingerprint
        ));
    }
    text.push_str(&format!("{} key(s)\n", keys.len()));
    raw(&text)
}

/// "for its own signatures only" or "for the organisations with BIN …".
fn scope_text(scope: &TrustScopeDto) -> String {
    match scope {
        TrustScopeDto::ThisCertificate => "for its own signatures only".into(),
        TrustScopeDto::Organisations { bins } if bins.is_empty() => {
            "for no organisation (it names no BIN)".into()
        }
        TrustScopeDto::Organisations { bins } => {
            format!("for certificates it issued to BIN {}", bins.join(", "))
        }
    }
}

fn origin_text(origin: TrustOriginDto) -> &'static str {
    match origin {
        TrustOriginDto::Added => "added",
        TrustOriginDto::OwnKey => "own key",
        TrustOriginDto::Signer => "signer of a verified PDF",
    }
}

pub fn trusted(as_json: bool, c: &TrustedCertificateDto) -> Result<(), ApiError> {
    if as_json {
        return json(c);
    }
    raw(&format!(
        "trusted {}{}
  scope: {}
  fingerprint: {}
  compare it with the certificate's owner (by phone, in person)
",
        c.subject,
        if c.is_ca { " (CA)" } else { "" },
        scope_text(&c.scope),
        c.fingerprint
    ))
}

pub fn trust_list(as_json: bool, list: &[TrustedCertificateDto]) -> Result<(), ApiError> {
    if as_json {
        return json(&list);
    }
    let mut text = String::new();
    for c in list {
        text.push_str(&format!(
            "{}{}\n  {}  {} {}\n  trusted {}\n",
            c.subject,
            if c.is_ca { " (CA)" } else { "" },
            c.fingerprint,
            origin_text(c.origin),
            c.added_at,
            scope_text(&c.scope)
        ));
    }
    text.push_str(&format!("{} trusted certificate(s)\n", list.len()));
    raw(&text)
}

pub fn signed(as_json: bool, out: Option<&Path>, s: &SignedDto) -> Result<(), ApiError> {
    if as_json {
        return json(&serde_json::json!({
            "file": out.map(|p| p.display().to_string()),
            "signature": s,
        }));
    }
    let mut text = format!(
        "signed{} as {} in field {}\n  fingerprint: {}\n",
        if s.certified { " and certified" } else { "" },
        s.signer,
        s.field,
        s.fingerprint
    );
    if let Some(m) = &s.memorandum {
        text.push_str(&format!(
            "  memorandum {} is now {}{}\n",
            m.id,
            status_word(m),
            if s.complete {
                " (every signatory has signed)"
            } else {
                ""
            }
        ));
    }
    if let Some(path) = out {
        text.push_str(&format!("  wrote {}\n", path.display()));
    }
    text.push_str(&format!("  sha256 {}\n", s.sha256));
    raw(&text)
}

pub(crate) fn verdict_word(v: VerdictDto) -> &'static str {
    match v {
        VerdictDto::Valid => "VALID",
        VerdictDto::ValidUntrusted => "VALID, BUT A SIGNER IS NOT TRUSTED",
        VerdictDto::Invalid => "INVALID",
        VerdictDto::ModifiedAfterSigning => "MODIFIED AFTER SIGNING",
        VerdictDto::ContentMismatch => "PAGES DIFFER FROM THE EMBEDDED MEMORANDUM",
        VerdictDto::NotRederived => {
            "SIGNATURES VERIFY, BUT THE PAGES WERE NOT RE-DERIVED (NOT CHECKED AGAINST A MEMORANDUM)"
        }
        VerdictDto::NoSignatures => "NOT SIGNED",
    }
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "NO"
    }
}

pub fn verification(as_json: bool, file: &Path, v: &VerificationDto) -> Result<(), ApiError> {
    if as_json {
        return json(v);
    }
    let mut text = format!("{}: {}\n", file.display(), verdict_word(v.verdict));
    for (i, s) in v.signatures.iter().enumerate() {
        text.push_str(&format!(
            "\nsignature {} (field {}): {}\n",
            i + 1,
            s.field,
            verdict_word(s.verdict)
        ));
        text.push_str(&format!(
            "  signer:            {}\n  fingerprint:       {}\n  claimed time:      {}\n",
            s.signer.as_deref().unwrap_or("?"),
            s.fingerprint.as_deref().unwrap_or("?"),
            s.signed_at.as_deref().unwrap_or("?"),
        ));
        if let Some(level) = s.certification {
            text.push_str(&format!("  certification:     DocMDP P={level}\n"));
        }
        text.push_str(&format!(
            "  integrity:         {}\n  signature:         {}{}\n  certificate valid: {}\n  trusted:           {}\n  covers whole file: {}\n",
            yes(s.integrity),
            yes(s.signature_valid),
            s.algorithm.as_deref().map(|a| format!(" ({a})")).unwrap_or_default(),
            yes(s.certificate_valid),
            yes(s.trusted),
            if s.covers_whole_file { "yes" } else { "no (later revisions follow)" },
        ));
        if s.modifications.is_empty() && !s.covers_whole_file {
            text.push_str("  after signing:     only further signatures\n");
        }
        for m in &s.modifications {
            text.push_str(&format!(
                "  MODIFIED:          {} [{}{}]\n",
                crate::lang::modification(m),
                m.kind,
                m.object
                    .as_deref()
                    .map(|o| format!(", object {o}"))
                    .unwrap_or_default()
            ));
        }
        for p in &s.problems {
            text.push_str(&format!(
                "  problem:           {} [{}]\n",
                crate::lang::finding(p),
                p.code
            ));
        }
    }
    for p in &v.problems {
        text.push_str(&format!(
            "problem: {} [{}]\n",
            crate::lang::finding(p),
            p.code
        ));
    }
    let a = &v.agreement;
    let status = match a.status {
        AgreementStatus::Matches => "matches",
        AgreementStatus::Differs => "DIFFERS",
        AgreementStatus::NotRederivable => "not re-derivable",
        AgreementStatus::NotKelisim => "not a Kelisim memorandum",
    };
    text.push_str(&format!(
        "\nwhat you see is what was agreed: {status}: {} [{}]\n",
        crate::lang::agreement(a),
        a.code
    ));
    if let Some(hash) = &a.content_hash {
        text.push_str(&format!("  embedded memorandum: {hash}\n"));
    }
    raw(&text)
}

/// The texts that need translating.
pub fn flags(as_json: bool, flags: &[kelisim_app::TranslationFlagDto]) -> Result<(), ApiError> {
    if as_json {
        return json(&flags);
    }
    let mut out = String::new();
    if flags.is_empty() {
        out.push_str("no text needs translating\n");
    }
    for f in flags {
        let reason = match f.reason {
            kelisim_app::FlagReasonDto::Drift => "another language changed",
            kelisim_app::FlagReasonDto::NewLanguage => "copied into a new language",
        };
        out.push_str(&format!(
            "{}.{}\t{reason} (since revision {})\n",
            f.path, f.language, f.since_revision
        ));
    }
    raw(&out)
}
