//! Verifying a signature with a certificate's public key: Ed25519, ECDSA P-256/P-384 and RSA
//! (PKCS#1 v1.5 and PSS), with SHA-256/384/512.

use der::asn1::ObjectIdentifier;
use der::{Decode, Sequence};
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::oids;

/// A supported digest algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DigestAlgorithm {
    /// SHA-256.
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

impl std::fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// An elliptic curve of an ECDSA key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (secp256r1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
}

impl std::fmt::Display for Curve {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
        })
    }
}

/// A signature algorithm a signature verified with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    /// Ed25519 (RFC 8032): the message itself is signed.
    Ed25519,
    /// ECDSA on `curve` over the `digest` of the message.
    Ecdsa {
        /// The key's curve.
        curve: Curve,
        /// The digest signed.
        digest: DigestAlgorithm,
    },
    /// RSASSA-PSS over the digest.
    RsaPss(DigestAlgorithm),
    /// RSASSA-PKCS1-v1_5 over the digest.
    RsaPkcs1v15(DigestAlgorithm),
}

impl std::fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignatureAlgorithm::Ed25519 => f.write_str("Ed25519"),
            SignatureAlgorithm::Ecdsa { curve, digest } => write!(f, "ECDSA {curve} with {digest}"),
            SignatureAlgorithm::RsaPss(digest) => write!(f, "RSASSA-PSS with {digest}"),
            SignatureAlgorithm::RsaPkcs1v15(digest) => write!(f, "RSA PKCS#1 v1.5 with {digest}"),
        }
    }
}

/// The algorithms of a CMS signature: the signature's, and the digest of the signed content.
/// Shown as e.g. `Ed25519 (digest SHA-512)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Algorithms {
    /// The signature algorithm.
    pub signature: SignatureAlgorithm,
    /// The digest algorithm of the signed content (the CMS signer's digest algorithm).
    pub digest: DigestAlgorithm,
}

impl std::fmt::Display for Algorithms {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (digest {})", self.signature, self.digest)
    }
}

/// Why a signature does not verify with a key. The text is what a report shows.
#[derive(Debug, thiserror::Error)]
pub(crate) enum CryptoError {
    #[error("an Ed25519 key with another signature algorithm")]
    Ed25519KeyWithOtherAlgorithm,
    #[error("signature algorithm {algorithm} with an {key} key")]
    AlgorithmForOtherKey {
        algorithm: ObjectIdentifier,
        key: &'static str,
    },
    #[error("{0}")]
    InvalidKey(&'static str),
    #[error("malformed {0} signature")]
    MalformedSignature(&'static str),
    #[error("the {0} signature does not verify")]
    DoesNotVerify(&'static str),
    #[error("no digest algorithm")]
    NoDigestAlgorithm,
    #[error("unsupported curve {0}")]
    UnsupportedCurve(ObjectIdentifier),
    #[error("unsupported key algorithm {0}")]
    UnsupportedKeyAlgorithm(ObjectIdentifier),
    #[error("{0}")]
    BadPssParameters(&'static str),
    #[error("certificate signature is not whole bytes")]
    CertificateSignatureNotBytes,
    #[error("{0}")]
    Encoding(#[from] der::Error),
}

impl DigestAlgorithm {
    pub(crate) fn from_oid(oid: &ObjectIdentifier) -> Option<Self> {
        match *oid {
            oids::SHA256 => Some(DigestAlgorithm::Sha256),
            oids::SHA384 => Some(DigestAlgorithm::Sha384),
            oids::SHA512 => Some(DigestAlgorithm::Sha512),
            _ => None,
        }
    }

    pub(crate) fn name(self) -> &'static str {
        match self {
            DigestAlgorithm::Sha256 => "SHA-256",
            DigestAlgorithm::Sha384 => "SHA-384",
            DigestAlgorithm::Sha512 => "SHA-512",
        }
    }

    /// The digest of the concatenation of `parts`.
    pub(crate) fn digest(self, parts: &[&[u8]]) -> Vec<u8> {
        fn run<D: Digest>(parts: &[&[u8]]) -> Vec<u8> {
            let mut h = D::new();
            for p in parts {
                h.update(p);
            }
            h.finalize().to_vec()
        }
        match self {
            DigestAlgorithm::Sha256 => run::<Sha256>(parts),
            DigestAlgorithm::Sha384 => run::<Sha384>(parts),
            DigestAlgorithm::Sha512 => run::<Sha512>(parts),
        }
    }

    /// The digests of `data[..b] ++ data[c..end]` for every `(b, c, end)` of `ranges`
    /// (`b <= c <= end <= data.len()`), in the same order. Signatures in turn sign ranges that
    /// all start at 0, so their common prefix is hashed once: one running hash moves from one
    /// `b` to the next and is cloned at each.
    pub(crate) fn prefix_digests(
        self,
        data: &[u8],
        ranges: &[(usize, usize, usize)],
    ) -> Vec<Vec<u8>> {
        fn run<D: Digest + Clone>(data: &[u8], ranges: &[(usize, usize, usize)]) -> Vec<Vec<u8>> {
            let mut order: Vec<usize> = (0..ranges.len()).collect();
            order.sort_by_key(|&i| ranges[i].0);
            let mut out = vec![Vec::new(); ranges.len()];
            let (mut running, mut at) = (D::new(), 0);
            for i in order {
                let (b, c, end) = ranges[i];
                running.update(&data[at..b]);
                at = b;
                let mut one = running.clone();
                one.update(&data[c..end]);
                out[i] = one.finalize().to_vec();
            }
            out
        }
        match self {
            DigestAlgorithm::Sha256 => run::<Sha256>(data, ranges),
            DigestAlgorithm::Sha384 => run::<Sha384>(data, ranges),
            DigestAlgorithm::Sha512 => run::<Sha512>(data, ranges),
        }
    }
}

/// RSASSA-PSS-params (RFC 4055); only the fields we use.
#[derive(Sequence)]
struct PssParams {
    #[asn1(context_specific = "0", tag_mode = "EXPLICIT", optional = "true")]
    hash: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "1", tag_mode = "EXPLICIT", optional = "true")]
    mask_gen: Option<AlgorithmIdentifierOwned>,
    #[asn1(context_specific = "2", tag_mode = "EXPLICIT", optional = "true")]
    salt_length: Option<u32>,
    #[asn1(context_specific = "3", tag_mode = "EXPLICIT", optional = "true")]
    trailer_field: Option<u32>,
}

/// Verifies `signature` over `message` with `key`. `sig_alg` is the signature algorithm
/// identifier; `digest` the digest algorithm named alongside it (CMS signerInfo) when the
/// signature algorithm does not say. Returns the algorithm verified with.
pub(crate) fn verify(
    key: &SubjectPublicKeyInfoOwned,
    sig_alg: &AlgorithmIdentifierOwned,
    digest: Option<DigestAlgorithm>,
    message: &[u8],
    signature: &[u8],
) -> Result<SignatureAlgorithm, CryptoError> {
    let key_bytes = key.subject_public_key.raw_bytes();
    match key.algorithm.oid {
        oids::ED25519 => {
            if sig_alg.oid != oids::ED25519 {
                return Err(CryptoError::Ed25519KeyWithOtherAlgorithm);
            }
            let bytes: [u8; 32] = key_bytes
                .try_into()
                .map_err(|_| CryptoError::InvalidKey("Ed25519 key is not 32 bytes"))?;
            let vk = ed25519_dalek::VerifyingKey::from_bytes(&bytes)
                .map_err(|_| CryptoError::InvalidKey("invalid Ed25519 key"))?;
            let sig = ed25519_dalek::Signature::from_slice(signature)
                .map_err(|_| CryptoError::MalformedSignature("Ed25519"))?;
            vk.verify_strict(message, &sig)
                .map_err(|_| CryptoError::DoesNotVerify("Ed25519"))?;
            Ok(SignatureAlgorithm::Ed25519)
        }
        oids::EC_PUBLIC_KEY => verify_ecdsa(key, sig_alg, digest, message, signature),
        oids::RSA_ENCRYPTION | oids::RSA_PSS => {
            verify_rsa(key_bytes, sig_alg, digest, message, signature)
        }
        other => Err(CryptoError::UnsupportedKeyAlgorithm(other)),
    }
}

mod ecdsa_verify {
    pub(crate) use p256::ecdsa::signature::hazmat::PrehashVerifier;
}

fn verify_ecdsa(
    key: &SubjectPublicKeyInfoOwned,
    sig_alg: &AlgorithmIdentifierOwned,
    digest: Option<DigestAlgorithm>,
    message: &[u8],
    signature: &[u8],
) -> Result<SignatureAlgorithm, CryptoError> {
    use ecdsa_verify::PrehashVerifier;
    let key_bytes = key.subject_public_key.raw_bytes();
    let hash = match sig_alg.oid {
        oids::ECDSA_SHA256 => DigestAlgorithm::Sha256,
        oids::ECDSA_SHA384 => DigestAlgorithm::Sha384,
        oids::ECDSA_SHA512 => DigestAlgorithm::Sha512,
        oids::EC_PUBLIC_KEY => digest.ok_or(CryptoError::NoDigestAlgorithm)?,
        algorithm => {
            return Err(CryptoError::AlgorithmForOtherKey {
                algorithm,
                key: "EC",
            })
        }
    };
    let curve = key
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        .ok_or(CryptoError::InvalidKey("EC key without a named curve"))?;
    let prehash = hash.digest(&[message]);
    let malformed = |_| CryptoError::MalformedSignature("ECDSA");
    let curve = match curve {
        oids::SECP256R1 => {
            let vk = p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .map_err(|_| CryptoError::InvalidKey("invalid P-256 key"))?;
            let sig = p256::ecdsa::Signature::from_der(signature).map_err(malformed)?;
            vk.verify_prehash(&prehash, &sig)
                .map_err(|_| CryptoError::DoesNotVerify("ECDSA P-256"))?;
            Curve::P256
        }
        oids::SECP384R1 => {
            let vk = p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bytes)
                .map_err(|_| CryptoError::InvalidKey("invalid P-384 key"))?;
            let sig = p384::ecdsa::Signature::from_der(signature).map_err(malformed)?;
            vk.verify_prehash(&prehash, &sig)
                .map_err(|_| CryptoError::DoesNotVerify("ECDSA P-384"))?;
            Curve::P384
        }
        other => return Err(CryptoError::UnsupportedCurve(other)),
    };
    Ok(SignatureAlgorithm::Ecdsa {
        curve,
        digest: hash,
    })
}

fn verify_rsa(
    key_bytes: &[u8],
    sig_alg: &AlgorithmIdentifierOwned,
    digest: Option<DigestAlgorithm>,
    message: &[u8],
    signature: &[u8],
) -> Result<SignatureAlgorithm, CryptoError> {
    use rsa::pkcs1::DecodeRsaPublicKey;
    let key = rsa::RsaPublicKey::from_pkcs1_der(key_bytes)
        .map_err(|_| CryptoError::InvalidKey("invalid RSA key"))?;
    if sig_alg.oid == oids::RSA_PSS {
        let params = sig_alg
            .parameters
            .as_ref()
            .ok_or(CryptoError::BadPssParameters(
                "RSASSA-PSS without parameters",
            ))?
            .decode_as::<PssParams>()
            .map_err(|_| CryptoError::BadPssParameters("malformed RSASSA-PSS parameters"))?;
        let hash = params
            .hash
            .as_ref()
            .and_then(|h| DigestAlgorithm::from_oid(&h.oid))
            .ok_or(CryptoError::BadPssParameters(
                "RSASSA-PSS with an unsupported hash (SHA-1 is refused)",
            ))?;
        let salt = usize::try_from(params.salt_length.unwrap_or(20))
            .map_err(|_| CryptoError::BadPssParameters("salt"))?;
        let _ = (params.mask_gen, params.trailer_field);
        let hashed = hash.digest(&[message]);
        let scheme = match hash {
            DigestAlgorithm::Sha256 => rsa::Pss::new_with_salt::<Sha256>(salt),
            DigestAlgorithm::Sha384 => rsa::Pss::new_with_salt::<Sha384>(salt),
            DigestAlgorithm::Sha512 => rsa::Pss::new_with_salt::<Sha512>(salt),
        };
        key.verify(scheme, &hashed, signature)
            .map_err(|_| CryptoError::DoesNotVerify("RSASSA-PSS"))?;
        return Ok(SignatureAlgorithm::RsaPss(hash));
    }
    let hash = match sig_alg.oid {
        oids::SHA256_WITH_RSA => DigestAlgorithm::Sha256,
        oids::SHA384_WITH_RSA => DigestAlgorithm::Sha384,
        oids::SHA512_WITH_RSA => DigestAlgorithm::Sha512,
        oids::RSA_ENCRYPTION => digest.ok_or(CryptoError::NoDigestAlgorithm)?,
        algorithm => {
            return Err(CryptoError::AlgorithmForOtherKey {
                algorithm,
                key: "RSA",
            })
        }
    };
    let hashed = hash.digest(&[message]);
    let scheme = match hash {
        DigestAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
        DigestAlgorithm::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
        DigestAlgorithm::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
    };
    key.verify(scheme, &hashed, signature)
        .map_err(|_| CryptoError::DoesNotVerify("RSA PKCS#1 v1.5"))?;
    Ok(SignatureAlgorithm::RsaPkcs1v15(hash))
}

/// Verifies that `cert` was signed by `issuer`'s key.
pub(crate) fn verify_certificate(
    cert: &x509_cert::Certificate,
    issuer: &x509_cert::Certificate,
) -> Result<(), CryptoError> {
    use der::Encode;
    let tbs = cert.tbs_certificate.to_der()?;
    let sig = cert
        .signature
        .as_bytes()
        .ok_or(CryptoError::CertificateSignatureNotBytes)?;
    verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm,
        None,
        &tbs,
        sig,
    )
    .map(|_| ())
}

/// Parses a DER certificate.
pub(crate) fn parse_certificate(der: &[u8]) -> Option<x509_cert::Certificate> {
    x509_cert::Certificate::from_der(der).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_digests_are_the_digests_of_each_range_in_any_order() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        // Out of order, sharing prefixes, one range with nothing after its gap, one at 0.
        let ranges = [
            (6_000, 6_100, 9_000),
            (100, 300, 2_000),
            (0, 0, 10),
            (6_000, 9_000, 9_000),
        ];
        for alg in [
            DigestAlgorithm::Sha256,
            DigestAlgorithm::Sha384,
            DigestAlgorithm::Sha512,
        ] {
            let shared = alg.prefix_digests(&data, &ranges);
            for (&(b, c, end), digest) in ranges.iter().zip(&shared) {
                assert_eq!(
                    *digest,
                    alg.digest(&[&data[..b], &data[c..end]]),
                    "{alg:?} {b}"
                );
            }
        }
    }

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 8032 section 7.1, tests 1–3: secret key → public key → signature.
    #[test]
    fn rfc8032_ed25519_vectors() {
        let vectors = [
            (
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
            ),
            (
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00",
            ),
            (
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
            ),
        ];
        use ed25519_dalek::Signer;
        for (secret, public, msg, sig) in vectors {
            let key = ed25519_dalek::SigningKey::from_bytes(&hex(secret).try_into().unwrap());
            assert_eq!(key.verifying_key().to_bytes().to_vec(), hex(public));
            let signature = key.sign(&hex(msg));
            assert_eq!(signature.to_bytes().to_vec(), hex(sig));
            let spki = SubjectPublicKeyInfoOwned {
                algorithm: AlgorithmIdentifierOwned {
                    oid: oids::ED25519,
                    parameters: None,
                },
                subject_public_key: der::asn1::BitString::from_bytes(&hex(public)).unwrap(),
            };
            let alg = spki.algorithm.clone();
            assert!(verify(&spki, &alg, None, &hex(msg), &hex(sig)).is_ok());
            let mut bad = hex(sig);
            bad[0] ^= 1;
            assert!(verify(&spki, &alg, None, &hex(msg), &bad).is_err());
        }
    }
}
