// AWS Signature Version 4, header form, as botocore signs Rekognition requests:
// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
// The server's side is src/Likeness.Server/Auth/SigV4Canonical.cs; the console tests sign the same
// request in both and compare, and check the AWS test-suite's get-vanilla and post-vanilla signatures.
import { hmacSha256, sha256, toHex, utf8 } from './sha256.js';

const ALGORITHM = 'AWS4-HMAC-SHA256';
const TERMINATOR = 'aws4_request';

/** A Date as SigV4's timestamp, yyyyMMdd'T'HHmmss'Z' in UTC. */
export function amzDate(date) {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// RFC 3986 unreserved characters stay; every other UTF-8 byte becomes %XX (upper-case hex).
function encode(text, keepSlash) {
  let out = '';
  for (const byte of utf8(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) || (keepSlash && c === '/') ? c : '%' + byte.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** The canonical URI of a path given unencoded (SigV4 encodes it once more for every service but S3, which the path form here stands in for). */
function canonicalUri(path) {
  return encode(encode(path || '/', true), true);
}

/** The canonical query of name → value pairs: encoded, sorted by name then value. */
function canonicalQuery(query) {
  return Object.entries(query || {})
    .map(([name, value]) => [encode(name, false), encode(String(value), false)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
}

/**
 * Signs a request. `request`: { method, path ('/' by default, unencoded), query (object), headers (every
 * header to sign, host included), body (string or Uint8Array) }; `credentials`: { accessKeyId,
 * secretAccessKey, region }; `service`: 'rekognition' for Likeness. Returns the headers to send (the signed
 * ones plus x-amz-date and authorization), the body bytes and the intermediate strings, for tests.
 */
export function sign(request, credentials, service, now = new Date()) {
  const timestamp = amzDate(now);
  const day = timestamp.slice(0, 8);
  const headers = {};
  for (const [name, value] of Object.entries(request.headers || {})) {
    // Trimall: values trimmed and inner runs of whitespace collapsed to one space.
    headers[name.toLowerCase()] = String(value).trim().replace(/\s+/g, ' ');
  }
  headers['x-amz-date'] = timestamp;
  const names = Object.keys(headers).sort();
  const body = typeof request.body === 'string' ? utf8(request.body) : request.body || new Uint8Array(0);
  const canonicalRequest = [
    request.method || 'POST',
    canonicalUri(request.path),
    canonicalQuery(request.query),
    names.map((name) => `${name}:${headers[name]}\n`).join(''),
    names.join(';'),
    toHex(sha256(body)),
  ].join('\n');
  const scope = `${day}/${credentials.region}/${service}/${TERMINATOR}`;
  const stringToSign = [ALGORITHM, timestamp, scope, toHex(sha256(canonicalRequest))].join('\n');
  let key = hmacSha256(utf8('AWS4' + credentials.secretAccessKey), day);
  key = hmacSha256(key, credentials.region);
  key = hmacSha256(key, service);
  key = hmacSha256(key, TERMINATOR);
  const signature = toHex(hmacSha256(key, stringToSign));
  headers.authorization = `${ALGORITHM} Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
  return { headers, body, canonicalRequest, stringToSign, signature };
}
