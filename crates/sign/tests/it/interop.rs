//! PDFs signed by pyHanko (Ed25519, ECDSA P-256 and P-384, and RSA keys from OpenSSL, with
//! PKCS#1 v1.5 and PSS padding) verify with
//! Kelisim, and Kelisim and pyHanko signatures mix.

use std::path::Path;
use std::process::Command;

use kelisim_sign::{Curve, SignatureAlgorithm, Verdict};

use crate::common::*;

fn run(cmd: &mut Command) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A key and a self-signed certificate made by OpenSSL; returns the certificate's DER.
fn openssl_key(dir: &Path, name: &str, kind: &str) -> Vec<u8> {
    let key = dir.join(format!("{name}.key.pem"));
    let args: &[&str] = match kind {
        "p256" => &[
            "ecparam",
            "-name",
            "prime256v1",
            "-genkey",
            "-noout",
            "-out",
        ],
        "p384" => &["ecparam", "-name", "secp384r1", "-genkey", "-noout", "-out"],
        "rsa" => &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
        ],
        _ => &["genpkey", "-algorithm", "ed25519", "-out"],
    };
    run(Command::new("openssl").args(args).arg(&key));
    let cert = dir.join(format!("{name}.cert.pem"));
    run(Command::new("openssl")
        .args([
            "req",
            "-new",
            "-x509",
            "-days",
            "365",
            "-subj",
            &format!("/C=KZ/O=Example NGO/CN={name}"),
            "-key",
        ])
        .arg(&key)
        .arg("-out")
        .arg(&cert));
    let der = dir.join(format!("{name}.cert.der"));
    run(Command::new("openssl")
        .args(["x509", "-outform", "DER", "-in"])
        .arg(&cert)
        .arg("-out")
        .arg(&der));
    std::fs::read(der).unwrap()
}

fn pyhanko_sign(dir: &Path, input: &[u8], name: &str, field: &str) -> Vec<u8> {
    pyhanko_sign_with(dir, input, name, field, &[])
}

/// As [`pyhanko_sign`], with more options for `pyhanko sign addsig` (e.g. `--prefer-pss`).
fn pyhanko_sign_with(
    dir: &Path,
    input: &[u8],
    name: &str,
    field: &str,
    options: &[&str],
) -> Vec<u8> {
    let src = dir.join(format!("in-{}.pdf", rand_name()));
    let dst = dir.join(format!("out-{}.pdf", rand_name()));
    std::fs::write(&src, input).unwrap();
    run(Command::new(pyhanko())
        .args(["sign", "addsig"])
        .args(options)
        .args([
            "--field",
            &format!("1/300,50,500,120/{field}"),
            "--use-pades",
            "pemder",
            "--key",
        ])
        .arg(dir.join(format!("{name}.key.pem")))
        .arg("--cert")
        .arg(dir.join(format!("{name}.cert.pem")))
        .arg("--no-pass")
        .arg(&src)
        .arg(&dst));
    std::fs::read(dst).unwrap()
}

#[test]
fn pyhanko_ed25519_and_p256_signatures_verify() {
    let dir = tempfile::tempdir().unwrap();
    let ed = openssl_key(dir.path(), "EdSigner", "ed25519");
    let ec = openssl_key(dir.path(), "EcSigner", "p256");
    let one = pyhanko_sign(dir.path(), &sample_pdf(0), "EdSigner", "PySig1");
    let report = verify_trusting(&one, std::slice::from_ref(&ed));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let algorithm = report.signatures[0].algorithm.unwrap();
    assert_eq!(algorithm.signature, SignatureAlgorithm::Ed25519);
    assert!(algorithm.to_string().starts_with("Ed25519 (digest SHA-"));
    let two = pyhanko_sign(dir.path(), &one, "EcSigner", "PySig2");
    let report = verify_trusting(&two, &[ed.clone(), ec.clone()]);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    assert!(
        matches!(
            report.signatures[1].algorithm.unwrap().signature,
            SignatureAlgorithm::Ecdsa {
                curve: Curve::P256,
                ..
            }
        ),
        "{report:#?}"
    );
    assert_eq!(
        verify_trusting(&two, &[ed]).verdict,
        Verdict::ValidUntrusted
    );
}

#[test]
fn pyhanko_p384_and_rsa_signatures_verify() {
    let dir = tempfile::tempdir().unwrap();
    let p384 = openssl_key(dir.path(), "P384Signer", "p384");
    let rsa = openssl_key(dir.path(), "RsaSigner", "rsa");
    let one = pyhanko_sign(dir.path(), &sample_pdf(0), "P384Signer", "PySig1");
    let two = pyhanko_sign(dir.path(), &one, "RsaSigner", "PySig2");
    let report = verify_trusting(&two, &[p384.clone(), rsa.clone()]);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let algorithms: Vec<SignatureAlgorithm> = report
        .signatures
        .iter()
        .map(|s| s.algorithm.unwrap().signature)
        .collect();
    assert!(
        matches!(
            algorithms[0],
            SignatureAlgorithm::Ecdsa {
                curve: Curve::P384,
                ..
            }
        ),
        "{algorithms:?}"
    );
    assert!(
        matches!(algorithms[1], SignatureAlgorithm::RsaPkcs1v15(_)),
        "{algorithms:?}"
    );
    // A flipped byte inside the RSA signature's signed range is caught.
    let mut tampered = two.clone();
    let at = one.len() + 10;
    tampered[at] ^= 0x01;
    assert_ne!(
        verify_trusting(&tampered, &[p384, rsa]).verdict,
        Verdict::Valid
    );
}

#[test]
fn pyhanko_rsa_pss_signatures_verify() {
    let dir = tempfile::tempdir().unwrap();
    let rsa = openssl_key(dir.path(), "PssSigner", "rsa");
    let signed = pyhanko_sign_with(
        dir.path(),
        &sample_pdf(0),
        "PssSigner",
        "PySig",
        &["--prefer-pss"],
    );
    let report = verify_trusting(&signed, std::slice::from_ref(&rsa));
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    // Named by the PSS branch only: pyHanko really made an RSASSA-PSS signature.
    let algorithm = report.signatures[0].algorithm.unwrap().signature;
    assert!(
        matches!(algorithm, SignatureAlgorithm::RsaPss(_)),
        "{algorithm}"
    );
    let mut tampered = signed.clone();
    tampered[200] ^= 0x01;
    assert_eq!(verify_trusting(&tampered, &[rsa]).verdict, Verdict::Invalid);
}

#[test]
fn kelisim_and_pyhanko_signatures_mix() {
    let dir = tempfile::tempdir().unwrap();
    let ed = openssl_key(dir.path(), "PySigner", "ed25519");
    let ks = keystore(&dir.path().join("keys"));
    let (a, ka) = signer(&ks, "a", "Айгүл Сейітова");
    let ours = sign(&sample_pdf(0), &ka, &options("Sig1", 600.0));
    let theirs = pyhanko_sign(dir.path(), &ours, "PySigner", "PySig");
    let report = verify_trusting(&theirs, &[a.certificate_der.clone(), ed.clone()]);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let ours_again = sign(&theirs, &ka, &options("Sig3", 400.0));
    let report = verify_trusting(&ours_again, &[a.certificate_der.clone(), ed]);
    assert_eq!(report.verdict, Verdict::Valid, "{report:#?}");
    let pem = std::fs::read_to_string(dir.path().join("PySigner.cert.pem")).unwrap();
    let (ok, text) = pyhanko_validate(dir.path(), &ours_again, &[&a.certificate_pem, &pem]);
    assert!(ok && text.matches(":VALID").count() == 3, "{text}");
}
