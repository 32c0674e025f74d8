// Verifies a Knit webhook signature in Node.js (>= 18, built-ins only).
// Knit signs the raw request body: X-Knit-Signature is the base64url encoding,
// without padding, of HMAC-SHA256(body, your API key). Compare it against the
// raw bytes you received, never against re-serialised JSON.
//
// Usage: KNIT_API_KEY=... node verify.mjs BODY_FILE SIGNATURE (exit 0 when it matches)
import { readFileSync } from "node:fs";

// --- verify (shown in README.md and knittest/CONTROL.md)
import { createHmac, timingSafeEqual } from "node:crypto";

export function verifyKnitSignature(rawBody, signature, apiKey) {
  const expected = createHmac("sha256", apiKey).update(rawBody).digest("base64url");
  const got = Buffer.from(signature.trim().replace(/=+$/, ""));
  return got.length === expected.length && timingSafeEqual(got, Buffer.from(expected));
}
// --- end verify

const [file, signature] = process.argv.slice(2);
const ok = verifyKnitSignature(readFileSync(file), signature, process.env.KNIT_API_KEY.trim());
console.log(ok ? "signature ok" : "signature does not match");
process.exit(ok ? 0 : 1);
