"""An attacker's own signature for tests/attacks/make.py: a self-signed Ed25519 certificate that
copies the fund's subject (name, organisation, BIN) and a PAdES CMS made with it. No party's key:
anyone can make these. Deterministic: a fixed seed, fixed dates and serial, Ed25519 signatures
are deterministic, and no signing-time attribute.

Needs `cryptography` and `asn1crypto` (pyHanko's dependencies: run it with .venv/bin/python).
"""

import datetime
import hashlib

from asn1crypto import algos, cms, core, x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.x509.oid import NameOID

SEED = hashlib.sha256(b"kelisim attack corpus: the attacker's key").digest()
KEY = Ed25519PrivateKey.from_private_bytes(SEED)


def certificate():
    """DER of a self-signed certificate naming the fund's director, organisation and BIN."""
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "KZ"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Общественный фонд «Молодые волонтеры»"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "BIN211140000425"),
            x509.NameAttribute(NameOID.TITLE, "Исполнительный директор"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Т. М. Оспанов"),
        ]
    )
    utc = datetime.timezone.utc
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(KEY.public_key())
        .serial_number(0x4B454C4953494D)
        .not_valid_before(datetime.datetime(2026, 12, 1, tzinfo=utc))
        .not_valid_after(datetime.datetime(2029, 12, 1, tzinfo=utc))
        .sign(KEY, None)
    )
    return cert.public_bytes(serialization.Encoding.DER)


def _der(tag, body):
    n = len(body)
    size = bytes([n]) if n < 128 else bytes([0x80 | ((n.bit_length() + 7) // 8)]) + n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag]) + size + body


def signing_certificate_v2(cert_der):
    """DER of SigningCertificateV2 { certs { ESSCertIDv2 { certHash SHA-256 } } } (RFC 5035)."""
    return _der(0x30, _der(0x30, _der(0x30, _der(0x04, hashlib.sha256(cert_der).digest()))))


def cms_signature(digest_sha512):
    """DER of a CMS SignedData over a detached content whose SHA-512 is `digest_sha512`."""
    der = certificate()
    cert = asn1_x509.Certificate.load(der)
    ess = core.Any.load(signing_certificate_v2(der))
    attrs = cms.CMSAttributes(
        [
            cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
            cms.CMSAttribute({"type": "message_digest", "values": [digest_sha512]}),
            cms.CMSAttribute({"type": "1.2.840.113549.1.9.16.2.47", "values": [ess]}),
        ]
    )
    signature = KEY.sign(attrs.dump())
    signer = cms.SignerInfo(
        {
            "version": "v1",
            "sid": cms.SignerIdentifier(
                {
                    "issuer_and_serial_number": {
                        "issuer": cert.issuer,
                        "serial_number": cert.serial_number,
                    }
                }
            ),
            "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha512"}),
            "signed_attrs": attrs,
            "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "ed25519"}),
            "signature": signature,
        }
    )
    signed = cms.SignedData(
        {
            "version": "v1",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha512"})],
            "encap_content_info": {"content_type": "data"},
            "certificates": [cert],
            "signer_infos": [signer],
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def sign_update(data, contents_hex_len=8192):
    """Fills the placeholders of the last signature dictionary of `data` (written with
    `placeholder()`): its /ByteRange over the whole file but /Contents, then the CMS."""
    marker = b"/ByteRange[0 0000000000 0000000000 0000000000]"
    at = data.rindex(marker)
    start = data.index(b"/Contents<", at) + len(b"/Contents")
    end = start + contents_hex_len + 2
    assert data[end - 1 : end] == b">"
    br = b"/ByteRange[0 %010d %010d %010d]" % (start, end, len(data) - end)
    data = data[:at] + br + data[at + len(marker) :]
    digest = hashlib.sha512(data[:start] + data[end:]).digest()
    sig = cms_signature(digest).hex().upper().encode()
    assert len(sig) <= contents_hex_len
    return data[: start + 1] + sig.ljust(contents_hex_len, b"0") + data[end - 1 :]


def placeholder(contents_hex_len=8192):
    """A signature dictionary body to be filled by `sign_update`."""
    return (
        b"<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/ETSI.CAdES.detached"
        b"/ByteRange[0 0000000000 0000000000 0000000000]/Contents<"
        + b"0" * contents_hex_len
        + b">/M(D:20261203090000+00'00')/Name(T. M. Ospanov)>>"
    )

