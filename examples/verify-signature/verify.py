"""Verifies a Knit webhook signature in Python 3 (standard library only).

Knit signs the raw request body: X-Knit-Signature is the base64url encoding,
without padding, of HMAC-SHA256(body, your API key). Compare it against the
raw bytes you received, never against re-serialised JSON.

Usage: KNIT_API_KEY=... python3 verify.py BODY_FILE SIGNATURE (exit 0 when it matches)
"""
import os
import sys

# --- verify (shown in README.md and knittest/CONTROL.md)
import base64
import hashlib
import hmac


def verify_knit_signature(raw_body: bytes, signature: str, api_key: str) -> bool:
    digest = hmac.new(api_key.encode(), raw_body, hashlib.sha256).digest()
    expected = base64.urlsafe_b64encode(digest).rstrip(b"=")
    return hmac.compare_digest(expected, signature.strip().rstrip("=").encode())
# --- end verify


if __name__ == "__main__":
    with open(sys.argv[1], "rb") as f:
        ok = verify_knit_signature(f.read(), sys.argv[2], os.environ["KNIT_API_KEY"].strip())
    print("signature ok" if ok else "signature does not match")
    sys.exit(0 if ok else 1)
