#!/usr/bin/env python3
"""Writes tests/attacks/INDEX.md: for every attack of make.py, what poppler shows, what
`kelisim verify` says and what pyHanko says.

Usage: python3 tests/attacks/index.py [--kelisim PATH] [--pyhanko PATH] [--section LABEL]
  --kelisim  the binary to judge (default: target/debug/kelisim of this checkout)
  --pyhanko  pyHanko's CLI (default: .venv/bin/pyhanko; scripts/setup.sh creates it)
  --section  only run the binary and write (or replace) the section "kelisim verify at LABEL"
             at the end of INDEX.md: to record another build (e.g. a branch) beside the table
Needs poppler-utils (pdftotext, pdftocairo). Takes a few minutes (pyHanko is slow).
"""

import argparse
import json
import pathlib
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))

import make  # noqa: E402

GOLDEN = ROOT / "tests/golden"
TRUST = [GOLDEN / "ministry.pem", GOLDEN / "fund.pem"]

# What poppler shows for the attacks that rewrite no page text pdftotext can read.
NOTES = {
    "info-fund-sig-moves-m": "nothing on the page; the claimed signing time (/M) reads 2028-06-01",
    "info-fund-sig-moves-m-before-certificate": "nothing on the page; /M reads 2020-01-01",
    "info-ministry-sig-moves-m": "nothing on the page; the certifier's /M reads 2029-11-30, after the fund's",
    "info-removes-certification": "the same page; the document is no longer certified (no /Perms, no DocMDP)",
    "info-embedded-memorandum": "the same page; the attachment memorandum.json (pdfdetach) says 'возлагает'",
    "direct-field-only-in-fields": "poppler draws nothing (the widget is in no page's /Annots); form-driven readers may",
    "prev-skips-fund-section": "the fund's signature and appearance are gone (its bytes stay in the file)",
    "prev-skips-own-rewrite": "the original page: poppler follows /Prev; a reader that rebuilds the xref finds the rewrite",
    "generation-mismatch": "the page's body text is gone (poppler cannot resolve 18 0 R), only the signature boxes",
    "generation-bumped": "the page's body text is gone (18 0 R no longer resolves)",
    "duplicate-key-page-contents": "see the text column",
    "metadata-xmp-rewritten": "the same page; XMP title and producer changed (pdfinfo -meta)",
    "perms-gains-ur3": "the same page; /Perms claims usage rights",
    "contents-hidden-bytes-fund": "the same page; 400 bytes of text hidden in the fund's /Contents",
    "link-annotation-javascript": "the same page; a click anywhere runs JavaScript (no border drawn)",
    "fund-widget-removed-from-annots": "the fund's signature box is gone from the page",
    "fund-field-removed-from-fields": "the same page; the fund's field is no longer a form field",
    "acroform-needappearances": "the same page in poppler; readers that honour /NeedAppearances redraw fields",
    "contents-hidden-bytes-ministry": "the same page; bytes hidden in the ministry's /Contents (inside the fund's signed range)",
}


def run(cmd, timeout=180):
    try:
        p = subprocess.run(cmd, capture_output=True, timeout=timeout)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return None, b"", b"timeout"


def text_of(pdf, printing):
    """pdftotext -raw of the page as shown on screen, or as printed (pdftocairo renders with
    printing=true, so NoView|Print annotations appear)."""
    if not printing:
        return run(["pdftotext", "-q", "-raw", str(pdf), "-"])[1].decode("utf-8", "replace")
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "printed.pdf"
        run(["pdftocairo", "-q", "-pdf", str(pdf), str(out)])
        if not out.exists():
            return ""
        return run(["pdftotext", "-q", "-raw", str(out), "-"])[1].decode("utf-8", "replace")


def poppler(pdf, attack):
    want = attack["shows"]
    if want is None:
        return NOTES.get(attack["name"], "no page text is rewritten")
    screen = want in text_of(pdf, False)
    if screen:
        where = "on screen and in print"
    elif want in text_of(pdf, True):
        where = "in print only (NoView|Print)"
    else:
        return "does NOT show '%s' (%s)" % (want, NOTES.get(attack["name"], "not drawn"))
    return "'%s' %s" % (want, where)


def kelisim(binary, pdf):
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [binary, "--data-dir", tmp + "/data", "--json", "verify", str(pdf)]
        for t in TRUST:
            cmd += ["--trust", str(t)]
        code, out, err = run(cmd)
    try:
        report = json.loads(out)
    except ValueError:
        return code, "no JSON (%s)" % err.decode("utf-8", "replace").strip()[:80]
    kinds = sorted({m["kind"] for s in report.get("signatures", []) for m in s.get("modifications", [])})
    verdict = report.get("verdict") or report.get("code")
    agreement = report.get("agreement", {}).get("status")
    detail = ", ".join(kinds) if kinds else ""
    return code, "%s%s%s" % (verdict, " / " + agreement if agreement else "", " (" + detail + ")" if detail else "")


def pyhanko(binary, pdf):
    base = [binary, "sign", "validate", "--trust-replace", "--no-revocation-check", "--executive-summary"]
    for t in TRUST:
        base += ["--trust", str(t)]
    code, out, err = run(base + [str(pdf)])
    text = (out + err).decode("utf-8", "replace")
    mode = ""
    if "Failed to read" in text or "hybrid" in text.lower():
        code, out, err = run(base + ["--no-strict-syntax", str(pdf)])
        text = (out + err).decode("utf-8", "replace")
        mode = " (--no-strict-syntax)"
    results = []
    for line in text.splitlines():
        parts = line.rsplit(":", 1)
        if line.startswith("kelisim:") and len(parts) == 2:
            results.append(parts[1].strip())
    if not results:
        last = [l for l in text.splitlines() if l.strip()][-1:] or ["?"]
        return "refuses: %s%s" % (last[0].split(" - ")[-1][:70], mode)
    accepted = all(r == "VALID" for r in results)
    return "%s [%s]%s" % ("ACCEPTS" if accepted else "rejects", ", ".join(results), mode)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kelisim", default=str(ROOT / "target/debug/kelisim"))
    ap.add_argument("--pyhanko", default=str(ROOT / ".venv/bin/pyhanko"))
    ap.add_argument("--section")
    ap.add_argument("--label", default="", help="what the binary is built from, e.g. 'main at 9f4b9ff'")
    args = ap.parse_args()
    if args.section:
        return section(args.section, args.kelisim)
    rows, accepted = [], []
    for i, attack in enumerate(make.ATTACKS, 1):
        name = "%02d-%s.pdf" % (i, attack["name"])
        pdf = make.OUT / name
        code, verdict = kelisim(args.kelisim, pdf)
        if code == 0:
            accepted.append(name)
        rows.append(
            "| `%s` | %d | %s | %s | %s | exit %s: %s | %s |"
            % (name, attack["cls"], attack["base"], attack["what"], poppler(pdf, attack), code, verdict, pyhanko(args.pyhanko, pdf))
        )
        print(rows[-1], flush=True)
    write(rows, accepted, args.kelisim + (" (%s)" % args.label if args.label else ""))


HEADER = """# Attack corpus

Made by `.venv/bin/python tests/attacks/make.py` (deterministic; no party's key is used: every attack is bytes
appended to, or written into the unsigned parts of, `tests/golden/signed-two-parties.pdf`; files 70-72 carry a signature by an attacker's own self-signed key, see `attacker.py`). This
table is written by `python3 tests/attacks/index.py` and checked by
`crates/cli/tests/attack_corpus.rs`, which requires `kelisim verify` to refuse every file.

Base: `signed` is the golden file (certified by the ministry, signed by the fund); `certified` is
its certified-only revision (cut at the end of the first byte range). The rewritten clause is 2.2:
"Меморандум не возлагает на Стороны финансовых обязательств" loses its "не" (and the Kazakh
"жүктемейді" becomes "жүктейді"), so the memorandum now imposes financial obligations.

Objects of the golden file: 1 page tree, 5 page resources, 9 body font, 12 page, 18 page content,
19 memorandum.json, 22 XMP, 23 catalog, 24 ministry's signature (certification), 30 its
appearance, 31 ministry's widget, 32 fund's widget, 33 fund's signature, 39 its appearance. New
objects of the attacks start at 40.

Columns: *poppler* is what poppler 22+ shows (`pdftotext -raw`; "in print" means
`pdftocairo -pdf` then `pdftotext`, which renders with printing on). *kelisim* is `kelisim --json
verify FILE --trust ministry.pem --trust fund.pem` with a fresh data folder, judged with
`%s`. *pyHanko* is `pyhanko sign validate --trust ministry.pem --trust fund.pem --trust-replace
--no-revocation-check --executive-summary` (pyHanko 0.38 / pyhanko-cli 0.6), ACCEPTS when every
signature is VALID.

Classes (issue 12): 1 exemption by reference (/Info), 2 direct dictionaries, 3 parser
differentials, 4 "invisible" signature fields, 5 visible signature widgets, 6 role allowances,
8 verdicts (%%%%EOF, bytes after the CMS).

"""


def write(rows, accepted, binary):
    rel = binary.replace(str(ROOT) + "/", "")
    text = HEADER % rel
    text += "| file | class | base | what it does | poppler shows | kelisim verify | pyHanko |\n"
    text += "|---|---|---|---|---|---|---|\n"
    text += "\n".join(rows) + "\n\n"
    text += "## Accepted by the verifier judged (exit 0): %d of %d\n\n" % (len(accepted), len(rows))
    text += "".join("- `%s`\n" % a for a in accepted)
    (HERE / "INDEX.md").write_text(text)


def section(label, binary):
    title = "## kelisim verify at %s" % label
    lines, accepted = [title, "", "| file | kelisim verify |", "|---|---|"], 0
    for i, attack in enumerate(make.ATTACKS, 1):
        name = "%02d-%s.pdf" % (i, attack["name"])
        code, verdict = kelisim(binary, make.OUT / name)
        accepted += code == 0
        lines.append("| `%s` | exit %s: %s |" % (name, code, verdict))
    lines += ["", "Accepted (exit 0): %d of %d." % (accepted, len(make.ATTACKS)), ""]
    path = HERE / "INDEX.md"
    text = path.read_text()
    if title in text:
        start = text.index(title)
        rest = text.find("\n## ", start + len(title))
        text = text[:start] + (text[rest + 1 :] if rest >= 0 else "")
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
