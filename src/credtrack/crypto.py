"""Optional encryption at rest: a passphrase unlocks the key that seals the store and the vault.

Off by default; ``credtrack encryption enable`` turns it on for one data dir.

- A random 256-bit data key seals every file: the index, each provider file, every backup and
  every vault file. A sealed file is ``MAGIC`` + a 12-byte random nonce + AES-256-GCM
  ciphertext and tag (``MAGIC`` is the associated data). Whether a file is sealed is read from
  its own header, so a data dir half-way through ``enable`` or ``disable`` still reads.
- The data key is never stored in the clear. ``encryption.json`` holds it wrapped (AES-GCM)
  under a key derived from the passphrase with scrypt (N=2**17, r=8, p=1, a 16-byte random
  salt), so a wrong passphrase is told apart from a damaged file, and changing the passphrase
  rewrites only that file.
- The passphrase comes from ``CREDTRACK_PASSPHRASE``, else a prompt on the terminal, else the
  command stops with one line saying so.

What it does not hide: file names (a provider file is named after the provider), sizes, dates,
how many documents and backups there are; nor anything credtrack writes for you to use or send
(exports, packets, calendar files). It does not help against malware running as you. A lost
passphrase means the data is lost: there is no recovery key.

``cryptography`` is imported only when a key is made or used.
"""

from __future__ import annotations

import base64
import json
import os
import sys
from pathlib import Path
from typing import Callable

from credtrack.errors import BadInput, CredtrackError

MAGIC = b"CTSEAL1\n"
NONCE = 12
TAG = 16
KEYFILE = "encryption.json"
KEYFILE_OFF = "encryption-off.json"  # kept while ``disable`` opens the files, then removed
ENV = "CREDTRACK_PASSPHRASE"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
MIN_PASSPHRASE = 8
_WRAP_AAD = b"credtrack data key v1"

_unlocked: dict[tuple[str, str], bytes] = {}  # (keyfile digest, passphrase digest) -> data key


class Damaged(CredtrackError):
    """A sealed file that does not open: changed outside credtrack, or another key's."""


def is_sealed(data: bytes) -> bool:
    return data[:len(MAGIC)] == MAGIC


def enabled(root: Path) -> bool:
    """New writes are sealed: ``encryption.json`` exists."""
    return (Path(root) / KEYFILE).exists()


def keyfile(root: Path) -> Path | None:
    """The key file in use: ``encryption.json``, or the one ``disable`` keeps until done."""
    for name in (KEYFILE, KEYFILE_OFF):
        path = Path(root) / name
        if path.exists():
            return path
    return None


class Key:
    """An unlocked data key: seals and opens file contents."""

    def __init__(self, raw: bytes):
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        self._aead = AESGCM(raw)

    def seal(self, data: bytes) -> bytes:
        nonce = os.urandom(NONCE)
        return MAGIC + nonce + self._aead.encrypt(nonce, data, MAGIC)

    def open(self, blob: bytes, what: Path | str) -> bytes:
        from cryptography.exceptions import InvalidTag

        head = len(MAGIC) + NONCE
        if not is_sealed(blob) or len(blob) < head + TAG:
            raise Damaged(f"{what} cannot be decrypted: it is cut short")
        try:
            return self._aead.decrypt(blob[len(MAGIC):head], blob[head:], MAGIC)
        except InvalidTag:
            raise Damaged(f"{what} cannot be decrypted: it was changed outside credtrack or "
                          "sealed with another key") from None


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def wrap(raw_key: bytes, passphrase: str, n: int | None = None) -> bytes:
    """The contents of a key file holding ``raw_key`` under ``passphrase``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    n = n or SCRYPT_N
    salt, nonce = os.urandom(16), os.urandom(NONCE)
    wrapped = AESGCM(_kek(passphrase, salt, n, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, raw_key, _WRAP_AAD)
    info = {"credtrack_encryption": 1, "cipher": "AES-256-GCM",
            "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
            "nonce": _b64(nonce), "wrapped_key": _b64(wrapped)}
    return (json.dumps(info, indent=1, sort_keys=True) + "\n").encode()


def new_key() -> bytes:
    return os.urandom(32)


def _read_keyfile(path: Path) -> dict:
    try:
        info = json.loads(path.read_bytes())
        kdf = info["kdf"]
        if info.get("credtrack_encryption") != 1 or kdf["name"] != "scrypt":
            raise ValueError("unknown format")
        for k in ("n", "r", "p"):
            if not isinstance(kdf[k], int) or kdf[k] < 1:
                raise ValueError(k)
        base64.b64decode(kdf["salt"], validate=True)
        base64.b64decode(info["nonce"], validate=True)
        base64.b64decode(info["wrapped_key"], validate=True)
    except OSError as exc:
        raise CredtrackError(f"cannot read {path}: {exc.strerror}") from None
    except (ValueError, KeyError, TypeError):
        raise CredtrackError(f"{path} is damaged: the data key cannot be unwrapped (restore the "
                             "file from your own backup of the data dir)") from None
    return info


def unwrap(path: Path, passphrase: str) -> bytes:
    """The raw data key in key file ``path``; BadInput for a wrong passphrase."""
    import hashlib  # here, not at the top: OpenSSL's start costs every command 2 ms

    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    content = path.read_bytes()
    cache_key = (hashlib.sha256(content).hexdigest(),
                 hashlib.sha256(passphrase.encode("utf-8")).hexdigest())
    if cache_key in _unlocked:
        return _unlocked[cache_key]
    info = _read_keyfile(path)
    kdf = info["kdf"]
    kek = _kek(passphrase, base64.b64decode(kdf["salt"]), kdf["n"], kdf["r"], kdf["p"])
    try:
        raw = AESGCM(kek).decrypt(base64.b64decode(info["nonce"]),
                                  base64.b64decode(info["wrapped_key"]), _WRAP_AAD)
    except InvalidTag:
        raise BadInput("wrong passphrase for this data dir") from None
    _unlocked[cache_key] = raw
    return raw


def unlock(root: Path, ask: Callable[[], str]) -> Key:
    """The data dir's key, asking for the passphrase through ``ask``."""
    path = keyfile(root)
    if path is None:
        raise CredtrackError(f"{root} holds encrypted files but its key file ({KEYFILE}) is "
                             "missing; restore it from your own backup of the data dir")
    return Key(unwrap(path, ask()))


def ask_passphrase(confirm: bool = False, prompt: str = "passphrase",
                   why: str = "this data dir is encrypted") -> str:
    """``CREDTRACK_PASSPHRASE``, else a prompt on the terminal, else a one-line error."""
    env = os.environ.get(ENV)
    if env:
        return env
    if not (sys.stdin and sys.stdin.isatty()):
        raise CredtrackError(f"{why}: set {ENV} or run credtrack in a terminal to type the "
                             "passphrase")
    import getpass

    first = getpass.getpass(f"credtrack {prompt}: ")
    if confirm and getpass.getpass(f"credtrack {prompt} (again): ") != first:
        raise BadInput("the two passphrases differ")
    return first


def check_new_passphrase(passphrase: str) -> str:
    if len(passphrase) < MIN_PASSPHRASE:
        raise BadInput(f"the passphrase must be at least {MIN_PASSPHRASE} characters")
    if any(ord(c) < 32 for c in passphrase):
        raise BadInput("the passphrase cannot contain control characters")
    return passphrase
