// Signed calls to the Likeness endpoint (AWS JSON 1.1 on POST /), for Rekognition's operations and the
// console's own (LikenessConsole.*, docs/API.md). Credentials live in sessionStorage only: they go when the tab closes.
import { sign } from './sigv4.js';

const STORAGE_KEY = 'likeness.credentials';
const CONTENT_TYPE = 'application/x-amz-json-1.1';

// Browser clock minus server clock, learnt from a "Signature expired" answer's Date header, so a
// laptop with a wrong clock can still sign (the server allows five minutes of skew).
let clockOffsetMs = 0;

/** An error answer: `type` is the AWS __type (e.g. AccessDeniedException), `status` the HTTP status (0: no answer). */
export class ApiError extends Error {
  constructor(type, message, status) {
    super(message);
    this.name = 'ApiError';
    this.type = type;
    this.status = status;
  }

  toString() {
    return `${this.type}: ${this.message}`;
  }
}

/** The signed-in credentials { accessKeyId, secretAccessKey, region }, or null. */
export function loadCredentials() {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORAGE_KEY) || 'null');
    return value && value.accessKeyId && value.secretAccessKey ? value : null;
  } catch {
    return null;
  }
}

export function saveCredentials(credentials) {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify(credentials));
}

export function clearCredentials() {
  sessionStorage.removeItem(STORAGE_KEY);
}

/**
 * Calls `X-Amz-Target: target` with `input` as the JSON body. Options: `headers` (extra x-likeness-*
 * headers, signed; empty values are left out) and `credentials` (default: the signed-in ones).
 * Resolves to { data, headers } or rejects with an ApiError.
 */
export async function call(target, input = {}, options = {}) {
  const credentials = options.credentials || loadCredentials();
  if (!credentials) throw new ApiError('NotSignedIn', 'Sign in with an access key first.', 0);
  const extra = {};
  for (const [name, value] of Object.entries(options.headers || {})) {
    if (value !== undefined && value !== null && String(value).trim() !== '') extra[name.toLowerCase()] = String(value).trim();
  }
  const body = JSON.stringify(input);
  for (let attempt = 0; ; attempt++) {
    const signed = sign(
      { method: 'POST', path: '/', headers: { host: location.host, 'content-type': CONTENT_TYPE, 'x-amz-target': target, ...extra }, body },
      credentials, 'rekognition', new Date(Date.now() - clockOffsetMs));
    const headers = { ...signed.headers };
    delete headers.host; // the browser sends Host itself, with the value signed above
    let response;
    try {
      response = await fetch('/', { method: 'POST', headers, body: signed.body, credentials: 'omit', cache: 'no-store' });
    } catch (error) {
      throw new ApiError('NetworkError', `The Likeness server could not be reached (${error.message}).`, 0);
    }
    const text = await response.text();
    let data = {};
    try {
      data = text ? JSON.parse(text) : {};
    } catch {
      data = { Message: text.slice(0, 500) };
    }
    if (response.ok) return { data, headers: response.headers };
    const type = String(data.__type || `HTTP ${response.status}`).split('#').pop();
    const message = data.Message || data.message || response.statusText;
    const serverDate = Date.parse(response.headers.get('date') || '');
    if (attempt === 0 && /^Signature (expired|not yet current)/.test(message) && !Number.isNaN(serverDate)) {
      clockOffsetMs = Date.now() - serverDate;
      continue;
    }
    throw new ApiError(type, message, response.status);
  }
}

/** A Rekognition operation, e.g. rekognition('DetectFaces', {...}). */
export function rekognition(operation, input, options) {
  return call(`RekognitionService.${operation}`, input, options);
}

/** A console operation, e.g. likeness('WhoAmI'). */
export function likeness(operation, input, options) {
  return call(`LikenessConsole.${operation}`, input, options);
}
