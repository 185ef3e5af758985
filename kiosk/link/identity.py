"""Who is at each end of the link: the hub's certificate, each desk's, and the TLS contexts.

The hub has its own self-signed certificate (EC P-256), made the first time it
serves a meeting file and kept in that file's meta (which never travels to
desks). It is also the authority that signs each desk's certificate at pairing:
the desk makes its own key, the hub signs its public key after the desk proved
it knows the pairing code (``kiosk.link.pairing``), and from then on both ends
authenticate with TLS, as Syncthing binds devices: an identity is the SHA-256
fingerprint of a certificate. The desk pins the hub's certificate (trusts it
and nothing else), the hub accepts only client certificates it signed and maps
them to credentials by fingerprint. Nothing here is a secret on the wire.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import ssl
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from data.private import make_private
from data.store import Store
from data.sync import LinkKeys, link_keys, set_link_keys

SERVER_NAME = "signdesk-hub"
"""The TLS server name desks ask for; names are not checked, fingerprints are."""

VALID_DAYS = 3650
MAX_PUBLIC_KEY = 200  # bytes of a DER P-256 public key (91): bounds what a stranger may send


def fingerprint(der: bytes) -> str:
    """The identity of a certificate: SHA-256 of its DER bytes, hex."""
    return hashlib.sha256(der).hexdigest()


def cert_der(cert_pem: str) -> bytes:
    """A PEM certificate as DER bytes."""
    return x509.load_pem_x509_certificate(cert_pem.encode()).public_bytes(
        serialization.Encoding.DER)


def pem_fingerprint(cert_pem: str) -> str:
    """The fingerprint of a PEM certificate."""
    return fingerprint(cert_der(cert_pem))


def short(fp: str) -> str:
    """A fingerprint as people compare it: the first 16 hex digits in groups of four."""
    return " ".join(fp[i:i + 4].upper() for i in range(0, 16, 4))


def _key_pem(key: ec.EllipticCurvePrivateKey) -> str:
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode()


def _validity() -> tuple[datetime.datetime, datetime.datetime]:
    now = datetime.datetime.now(datetime.UTC)
    # A day back: a desk whose clock runs behind the hub's still accepts it.
    return now - datetime.timedelta(days=1), now + datetime.timedelta(days=VALID_DAYS)


@dataclass(frozen=True, slots=True)
class HubIdentity:
    """The hub's key and certificate (PEM) and the certificate's fingerprint."""

    key_pem: str
    cert_pem: str

    @property
    def fingerprint(self) -> str:
        return pem_fingerprint(self.cert_pem)


def new_hub_identity(meeting_uid: str) -> HubIdentity:
    """A fresh self-signed certificate that can also sign desks' certificates."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"SignDesk hub {meeting_uid[:32]}")])
    start, end = _validity()
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(
            digital_signature=True, key_cert_sign=True, crl_sign=False, content_commitment=False,
            key_encipherment=False, data_encipherment=False, key_agreement=False,
            encipher_only=False, decipher_only=False), critical=True)
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(SERVER_NAME)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    return HubIdentity(_key_pem(key), cert.public_bytes(serialization.Encoding.PEM).decode())


def ensure_hub_identity(store: Store) -> HubIdentity:
    """The hub's identity kept in its meeting file, made on first use.

    It stays with the file, so a restarted hub (or a copy of its file started
    elsewhere) is the same hub to every paired desk. The file holding the key
    is made owner-only.
    """
    keys = link_keys(store)
    if keys.hub_key and keys.hub_cert:
        return HubIdentity(keys.hub_key, keys.hub_cert)
    ident = new_hub_identity(store.meeting().uid)
    set_link_keys(store, LinkKeys(hub_key=ident.key_pem, hub_cert=ident.cert_pem))
    owner_only(store.path)
    return ident


def owner_only(path: Path | str | None) -> None:
    """Make a file that holds a key (and its SQLite companions) owner-only, on POSIX."""
    if path is None:
        return
    for suffix in ("", "-wal", "-shm"):
        p = Path(str(path) + suffix)
        if p.exists():
            make_private(p)


@dataclass(frozen=True, slots=True)
class DeskKey:
    """A desk's own key (PEM, stays on the desk) and its public half (DER, sent at pairing)."""

    key_pem: str
    public_der: bytes


def new_desk_key() -> DeskKey:
    """A fresh key pair for a desk about to pair."""
    key = ec.generate_private_key(ec.SECP256R1())
    public = key.public_key().public_bytes(serialization.Encoding.DER,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return DeskKey(_key_pem(key), public)


def load_public_key(der: bytes) -> ec.EllipticCurvePublicKey:
    """A desk's public key as sent at pairing; ``ValueError`` unless it is a P-256 key."""
    if len(der) > MAX_PUBLIC_KEY:
        raise ValueError("public key too large")
    key = serialization.load_der_public_key(der)
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name != "secp256r1":
        raise ValueError("a desk's key is a P-256 public key")
    return key


def issue_desk_cert(hub: HubIdentity, public_der: bytes, desk: str) -> str:
    """The hub signs a desk's public key: the desk's client certificate (PEM)."""
    hub_key = serialization.load_pem_private_key(hub.key_pem.encode(), None)
    assert isinstance(hub_key, ec.EllipticCurvePrivateKey)
    hub_cert = x509.load_pem_x509_certificate(hub.cert_pem.encode())
    start, end = _validity()
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME,
                                                    f"SignDesk desk {desk[:40]}")]))
        .issuer_name(hub_cert.subject).public_key(load_public_key(public_der))
        .serial_number(x509.random_serial_number()).not_valid_before(start).not_valid_after(end)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
        .sign(hub_key, hashes.SHA256())
    )
    return cert.public_bytes(serialization.Encoding.PEM).decode()


def cert_matches_key(cert_pem: str, public_der: bytes) -> bool:
    """Whether a certificate certifies exactly this public key."""
    cert = x509.load_pem_x509_certificate(cert_pem.encode())
    got = cert.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    return got == public_der


def _load_chain(ctx: ssl.SSLContext, cert_pem: str, key_pem: str) -> None:
    # ssl only loads keys from files: write them into a private temporary folder
    # (0700, made by mkdtemp) for the moment it takes, then remove them.
    with tempfile.TemporaryDirectory(prefix="signdesk-") as folder:
        cert_file, key_file = Path(folder, "cert.pem"), Path(folder, "key.pem")
        fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(key_pem)
        cert_file.write_text(cert_pem)
        ctx.load_cert_chain(cert_file, key_file)


def server_context(hub: HubIdentity) -> ssl.SSLContext:
    """The hub's TLS: its own certificate; a client certificate is checked when offered.

    Pairing connections come without one; every other connection must offer a
    certificate this hub signed (the fingerprint is then looked up).
    """
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    _load_chain(ctx, hub.cert_pem, hub.key_pem)
    ctx.load_verify_locations(cadata=hub.cert_pem)
    ctx.verify_mode = ssl.CERT_OPTIONAL
    return ctx


def pairing_context() -> ssl.SSLContext:
    """A desk's TLS before pairing: any certificate is read, then confirmed by the code exchange."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE  # verified by the PAKE's confirmation (and the QR's fingerprint)
    return ctx


def desk_context(key_pem: str, cert_pem: str, hub_cert_pem: str) -> ssl.SSLContext:
    """A paired desk's TLS: it trusts exactly its hub's certificate and shows its own."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_3
    ctx.check_hostname = False  # hubs are met by address; the pinned certificate is the check
    ctx.verify_mode = ssl.CERT_REQUIRED
    ctx.load_verify_locations(cadata=hub_cert_pem)
    _load_chain(ctx, cert_pem, key_pem)
    return ctx


def peer_fingerprint(ws: Any) -> str | None:
    """The fingerprint of the certificate the other end of a websocket showed (None: none)."""
    transport = getattr(ws, "transport", None)
    obj = transport.get_extra_info("ssl_object") if transport is not None else None
    der = obj.getpeercert(binary_form=True) if obj is not None else None
    return fingerprint(der) if der else None
