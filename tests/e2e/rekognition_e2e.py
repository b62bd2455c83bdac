#!/usr/bin/env python3
"""End-to-end tests: the real `likeness serve` on a loopback port, driven by boto3 and the aws CLI.

Run from anywhere:  python3 tests/e2e/rekognition_e2e.py -v   (exits non-zero on any failure)
See tests/e2e/README.md for what is covered and the environment variables.

Only the standard library, boto3/botocore and awscli are used. The expectations are Amazon
Rekognition's documented behaviour (botocore's service model, the API reference); where AWS itself
varies (the HTTP status of auth errors) the test accepts both and records what it saw.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request
import uuid
import zlib
from pathlib import Path
from unittest import mock

import boto3
import botocore
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.parsers
import botocore.session
from botocore.exceptions import ClientError

REPO_ROOT = Path(__file__).resolve().parents[2]
REGION = "us-east-1"
SERVICE = "rekognition"
TARGET_PREFIX = "RekognitionService."
JSON_CONTENT_TYPE = "application/x-amz-json-1.1"
# Rekognition's maximum for Image.Bytes (botocore's ImageBlob max; API_Image in the API reference).
MAX_IMAGE_BYTES = 5 * 1024 * 1024
# Auth errors: AWS answers 400 for most JSON-protocol services and 403 for some; the code is what
# clients act on, so both statuses are accepted and the one seen is recorded in the summary.
AUTH_STATUSES = (400, 403)
HEALTH_TIMEOUT_S = 60
FACE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")

MODEL = botocore.session.get_session().get_service_model(SERVICE)

# Facts the run learned that are worth a line in the summary (which of two accepted answers the server gave).
OBSERVATIONS: list[str] = []


def observe(line: str) -> None:
    if line not in OBSERVATIONS:
        OBSERVATIONS.append(line)


# --------------------------------------------------------------------------------------------
# Assets and images
# --------------------------------------------------------------------------------------------

def cache_dir() -> Path:
    if os.environ.get("LIKENESS_CACHE_DIR"):
        return Path(os.environ["LIKENESS_CACHE_DIR"])
    if os.environ.get("XDG_CACHE_HOME"):
        return Path(os.environ["XDG_CACHE_HOME"]) / "likeness"
    return Path.home() / ".cache" / "likeness"


def sample_photo(n: int) -> Path:
    """face-api's demo photo sampleN.jpg from the asset cache (the npm folder's name has varied)."""
    matches = sorted((cache_dir() / "npm").glob(f"*face-api@1.7.15/demo/sample{n}.jpg"))
    if not matches:
        raise FileNotFoundError(
            f"sample{n}.jpg not found under {cache_dir() / 'npm'}/*face-api@1.7.15/demo; "
            "run `likeness models install` (or scripts/test.sh) first")
    return matches[0]


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def make_png(width: int, height: int, rgb: bytes, pad_to: int | None = None) -> bytes:
    """An 8-bit RGB PNG. pad_to: add a private ancillary chunk so the file is exactly that many bytes."""
    assert len(rgb) == width * height * 3
    stride = width * 3
    raw = b"".join(b"\x00" + rgb[y * stride:(y + 1) * stride] for y in range(height))
    head = b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    body = png_chunk(b"IDAT", zlib.compress(raw, 6))
    tail = png_chunk(b"IEND", b"")
    if pad_to is not None:
        # 'zzPd': ancillary, private, reserved bit clear, safe to copy; decoders skip it.
        filler = pad_to - len(head) - len(body) - len(tail) - 12
        assert filler >= 0, "image already larger than pad_to"
        body += png_chunk(b"zzPd", b"\x00" * filler)
    png = head + body + tail
    assert pad_to is None or len(png) == pad_to
    return png


def grey_png(width: int, height: int, level: int = 128) -> bytes:
    return make_png(width, height, bytes([level]) * (width * height * 3))


def noise_png_of_size(total_bytes: int) -> bytes:
    """A valid 256x256 PNG of random noise padded to exactly total_bytes bytes."""
    return make_png(256, 256, os.urandom(256 * 256 * 3), pad_to=total_bytes)


def box_iou(a: dict, b: dict) -> float:
    ax2, ay2 = a["Left"] + a["Width"], a["Top"] + a["Height"]
    bx2, by2 = b["Left"] + b["Width"], b["Top"] + b["Height"]
    iw = max(0.0, min(ax2, bx2) - max(a["Left"], b["Left"]))
    ih = max(0.0, min(ay2, by2) - max(a["Top"], b["Top"]))
    inter = iw * ih
    union = a["Width"] * a["Height"] + b["Width"] * b["Height"] - inter
    return inter / union if union > 0 else 0.0


def area(box: dict) -> float:
    return box["Width"] * box["Height"]


# --------------------------------------------------------------------------------------------
# Wire checks: every successful response's raw JSON against botocore's output shape
# --------------------------------------------------------------------------------------------

def wire_violations(shape, value, path: str = "$") -> list[str]:
    """Differences between a raw JSON value and a botocore shape (types, enums, unknown or missing members)."""
    kind = shape.type_name
    if kind == "structure":
        if not isinstance(value, dict):
            return [f"{path}: expected an object, got {type(value).__name__}"]
        out = []
        for key, item in value.items():
            if key not in shape.members:
                out.append(f"{path}.{key}: not a member of {shape.name}")
            else:
                out += wire_violations(shape.members[key], item, f"{path}.{key}")
        out += [f"{path}.{key}: required member missing" for key in shape.required_members if key not in value]
        return out
    if kind == "list":
        if not isinstance(value, list):
            return [f"{path}: expected an array, got {type(value).__name__}"]
        return [v for i, item in enumerate(value) for v in wire_violations(shape.member, item, f"{path}[{i}]")]
    if kind == "map":
        if not isinstance(value, dict):
            return [f"{path}: expected an object (map), got {type(value).__name__}"]
        return [v for k, item in value.items() for v in wire_violations(shape.value, item, f"{path}[{k!r}]")]
    if kind == "string":
        if not isinstance(value, str):
            return [f"{path}: expected a string, got {value!r}"]
        if shape.enum and value not in shape.enum:
            return [f"{path}: {value!r} is not one of {shape.name}'s values {shape.enum}"]
        return []
    if kind in ("integer", "long"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected an integer, got {value!r}"]
    if kind in ("float", "double"):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected a number, got {value!r}"]
    if kind == "boolean":
        return [] if isinstance(value, bool) else [f"{path}: expected a boolean, got {value!r}"]
    if kind == "timestamp":
        # AWS JSON 1.1 sends epoch seconds as a number.
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{path}: expected epoch seconds (number), got {value!r}"]
    if kind == "blob":
        try:
            base64.b64decode(value, validate=True)
            return []
        except Exception:  # noqa: BLE001 - any failure is the finding
            return [f"{path}: expected base64, got {str(value)[:40]!r}"]
    return []


def check_wire(http_response, parsed, model, **_kwargs) -> None:
    """botocore after-call hook: a successful response must be JSON 1.1 matching the operation's output shape."""
    if http_response.status_code >= 300:
        return
    problems = []
    content_type = http_response.headers.get("content-type", "")
    if not content_type.startswith(JSON_CONTENT_TYPE):
        problems.append(f"Content-Type is {content_type!r}, expected {JSON_CONTENT_TYPE}")
    try:
        raw = json.loads(http_response.content or b"{}")
    except ValueError as e:
        raise AssertionError(f"{model.name}: body is not JSON ({e}): {http_response.content[:200]!r}") from e
    if model.output_shape is not None:
        problems += wire_violations(model.output_shape, raw)
    if problems:
        raise AssertionError(f"{model.name} response does not match botocore's model:\n  " + "\n  ".join(problems[:20]))


# --------------------------------------------------------------------------------------------
# The server and the CLI
# --------------------------------------------------------------------------------------------

class Env:
    """What setUpModule made: paths, the endpoint and the accounts' keys."""
    cli_dll: Path
    tmp: Path
    data_dir: Path
    s3_root: Path
    log_path: Path
    endpoint: str = ""
    process: subprocess.Popen | None = None
    log_file = None
    account_a: dict = {}
    account_b: dict = {}
    key_a: dict = {}
    key_b: dict = {}
    key_b_revocable: dict = {}
    no_server = False


def cli_dll() -> Path:
    return Path(os.environ.get("LIKENESS_CLI") or REPO_ROOT / "src/Likeness.Cli/bin/Release/net10.0/likeness.dll")


def run_likeness(*args: str, timeout: float = 120) -> dict:
    """Runs a likeness CLI verb against the test data dir and returns the JSON it prints."""
    cmd = ["dotnet", str(Env.cli_dll), *args, "--data-dir", str(Env.data_dir)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"`{' '.join(cmd)}` exited {done.returncode}\nstdout: {done.stdout}\nstderr: {done.stderr}")
    out = done.stdout.strip()
    start, end = out.find("{"), out.rfind("}")
    if start < 0:
        return {}
    return json.loads(out[start:end + 1])


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def log_tail(lines: int = 60) -> str:
    try:
        return "\n".join(Env.log_path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def http_get(path: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(Env.endpoint + path, timeout=timeout) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")


def setUpModule() -> None:  # noqa: N802 - unittest's name
    # Rekognition's user operations (2023) are missing from older botocore, e.g. Debian 12's python3-botocore 1.29.27.
    missing = {"SearchUsers", "AssociateFaces"} - set(MODEL.operation_names)
    if missing:
        raise RuntimeError(f"botocore {botocore.__version__} lacks {', '.join(sorted(missing))}; install boto3/botocore 1.29.150 or newer "
                           "(pip install -U boto3 awscli) to run the end-to-end tests")
    Env.tmp = Path(tempfile.mkdtemp(prefix="likeness-e2e-"))
    try:
        start_server()
    except BaseException:
        tearDownModule()  # unittest skips it when setUpModule fails
        raise


def start_server() -> None:
    """Temp dirs, two accounts with keys via the CLI, then `likeness serve` until /healthz answers."""
    Env.data_dir = Env.tmp / "data"
    Env.s3_root = Env.tmp / "s3"
    Env.log_path = Env.tmp / "server.log"
    Env.data_dir.mkdir()
    (Env.s3_root / "photos").mkdir(parents=True)
    shutil.copyfile(sample_photo(1), Env.s3_root / "photos" / "sample1.jpg")
    if os.environ.get("LIKENESS_E2E_NO_SERVER") == "1":
        Env.no_server = True
        return

    Env.cli_dll = cli_dll()
    if not Env.cli_dll.is_file():
        raise RuntimeError(f"{Env.cli_dll} not found: build with `dotnet build src/Likeness.Cli -c Release` "
                           "or set LIKENESS_CLI to a likeness.dll")
    Env.account_a = run_likeness("accounts", "create", "e2e-a")
    Env.account_b = run_likeness("accounts", "create", "e2e-b")
    Env.key_a = run_likeness("keys", "create", Env.account_a["AccountId"])
    Env.key_b = run_likeness("keys", "create", Env.account_b["AccountId"])
    Env.key_b_revocable = run_likeness("keys", "create", Env.account_b["AccountId"])

    port = free_port()
    Env.endpoint = f"http://127.0.0.1:{port}"
    Env.log_file = open(Env.log_path, "wb")  # noqa: SIM115 - closed in tearDownModule
    Env.process = subprocess.Popen(
        ["dotnet", str(Env.cli_dll), "serve", "--port", str(port), "--data-dir", str(Env.data_dir),
         "--s3-root", str(Env.s3_root)],
        stdout=Env.log_file, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + HEALTH_TIMEOUT_S
    while True:
        if Env.process.poll() is not None:
            tail = log_tail()
            raise RuntimeError(f"server exited with {Env.process.returncode} before /healthz answered; log tail:\n{tail}")
        try:
            if http_get("/healthz", timeout=2)[0] == 200:
                break
        except OSError:
            pass
        if time.monotonic() > deadline:
            tail = log_tail()
            raise RuntimeError(f"/healthz did not answer 200 within {HEALTH_TIMEOUT_S} s; log tail:\n{tail}")
        time.sleep(0.25)
    if "endpoint: " + Env.endpoint not in Env.log_path.read_text(errors="replace"):
        observe(f"the server's stdout has no line `endpoint: {Env.endpoint}`")


def tearDownModule() -> None:  # noqa: N802 - unittest's name
    if Env.process is not None and Env.process.poll() is None:
        Env.process.send_signal(signal.SIGTERM)
        try:
            Env.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            observe("the server did not exit within 15 s of SIGTERM; killed")
            Env.process.kill()
            Env.process.wait(timeout=10)
    if Env.process is not None and Env.process.returncode not in (0, -signal.SIGTERM, 143):
        observe(f"the server exited with {Env.process.returncode} after SIGTERM")
    if Env.log_file is not None:
        Env.log_file.close()
        Env.log_file = None
    if os.environ.get("LIKENESS_E2E_KEEP") == "1":
        print(f"\ne2e: kept {Env.tmp} (server log: {Env.log_path})", file=sys.stderr)
    else:
        shutil.rmtree(Env.tmp, ignore_errors=True)


def client(key: dict | None = None, *, secret: str | None = None, validate: bool = True,
           region: str = REGION):
    """A boto3 Rekognition client on the test server whose every successful response is wire-checked."""
    key = key or Env.key_a
    config = botocore.config.Config(
        parameter_validation=validate, retries={"mode": "standard", "total_max_attempts": 1},
        read_timeout=180, connect_timeout=10)
    c = boto3.client(SERVICE, endpoint_url=Env.endpoint, region_name=region, config=config,
                     aws_access_key_id=key["AccessKeyId"],
                     aws_secret_access_key=secret if secret is not None else key["SecretAccessKey"])
    c.meta.events.register("after-call.rekognition", check_wire)
    return c


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


# --------------------------------------------------------------------------------------------
# Signing requests by hand (for the expired date, tampered bodies and raw protocol cases)
# --------------------------------------------------------------------------------------------

def sign(target: str, body: bytes, access_key: str, secret: str, *, endpoint: str | None = None,
         when: datetime.datetime | None = None, region: str = REGION) -> botocore.awsrequest.AWSPreparedRequest:
    """A POST / signed with botocore's SigV4Auth. `when` fixes the signing time: add_auth() takes it from
    botocore.auth.get_current_datetime() and overwrites request.context['timestamp'], so that is patched."""
    request = botocore.awsrequest.AWSRequest(
        method="POST", url=(endpoint or Env.endpoint) + "/", data=body,
        headers={"Content-Type": JSON_CONTENT_TYPE, "X-Amz-Target": TARGET_PREFIX + target})
    auth = botocore.auth.SigV4Auth(botocore.credentials.Credentials(access_key, secret), SERVICE, region)
    if when is None:
        auth.add_auth(request)
    else:
        naive_utc = when.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        with mock.patch("botocore.auth.get_current_datetime", lambda *a, **k: naive_utc):
            auth.add_auth(request)
    return request.prepare()


def send(prepared, body: bytes | None = None) -> tuple[int, dict, bytes]:
    """Sends a prepared request with urllib (optionally with another body than the one signed)."""
    data = prepared.body if body is None else body
    if isinstance(data, str):
        data = data.encode()
    # Content-Length is not signed; urllib sets it for the body actually sent.
    headers = {k: v for k, v in prepared.headers.items() if k.lower() != "content-length"}
    req = urllib.request.Request(prepared.url, data=data, method=prepared.method, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, dict(r.headers.items()), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers.items()), e.read()


def parse_with_botocore(operation: str, status: int, headers: dict, body: bytes) -> dict:
    """What botocore makes of a raw response (an error response gives parsed['Error']['Code'])."""
    parser = botocore.parsers.create_parser("json")
    lowered = botocore.awsrequest.HeadersDict({k.lower(): v for k, v in headers.items()})
    op = MODEL.operation_model(operation) if operation in MODEL.operation_names else None
    shape = op.output_shape if op is not None else None
    return parser.parse({"status_code": status, "headers": lowered, "body": body}, shape)


def independent_sigv4(prepared, secret: str) -> str:
    """SigV4 computed from the AWS documentation with hashlib/hmac only, to check the helper above."""
    auth = prepared.headers["Authorization"]
    fields = dict(part.strip().split("=", 1) for part in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    _key, date, region, service, _term = fields["Credential"].split("/")
    signed = fields["SignedHeaders"].split(";")
    host = prepared.url.split("://", 1)[1].split("/", 1)[0]
    headers = {k.lower(): str(v).strip() for k, v in prepared.headers.items()}
    headers.setdefault("host", host)
    body = prepared.body if isinstance(prepared.body, bytes) else prepared.body.encode()
    canonical = "\n".join([
        "POST", "/", "",
        "".join(f"{h}:{headers[h]}\n" for h in signed),
        ";".join(signed),
        hashlib.sha256(body).hexdigest()])
    amz_date = headers["x-amz-date"]
    scope = f"{date}/{region}/{service}/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()


class ServerTestCase(unittest.TestCase):
    """Base: skips when LIKENESS_E2E_NO_SERVER=1 (only the offline self-checks run then)."""

    @classmethod
    def setUpClass(cls) -> None:
        if Env.no_server:
            raise unittest.SkipTest("LIKENESS_E2E_NO_SERVER=1")

    def assertClientError(self, code: str | tuple[str, ...], status: int | tuple[int, ...], call, *args,  # noqa: N802
                          record: bool = True, **kwargs) -> ClientError:
        """Asserts the call fails with one of the codes and statuses; records the answer when several were allowed."""
        codes = (code,) if isinstance(code, str) else code
        statuses = (status,) if isinstance(status, int) else status
        with self.assertRaises(ClientError) as caught:
            call(*args, **kwargs)
        e = caught.exception
        got_code = e.response["Error"]["Code"]
        got_status = e.response["ResponseMetadata"]["HTTPStatusCode"]
        self.assertIn(got_code, codes, f"error code (message: {e.response['Error'].get('Message')!r})")
        self.assertIn(got_status, statuses, f"HTTP status for {got_code}")
        if record and (len(codes) > 1 or len(statuses) > 1):
            observe(f"{self.id().rsplit('.', 1)[-1]}: {got_status} {got_code}")
        return e


def image_bytes(n: int) -> bytes:
    return sample_photo(n).read_bytes()


S3_SAMPLE1 = {"S3Object": {"Bucket": "photos", "Name": "sample1.jpg"}}


# --------------------------------------------------------------------------------------------
# Offline self-checks of the helpers (need no server)
# --------------------------------------------------------------------------------------------

class HelperSelfChecks(unittest.TestCase):
    def test_signing_helper_produces_a_valid_sigv4_signature(self):
        prepared = sign("ListCollections", b"{}", "AKIDEXAMPLE", "secret-example", endpoint="http://127.0.0.1:9")
        got = prepared.headers["Authorization"].rsplit("Signature=", 1)[1]
        self.assertEqual(got, independent_sigv4(prepared, "secret-example"))

    def test_signing_helper_signs_with_the_given_old_time(self):
        old = datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
        prepared = sign("ListCollections", b"{}", "AKIDEXAMPLE", "secret-example", endpoint="http://127.0.0.1:9", when=old)
        self.assertEqual(prepared.headers["X-Amz-Date"], "20200102T030405Z")
        self.assertIn("Credential=AKIDEXAMPLE/20200102/us-east-1/rekognition/aws4_request", prepared.headers["Authorization"])
        got = prepared.headers["Authorization"].rsplit("Signature=", 1)[1]
        self.assertEqual(got, independent_sigv4(prepared, "secret-example"))

    def test_padded_png_is_exactly_the_requested_size_and_well_formed(self):
        png = noise_png_of_size(MAX_IMAGE_BYTES + 1)
        self.assertEqual(len(png), MAX_IMAGE_BYTES + 1)
        pos, kinds = 8, []
        while pos < len(png):
            (length,) = struct.unpack(">I", png[pos:pos + 4])
            kind, data = png[pos + 4:pos + 8], png[pos + 8:pos + 8 + length]
            (crc,) = struct.unpack(">I", png[pos + 8 + length:pos + 12 + length])
            self.assertEqual(crc, zlib.crc32(kind + data) & 0xFFFFFFFF, kind)
            kinds.append(kind)
            pos += 12 + length
        self.assertEqual(kinds, [b"IHDR", b"IDAT", b"zzPd", b"IEND"])

    def test_wire_check_reports_wrong_types_unknown_members_and_bad_enums(self):
        shape = MODEL.operation_model("ListUsers").output_shape
        problems = wire_violations(shape, {"Users": [{"UserId": 5, "UserStatus": "HAPPY"}], "Extra": 1})
        self.assertEqual(len(problems), 3, problems)


# --------------------------------------------------------------------------------------------
# boto3: face analysis (no collection)
# --------------------------------------------------------------------------------------------

class FaceAnalysisTests(ServerTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.rek = client()
        cls.detected = cls.rek.detect_faces(Image={"Bytes": image_bytes(1)})["FaceDetails"]

    def test_detect_faces_finds_the_three_people_of_sample1(self):
        faces = self.detected
        self.assertGreaterEqual(len(faces), 3)
        if len(faces) != 3:
            observe(f"DetectFaces found {len(faces)} faces in sample1.jpg (expected the three people)")
        for face in faces:
            box = face["BoundingBox"]
            for k in ("Left", "Top", "Width", "Height"):
                self.assertGreaterEqual(box[k], -0.5)
                self.assertLessEqual(box[k], 1.5)
            self.assertGreater(box["Width"], 0)
            self.assertTrue(0 <= face["Confidence"] <= 100)
            # DEFAULT attributes: BoundingBox, Confidence, Pose, Quality, Landmarks; no AgeRange.
            for k in ("Landmarks", "Pose", "Quality"):
                self.assertIn(k, face)
            self.assertNotIn("AgeRange", face)

    def test_detect_faces_with_all_attributes_reports_age_gender_and_emotions(self):
        faces = self.rek.detect_faces(Image={"Bytes": image_bytes(1)}, Attributes=["ALL"])["FaceDetails"]
        self.assertEqual(len(faces), len(self.detected))
        for face in faces:
            for k in ("AgeRange", "Gender", "Emotions", "Smile", "EyesOpen", "MouthOpen", "Landmarks", "Pose", "Quality"):
                self.assertIn(k, face)
            # Rekognition also returns these; docs/ATTRIBUTES.md ("Omitted, and why") leaves them out for want of a model.
            omitted = [k for k in ("Eyeglasses", "Sunglasses", "Beard", "Mustache", "FaceOccluded", "EyeDirection") if k not in face]
            if omitted:
                observe(f"DetectFaces ALL omits {', '.join(omitted)} (documented in docs/ATTRIBUTES.md)")
            self.assertLessEqual(face["AgeRange"]["Low"], face["AgeRange"]["High"])
            self.assertIn(face["Gender"]["Value"], ("Male", "Female"))

    def test_detect_faces_reads_an_s3_object(self):
        faces = self.rek.detect_faces(Image=S3_SAMPLE1)["FaceDetails"]
        self.assertEqual(len(faces), len(self.detected))
        for got, want in zip(sorted(faces, key=lambda f: f["BoundingBox"]["Left"]),
                             sorted(self.detected, key=lambda f: f["BoundingBox"]["Left"])):
            self.assertGreater(box_iou(got["BoundingBox"], want["BoundingBox"]), 0.95)

    def test_detect_faces_on_a_missing_s3_object_is_invalid_s3_object(self):
        self.assertClientError("InvalidS3ObjectException", 400, self.rek.detect_faces,
                               Image={"S3Object": {"Bucket": "photos", "Name": "no-such-photo.jpg"}})
        self.assertClientError("InvalidS3ObjectException", 400, self.rek.detect_faces,
                               Image={"S3Object": {"Bucket": "no-such-bucket", "Name": "sample1.jpg"}})

    def test_detect_faces_on_an_image_without_faces_returns_no_face_details(self):
        self.assertEqual(self.rek.detect_faces(Image={"Bytes": grey_png(200, 200)})["FaceDetails"], [])

    def test_compare_faces_of_sample1_with_itself_matches_its_largest_face_at_99(self):
        r = self.rek.compare_faces(SourceImage={"Bytes": image_bytes(1)}, TargetImage={"Bytes": image_bytes(1)})
        source = r["SourceImageFace"]["BoundingBox"]
        largest = max(self.detected, key=lambda f: area(f["BoundingBox"]))["BoundingBox"]
        self.assertGreater(box_iou(source, largest), 0.9, "the source face is the largest face")
        best = max(r["FaceMatches"], key=lambda m: m["Similarity"])
        self.assertGreaterEqual(best["Similarity"], 99)
        self.assertGreater(box_iou(best["Face"]["BoundingBox"], source), 0.9, "the best match is the same face")
        # CompareFaces' QualityFilter defaults to NONE: every detected target face is matched or unmatched.
        self.assertEqual(len(r["FaceMatches"]) + len(r["UnmatchedFaces"]), len(self.detected))

    def test_compare_faces_reads_s3_objects_and_honours_the_similarity_threshold(self):
        r = self.rek.compare_faces(SourceImage=S3_SAMPLE1, TargetImage={"Bytes": image_bytes(1)},
                                   SimilarityThreshold=0)
        self.assertEqual(len(r["FaceMatches"]), len(self.detected), "threshold 0 matches every target face")
        self.assertEqual(r["UnmatchedFaces"], [])

    def test_compare_faces_with_no_face_in_the_source_is_invalid_parameter(self):
        self.assertClientError("InvalidParameterException", 400, self.rek.compare_faces,
                               SourceImage={"Bytes": grey_png(200, 200)}, TargetImage={"Bytes": image_bytes(1)})

    def test_corrupt_bytes_are_invalid_image_format(self):
        for name, data in {
            "text": b"this is not an image at all" * 10,
            "damaged png": b"\x89PNG\r\n\x1a\n" + os.urandom(2000),
            "truncated jpeg": image_bytes(1)[: len(image_bytes(1)) // 2],
        }.items():
            with self.subTest(name):
                self.assertClientError("InvalidImageFormatException", 400, self.rek.detect_faces, Image={"Bytes": data})

    def test_image_under_80_px_is_invalid_parameter(self):
        self.assertClientError("InvalidParameterException", 400, self.rek.detect_faces, Image={"Bytes": grey_png(60, 60)})

    def test_image_of_exactly_5_MiB_is_accepted(self):
        rek = client(validate=False)
        self.assertEqual(rek.detect_faces(Image={"Bytes": noise_png_of_size(MAX_IMAGE_BYTES)})["FaceDetails"], [])

    def test_image_one_byte_over_5_MiB_is_image_too_large(self):
        # botocore refuses Bytes over 5242880 client-side; validation off lets the request reach the server.
        rek = client(validate=False)
        self.assertClientError("ImageTooLargeException", 400, rek.detect_faces,
                               Image={"Bytes": noise_png_of_size(MAX_IMAGE_BYTES + 1)})


# --------------------------------------------------------------------------------------------
# boto3: collections and faces (account A)
# --------------------------------------------------------------------------------------------

class CollectionTests(ServerTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.rek = client()
        cls.collection = unique("e2e-faces")
        cls.created = cls.rek.create_collection(CollectionId=cls.collection)
        cls.first = cls.rek.index_faces(CollectionId=cls.collection, Image={"Bytes": image_bytes(1)},
                                        ExternalImageId="first")
        cls.second = cls.rek.index_faces(CollectionId=cls.collection, Image=S3_SAMPLE1, ExternalImageId="second")

    def test_create_collection_returns_status_arn_and_model_version(self):
        self.assertEqual(self.created["StatusCode"], 200)
        arn = self.created["CollectionArn"]
        self.assertTrue(arn.endswith(f":{Env.account_a['AccountId']}:collection/{self.collection}"), arn)
        self.assertIn(":us-east-1:", arn)
        self.assertTrue(self.created["FaceModelVersion"])

    def test_create_existing_collection_is_resource_already_exists(self):
        self.assertClientError("ResourceAlreadyExistsException", 400, self.rek.create_collection, CollectionId=self.collection)

    def test_describe_collection_counts_indexed_faces(self):
        r = self.rek.describe_collection(CollectionId=self.collection)
        self.assertEqual(r["FaceCount"], len(self.first["FaceRecords"]) + len(self.second["FaceRecords"]))
        self.assertEqual(r["UserCount"], 0)
        self.assertEqual(r["CollectionARN"], self.created["CollectionArn"])
        self.assertEqual(r["FaceModelVersion"], self.created["FaceModelVersion"])
        age = datetime.datetime.now(datetime.timezone.utc) - r["CreationTimestamp"]
        self.assertLess(abs(age.total_seconds()), 600, r["CreationTimestamp"])

    def test_index_faces_with_quality_filter_auto_indexes_the_three_people(self):
        records = self.first["FaceRecords"]
        self.assertEqual(len(records), 3)
        self.assertEqual(self.first["UnindexedFaces"], [], "the three people are the only faces found, and all pass AUTO")
        self.assertEqual(self.first["FaceModelVersion"], self.created["FaceModelVersion"])
        image_ids = {r["Face"]["ImageId"] for r in records}
        self.assertEqual(len(image_ids), 1, "the faces of one image share its ImageId")
        for record in records:
            face = record["Face"]
            self.assertRegex(face["FaceId"], FACE_ID)
            self.assertEqual(face["ExternalImageId"], "first")
            self.assertGreater(box_iou(face["BoundingBox"], record["FaceDetail"]["BoundingBox"]), 0.99)
            self.assertNotIn("AgeRange", record["FaceDetail"], "DetectionAttributes defaults to DEFAULT")

    def test_index_faces_from_s3_object_finds_the_same_faces(self):
        self.assertEqual(len(self.second["FaceRecords"]), len(self.first["FaceRecords"]))
        self.assertNotEqual(self.second["FaceRecords"][0]["Face"]["ImageId"], self.first["FaceRecords"][0]["Face"]["ImageId"])

    def test_index_faces_with_max_faces_one_keeps_the_largest(self):
        name = unique("e2e-max")
        self.rek.create_collection(CollectionId=name)
        try:
            r = self.rek.index_faces(CollectionId=name, Image={"Bytes": image_bytes(1)}, MaxFaces=1)
            self.assertEqual(len(r["FaceRecords"]), 1)
            kept = r["FaceRecords"][0]["Face"]["BoundingBox"]
            over = [u for u in r["UnindexedFaces"] if "EXCEEDS_MAX_FACES" in u["Reasons"]]
            self.assertEqual(len(over), 2, r["UnindexedFaces"])
            for u in over:
                self.assertGreaterEqual(area(kept), area(u["FaceDetail"]["BoundingBox"]))
        finally:
            self.rek.delete_collection(CollectionId=name)

    def test_index_faces_with_quality_filter_none_indexes_every_detected_face(self):
        detected = self.rek.detect_faces(Image={"Bytes": image_bytes(1)})["FaceDetails"]
        name = unique("e2e-none")
        self.rek.create_collection(CollectionId=name)
        try:
            r = self.rek.index_faces(CollectionId=name, Image={"Bytes": image_bytes(1)}, QualityFilter="NONE",
                                     DetectionAttributes=["ALL"])
            self.assertEqual(len(r["FaceRecords"]), len(detected))
            self.assertEqual(r["UnindexedFaces"], [])
            for record in r["FaceRecords"]:
                self.assertIn("AgeRange", record["FaceDetail"], "DetectionAttributes ALL")
                self.assertIn("Emotions", record["FaceDetail"])
            high = self.rek.index_faces(CollectionId=name, Image={"Bytes": image_bytes(1)}, QualityFilter="HIGH")
            self.assertLessEqual(len(high["FaceRecords"]), 3)
        finally:
            self.rek.delete_collection(CollectionId=name)

    def test_list_faces_paginator_returns_every_face_once(self):
        pages = list(self.rek.get_paginator("list_faces").paginate(
            CollectionId=self.collection, PaginationConfig={"PageSize": 1}))
        faces = [f for p in pages for f in p["Faces"]]
        want = {r["Face"]["FaceId"] for r in self.first["FaceRecords"] + self.second["FaceRecords"]}
        self.assertEqual(sorted(f["FaceId"] for f in faces), sorted(want))
        self.assertTrue(all(len(p["Faces"]) <= 1 for p in pages))
        self.assertGreaterEqual(len(pages), len(want))
        for f in faces:
            self.assertIn(f["ExternalImageId"], ("first", "second"))
            self.assertIn("BoundingBox", f)
            self.assertIn("ImageId", f)

    def test_list_faces_with_a_made_up_token_is_invalid_pagination_token(self):
        self.assertIn("NextToken", self.rek.list_faces(CollectionId=self.collection, MaxResults=1))
        self.assertClientError("InvalidPaginationTokenException", 400, self.rek.list_faces,
                               CollectionId=self.collection, NextToken="not-a-token-this-service-issued")

    def pair(self, record: dict) -> dict:
        """The face of the 'second' copy of sample1 with the same box as a 'first' record."""
        return max(self.second["FaceRecords"], key=lambda s: box_iou(s["Face"]["BoundingBox"], record["Face"]["BoundingBox"]))

    def test_search_faces_finds_the_same_face_in_the_other_copy(self):
        for record in self.first["FaceRecords"]:
            face_id = record["Face"]["FaceId"]
            r = self.rek.search_faces(CollectionId=self.collection, FaceId=face_id)
            self.assertEqual(r["SearchedFaceId"], face_id)
            ids = [m["Face"]["FaceId"] for m in r["FaceMatches"]]
            self.assertNotIn(face_id, ids, "the searched face is not its own match")
            self.assertEqual(ids[0], self.pair(record)["Face"]["FaceId"])
            self.assertGreaterEqual(r["FaceMatches"][0]["Similarity"], 99)
            similarities = [m["Similarity"] for m in r["FaceMatches"]]
            self.assertEqual(similarities, sorted(similarities, reverse=True))

    def test_search_faces_honours_max_faces_and_threshold(self):
        face_id = self.first["FaceRecords"][0]["Face"]["FaceId"]
        r = self.rek.search_faces(CollectionId=self.collection, FaceId=face_id, MaxFaces=1, FaceMatchThreshold=0)
        self.assertEqual(len(r["FaceMatches"]), 1)
        r = self.rek.search_faces(CollectionId=self.collection, FaceId=face_id, FaceMatchThreshold=0)
        self.assertEqual(len(r["FaceMatches"]), 5, "threshold 0: every other face")

    def test_search_faces_for_an_unknown_face_id_is_resource_not_found(self):
        self.assertClientError("ResourceNotFoundException", 400, self.rek.search_faces,
                               CollectionId=self.collection, FaceId=str(uuid.uuid4()))

    def test_search_faces_by_image_matches_the_largest_face(self):
        r = self.rek.search_faces_by_image(CollectionId=self.collection, Image={"Bytes": image_bytes(1)})
        largest = max(self.first["FaceRecords"], key=lambda x: area(x["Face"]["BoundingBox"]))
        self.assertGreater(box_iou(r["SearchedFaceBoundingBox"], largest["Face"]["BoundingBox"]), 0.9)
        self.assertTrue(0 <= r["SearchedFaceConfidence"] <= 100)
        self.assertEqual(r["FaceModelVersion"], self.created["FaceModelVersion"])
        top_two = {m["Face"]["FaceId"] for m in r["FaceMatches"][:2]}
        self.assertEqual(top_two, {largest["Face"]["FaceId"], self.pair(largest)["Face"]["FaceId"]})
        self.assertGreaterEqual(r["FaceMatches"][1]["Similarity"], 99)

    def test_search_faces_by_image_without_a_face_is_invalid_parameter(self):
        self.assertClientError("InvalidParameterException", 400, self.rek.search_faces_by_image,
                               CollectionId=self.collection, Image={"Bytes": grey_png(200, 200)})

    def test_delete_faces_deletes_and_reports_unknown_ids(self):
        name = unique("e2e-delete")
        self.rek.create_collection(CollectionId=name)
        try:
            indexed = self.rek.index_faces(CollectionId=name, Image={"Bytes": image_bytes(1)})["FaceRecords"]
            victim, unknown = indexed[0]["Face"]["FaceId"], str(uuid.uuid4())
            r = self.rek.delete_faces(CollectionId=name, FaceIds=[victim, unknown])
            self.assertEqual(r["DeletedFaces"], [victim])
            failed = {u["FaceId"]: u["Reasons"] for u in r.get("UnsuccessfulFaceDeletions", [])}
            self.assertEqual(failed, {unknown: ["FACE_NOT_FOUND"]})
            left = [f["FaceId"] for f in self.rek.list_faces(CollectionId=name)["Faces"]]
            self.assertNotIn(victim, left)
            self.assertEqual(len(left), len(indexed) - 1)
            self.assertEqual(self.rek.describe_collection(CollectionId=name)["FaceCount"], len(indexed) - 1)
        finally:
            self.rek.delete_collection(CollectionId=name)

    def test_list_collections_paginator_with_max_results_one_lists_every_collection(self):
        mine = [unique("e2e-list") for _ in range(3)]
        for name in mine:
            self.rek.create_collection(CollectionId=name)
        try:
            pages = list(self.rek.get_paginator("list_collections").paginate(PaginationConfig={"PageSize": 1}))
            self.assertTrue(all(len(p["CollectionIds"]) <= 1 for p in pages))
            ids = [i for p in pages for i in p["CollectionIds"]]
            versions = [v for p in pages for v in p["FaceModelVersions"]]
            self.assertEqual(len(ids), len(set(ids)), "no collection twice")
            self.assertEqual(len(versions), len(ids), "FaceModelVersions parallel to CollectionIds")
            for name in mine + [self.collection]:
                self.assertIn(name, ids)
            direct = self.rek.list_collections(MaxResults=1)
            self.assertEqual(len(direct["CollectionIds"]), 1)
            self.assertIn("NextToken", direct)
        finally:
            for name in mine:
                self.rek.delete_collection(CollectionId=name)

    def test_delete_collection_removes_it(self):
        name = unique("e2e-gone")
        self.rek.create_collection(CollectionId=name)
        self.rek.index_faces(CollectionId=name, Image={"Bytes": image_bytes(1)})
        self.assertEqual(self.rek.delete_collection(CollectionId=name)["StatusCode"], 200)
        self.assertNotIn(name, self.rek.list_collections()["CollectionIds"])
        self.assertClientError("ResourceNotFoundException", 400, self.rek.describe_collection, CollectionId=name)
        self.assertClientError("ResourceNotFoundException", 400, self.rek.delete_collection, CollectionId=name)
        self.rek.create_collection(CollectionId=name)  # the id is free again, and the new one is empty
        self.assertEqual(self.rek.describe_collection(CollectionId=name)["FaceCount"], 0)
        self.rek.delete_collection(CollectionId=name)

    def test_every_collection_operation_on_an_unknown_collection_is_resource_not_found(self):
        name = unique("e2e-missing")
        face = str(uuid.uuid4())
        calls = {
            "DescribeCollection": lambda: self.rek.describe_collection(CollectionId=name),
            "DeleteCollection": lambda: self.rek.delete_collection(CollectionId=name),
            "IndexFaces": lambda: self.rek.index_faces(CollectionId=name, Image={"Bytes": image_bytes(1)}),
            "ListFaces": lambda: self.rek.list_faces(CollectionId=name),
            "SearchFaces": lambda: self.rek.search_faces(CollectionId=name, FaceId=face),
            "SearchFacesByImage": lambda: self.rek.search_faces_by_image(CollectionId=name, Image={"Bytes": image_bytes(1)}),
            "DeleteFaces": lambda: self.rek.delete_faces(CollectionId=name, FaceIds=[face]),
            "CreateUser": lambda: self.rek.create_user(CollectionId=name, UserId="u"),
            "ListUsers": lambda: self.rek.list_users(CollectionId=name),
            "SearchUsersByImage": lambda: self.rek.search_users_by_image(CollectionId=name, Image={"Bytes": image_bytes(1)}),
        }
        for op, call in calls.items():
            with self.subTest(op):
                self.assertClientError("ResourceNotFoundException", 400, call)
        self.assertNotIn(name, self.rek.list_collections()["CollectionIds"], "IndexFaces did not create it")


# --------------------------------------------------------------------------------------------
# boto3: users (account A)
# --------------------------------------------------------------------------------------------

class UserTests(ServerTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.rek = client()
        cls.collection = unique("e2e-users")
        cls.rek.create_collection(CollectionId=cls.collection)
        first = cls.rek.index_faces(CollectionId=cls.collection, Image={"Bytes": image_bytes(1)}, ExternalImageId="first")
        second = cls.rek.index_faces(CollectionId=cls.collection, Image={"Bytes": image_bytes(1)}, ExternalImageId="second")
        # person[i] = (FaceId in the first copy, FaceId in the second copy), largest face first.
        cls.people = []
        for rec in sorted(first["FaceRecords"], key=lambda r: -area(r["Face"]["BoundingBox"])):
            twin = max(second["FaceRecords"], key=lambda s: box_iou(s["Face"]["BoundingBox"], rec["Face"]["BoundingBox"]))
            cls.people.append((rec["Face"]["FaceId"], twin["Face"]["FaceId"]))

    @classmethod
    def tearDownClass(cls) -> None:
        if hasattr(cls, "rek"):
            cls.rek.delete_collection(CollectionId=cls.collection)

    def users(self) -> dict:
        pages = self.rek.get_paginator("list_users").paginate(CollectionId=self.collection, PaginationConfig={"PageSize": 1})
        return {u["UserId"]: u["UserStatus"] for p in pages for u in p["Users"]}

    def test_create_user_is_listed_as_created_and_a_duplicate_is_a_conflict(self):
        user = unique("ann")
        self.assertEqual({k: v for k, v in self.rek.create_user(CollectionId=self.collection, UserId=user).items()
                          if k != "ResponseMetadata"}, {})
        self.assertEqual(self.users().get(user), "CREATED")
        self.assertClientError("ConflictException", 400, self.rek.create_user, CollectionId=self.collection, UserId=user)
        self.rek.delete_user(CollectionId=self.collection, UserId=user)

    def test_associate_faces_then_search_users_and_search_users_by_image(self):
        user = unique("largest")
        face, twin = self.people[0]
        self.rek.create_user(CollectionId=self.collection, UserId=user)
        try:
            r = self.rek.associate_faces(CollectionId=self.collection, UserId=user, FaceIds=[face, twin])
            self.assertEqual(sorted(a["FaceId"] for a in r["AssociatedFaces"]), sorted([face, twin]))
            self.assertEqual(r["UnsuccessfulFaceAssociations"], [])
            self.assertIn(r["UserStatus"], ("ACTIVE", "UPDATING"))
            self.assertEqual(self.users()[user], "ACTIVE")
            listed = self.rek.list_faces(CollectionId=self.collection, UserId=user)["Faces"]
            self.assertEqual(sorted(f["FaceId"] for f in listed), sorted([face, twin]))
            self.assertTrue(all(f.get("UserId") == user for f in listed))
            self.assertEqual(self.rek.describe_collection(CollectionId=self.collection)["UserCount"], len(self.users()))

            by_face = self.rek.search_users(CollectionId=self.collection, FaceId=face)
            self.assertEqual(by_face["SearchedFace"]["FaceId"], face)
            self.assertEqual(by_face["UserMatches"][0]["User"]["UserId"], user)
            self.assertGreaterEqual(by_face["UserMatches"][0]["Similarity"], 99)

            by_user = self.rek.search_users(CollectionId=self.collection, UserId=user)
            self.assertEqual(by_user["SearchedUser"]["UserId"], user)
            self.assertNotIn(user, [m["User"]["UserId"] for m in by_user["UserMatches"]], "the query user is left out")

            by_image = self.rek.search_users_by_image(CollectionId=self.collection, Image={"Bytes": image_bytes(1)})
            self.assertEqual(by_image["UserMatches"][0]["User"]["UserId"], user)
            self.assertGreaterEqual(by_image["UserMatches"][0]["Similarity"], 99)
            self.assertIn("BoundingBox", by_image["SearchedFace"]["FaceDetail"])
            self.assertGreaterEqual(len(by_image["UnsearchedFaces"]), 2)
            for u in by_image["UnsearchedFaces"]:
                self.assertIn("FACE_NOT_LARGEST", u["Reasons"])
        finally:
            self.rek.disassociate_faces(CollectionId=self.collection, UserId=user, FaceIds=[face, twin])
            self.rek.delete_user(CollectionId=self.collection, UserId=user)

    def test_associating_another_persons_face_is_low_match_confidence(self):
        user = unique("bob")
        self.rek.create_user(CollectionId=self.collection, UserId=user)
        try:
            self.rek.associate_faces(CollectionId=self.collection, UserId=user, FaceIds=[self.people[1][0]])
            r = self.rek.associate_faces(CollectionId=self.collection, UserId=user, FaceIds=[self.people[2][0]])
            self.assertEqual(r["AssociatedFaces"], [])
            (failed,) = r["UnsuccessfulFaceAssociations"]
            self.assertEqual(failed["FaceId"], self.people[2][0])
            self.assertEqual(failed["Reasons"], ["LOW_MATCH_CONFIDENCE"])
            self.assertLess(failed["Confidence"], 75)
        finally:
            self.rek.disassociate_faces(CollectionId=self.collection, UserId=user, FaceIds=[self.people[1][0]])
            self.rek.delete_user(CollectionId=self.collection, UserId=user)

    def test_a_face_of_one_user_cannot_be_associated_to_another_or_deleted(self):
        owner, other = unique("carol"), unique("dave")
        face = self.people[2][1]
        self.rek.create_user(CollectionId=self.collection, UserId=owner)
        self.rek.create_user(CollectionId=self.collection, UserId=other)
        try:
            self.rek.associate_faces(CollectionId=self.collection, UserId=owner, FaceIds=[face])
            r = self.rek.associate_faces(CollectionId=self.collection, UserId=other, FaceIds=[face])
            self.assertEqual(r["UnsuccessfulFaceAssociations"][0]["Reasons"], ["ASSOCIATED_TO_A_DIFFERENT_USER"])
            d = self.rek.delete_faces(CollectionId=self.collection, FaceIds=[face])
            self.assertEqual(d["DeletedFaces"], [])
            self.assertEqual(d["UnsuccessfulFaceDeletions"][0]["Reasons"], ["ASSOCIATED_TO_AN_EXISTING_USER"])
            x = self.rek.disassociate_faces(CollectionId=self.collection, UserId=other, FaceIds=[face])
            self.assertEqual(x["UnsuccessfulFaceDisassociations"][0]["Reasons"], ["ASSOCIATED_TO_A_DIFFERENT_USER"])
        finally:
            self.rek.disassociate_faces(CollectionId=self.collection, UserId=owner, FaceIds=[face])
            self.rek.delete_user(CollectionId=self.collection, UserId=owner)
            self.rek.delete_user(CollectionId=self.collection, UserId=other)

    def test_disassociate_faces_returns_the_user_to_created(self):
        user = unique("erin")
        face, twin = self.people[1]
        self.rek.create_user(CollectionId=self.collection, UserId=user)
        try:
            self.rek.associate_faces(CollectionId=self.collection, UserId=user, FaceIds=[face, twin])
            unknown = str(uuid.uuid4())
            r = self.rek.disassociate_faces(CollectionId=self.collection, UserId=user, FaceIds=[face, twin, unknown])
            self.assertEqual(sorted(d["FaceId"] for d in r["DisassociatedFaces"]), sorted([face, twin]))
            self.assertEqual([(u["FaceId"], u["Reasons"]) for u in r["UnsuccessfulFaceDisassociations"]],
                             [(unknown, ["FACE_NOT_FOUND"])])
            self.assertEqual(self.rek.list_faces(CollectionId=self.collection, UserId=user)["Faces"], [])
            self.assertEqual(self.users()[user], "CREATED")
        finally:
            self.rek.delete_user(CollectionId=self.collection, UserId=user)

    def test_delete_user_keeps_its_faces_and_an_unknown_user_is_resource_not_found(self):
        user = unique("frank")
        face = self.people[0][0]
        self.rek.create_user(CollectionId=self.collection, UserId=user)
        self.rek.associate_faces(CollectionId=self.collection, UserId=user, FaceIds=[face])
        self.rek.delete_user(CollectionId=self.collection, UserId=user)
        self.assertNotIn(user, self.users())
        faces = {f["FaceId"]: f for f in self.rek.list_faces(CollectionId=self.collection)["Faces"]}
        self.assertIn(face, faces)
        self.assertNotIn("UserId", faces[face])
        self.assertClientError("ResourceNotFoundException", 400, self.rek.delete_user,
                               CollectionId=self.collection, UserId=user)

    def test_client_request_token_makes_create_user_idempotent(self):
        user, token = unique("gina"), uuid.uuid4().hex
        self.rek.create_user(CollectionId=self.collection, UserId=user, ClientRequestToken=token)
        self.rek.create_user(CollectionId=self.collection, UserId=user, ClientRequestToken=token)  # a retry, no conflict
        self.assertClientError("IdempotentParameterMismatchException", 400, self.rek.create_user,
                               CollectionId=self.collection, UserId=unique("other"), ClientRequestToken=token)
        self.rek.delete_user(CollectionId=self.collection, UserId=user)


# --------------------------------------------------------------------------------------------
# boto3: accounts are isolated
# --------------------------------------------------------------------------------------------

class AccountIsolationTests(ServerTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.a, cls.b = client(Env.key_a), client(Env.key_b)
        cls.collection = unique("e2e-private")
        cls.a.create_collection(CollectionId=cls.collection)
        cls.faces = cls.a.index_faces(CollectionId=cls.collection, Image={"Bytes": image_bytes(1)})["FaceRecords"]

    @classmethod
    def tearDownClass(cls) -> None:
        if hasattr(cls, "a"):
            cls.a.delete_collection(CollectionId=cls.collection)

    def test_another_account_cannot_see_describe_search_or_delete_a_collection(self):
        face = self.faces[0]["Face"]["FaceId"]
        calls = {
            "DescribeCollection": lambda: self.b.describe_collection(CollectionId=self.collection),
            "ListFaces": lambda: self.b.list_faces(CollectionId=self.collection),
            "SearchFaces": lambda: self.b.search_faces(CollectionId=self.collection, FaceId=face),
            "SearchFacesByImage": lambda: self.b.search_faces_by_image(CollectionId=self.collection, Image={"Bytes": image_bytes(1)}),
            "IndexFaces": lambda: self.b.index_faces(CollectionId=self.collection, Image={"Bytes": image_bytes(1)}),
            "DeleteFaces": lambda: self.b.delete_faces(CollectionId=self.collection, FaceIds=[face]),
            "ListUsers": lambda: self.b.list_users(CollectionId=self.collection),
            "DeleteCollection": lambda: self.b.delete_collection(CollectionId=self.collection),
        }
        for op, call in calls.items():
            with self.subTest(op):
                self.assertClientError("ResourceNotFoundException", 400, call)
        self.assertEqual(self.a.describe_collection(CollectionId=self.collection)["FaceCount"], len(self.faces))

    def test_list_collections_shows_only_the_callers_collections(self):
        self.assertIn(self.collection, self.a.list_collections()["CollectionIds"])
        self.assertNotIn(self.collection, self.b.list_collections()["CollectionIds"])

    def test_the_same_collection_id_in_two_accounts_is_two_collections(self):
        created = self.b.create_collection(CollectionId=self.collection)
        try:
            self.assertIn(f":{Env.account_b['AccountId']}:collection/{self.collection}", created["CollectionArn"])
            self.assertEqual(self.b.describe_collection(CollectionId=self.collection)["FaceCount"], 0)
            face = self.faces[0]["Face"]["FaceId"]
            self.assertClientError("ResourceNotFoundException", 400, self.b.search_faces,
                                   CollectionId=self.collection, FaceId=face)
            self.assertEqual(self.b.search_faces_by_image(CollectionId=self.collection, Image={"Bytes": image_bytes(1)})["FaceMatches"], [])
        finally:
            self.b.delete_collection(CollectionId=self.collection)
        self.assertEqual(self.a.describe_collection(CollectionId=self.collection)["FaceCount"], len(self.faces))


# --------------------------------------------------------------------------------------------
# Authentication and the protocol
# --------------------------------------------------------------------------------------------

class AuthAndProtocolTests(ServerTestCase):
    def raw(self, target: str, body: bytes = b"{}", **sign_kwargs) -> tuple[int, dict, bytes, dict]:
        key = sign_kwargs.pop("key", Env.key_a)
        send_body = sign_kwargs.pop("send_body", None)
        prepared = sign(target, body, key["AccessKeyId"], sign_kwargs.pop("secret", key["SecretAccessKey"]), **sign_kwargs)
        status, headers, data = send(prepared, send_body)
        return status, headers, data, parse_with_botocore(target, status, headers, data)

    @staticmethod
    def detect_faces_samples() -> dict[str, float]:
        """Prometheus samples that mention DetectFaces: series -> value."""
        status, text = http_get("/metrics")
        assert status == 200, f"/metrics answered {status}"
        samples = {}
        for line in text.splitlines():
            if line.startswith("#") or "DetectFaces" not in line:
                continue
            series, _, value = line.rpartition(" ")
            samples[series] = float(value)
        return samples

    def test_health_and_metrics_answer_without_auth_and_metrics_count_detect_faces(self):
        self.assertEqual(http_get("/healthz")[0], 200)
        before = self.detect_faces_samples()
        client().detect_faces(Image={"Bytes": image_bytes(2)})
        after = self.detect_faces_samples()
        self.assertTrue(after, "no /metrics sample mentions DetectFaces")
        grew = [k for k, v in after.items() if v > before.get(k, 0)]
        self.assertTrue(grew, f"no DetectFaces sample grew after a DetectFaces call: {after}")

    def test_responses_carry_a_request_id(self):
        r = client().list_collections()
        self.assertTrue(r["ResponseMetadata"].get("RequestId"), r["ResponseMetadata"])

    def test_a_request_signed_by_hand_now_is_accepted(self):
        status, _, body, parsed = self.raw("ListCollections")
        self.assertEqual(status, 200, body[:300])
        self.assertIn("CollectionIds", parsed)

    def test_a_wrong_secret_is_invalid_signature(self):
        bad = client(secret=Env.key_a["SecretAccessKey"][:-1] + ("x" if not Env.key_a["SecretAccessKey"].endswith("x") else "y"))
        self.assertClientError("InvalidSignatureException", AUTH_STATUSES, bad.list_collections)

    def test_a_body_changed_after_signing_is_invalid_signature(self):
        signed = json.dumps({"CollectionId": "signed-name"}).encode()
        status, _, body, parsed = self.raw("DescribeCollection", signed, send_body=json.dumps({"CollectionId": "other-name"}).encode())
        self.assertIn(status, AUTH_STATUSES, body[:300])
        self.assertEqual(parsed["Error"]["Code"], "InvalidSignatureException", body[:300])

    def test_a_signature_older_than_five_minutes_is_invalid_signature(self):
        old = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=10)
        status, _, body, parsed = self.raw("ListCollections", when=old)
        self.assertEqual(parsed["Error"]["Code"], "InvalidSignatureException", body[:300])
        self.assertEqual(status, 400, "Rekognition answers 400 for 'Signature expired'")

    def test_a_signature_from_the_future_is_invalid_signature(self):
        future = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(minutes=10)
        status, _, body, parsed = self.raw("ListCollections", when=future)
        self.assertEqual(parsed["Error"]["Code"], "InvalidSignatureException", body[:300])
        self.assertIn(status, AUTH_STATUSES)

    def test_a_signature_scoped_to_another_region_is_refused(self):
        other = client(region="us-west-2")
        self.assertClientError("InvalidSignatureException", AUTH_STATUSES, other.list_collections)

    def test_an_unknown_access_key_is_unrecognized_client(self):
        stranger = client({"AccessKeyId": "AKIA" + uuid.uuid4().hex[:16].upper(), "SecretAccessKey": "x" * 40})
        self.assertClientError("UnrecognizedClientException", AUTH_STATUSES, stranger.list_collections)

    def test_a_revoked_key_is_unrecognized_client(self):
        rek = client(Env.key_b_revocable)
        rek.list_collections()
        run_likeness("keys", "revoke", Env.key_b_revocable["AccessKeyId"])
        started = time.monotonic()
        while True:
            try:
                rek.list_collections()
            except ClientError as e:
                self.assertEqual(e.response["Error"]["Code"], "UnrecognizedClientException")
                self.assertIn(e.response["ResponseMetadata"]["HTTPStatusCode"], AUTH_STATUSES)
                break
            if time.monotonic() - started > 10:
                self.fail("a revoked key still works 10 s after `likeness keys revoke`")
            time.sleep(0.5)
        took = time.monotonic() - started
        if took > 1:
            observe(f"a revoked key kept working for {took:.1f} s")
        client(Env.key_b).list_collections()  # the account's other key still works

    def test_a_request_without_authorization_is_missing_authentication_token(self):
        req = urllib.request.Request(Env.endpoint + "/", data=b"{}", method="POST", headers={
            "Content-Type": JSON_CONTENT_TYPE, "X-Amz-Target": TARGET_PREFIX + "ListCollections"})
        try:
            with urllib.request.urlopen(req, timeout=30) as r:
                status, headers, body = r.status, dict(r.headers.items()), r.read()
        except urllib.error.HTTPError as e:
            status, headers, body = e.code, dict(e.headers.items()), e.read()
        parsed = parse_with_botocore("ListCollections", status, headers, body)
        self.assertEqual(parsed["Error"]["Code"], "MissingAuthenticationTokenException", body[:300])
        self.assertIn(status, AUTH_STATUSES)
        observe(f"missing auth: HTTP {status}")

    def test_an_unknown_operation_is_unknown_operation(self):
        status, _, body, parsed = self.raw("NoSuchOperation")
        self.assertEqual(status, 400, body[:300])
        self.assertEqual(parsed["Error"]["Code"], "UnknownOperationException", body[:300])

    def test_a_body_that_is_not_json_is_serialization_exception(self):
        status, _, body, parsed = self.raw("DescribeCollection", b"{not json")
        self.assertEqual(status, 400, body[:300])
        self.assertIn(parsed["Error"]["Code"], ("SerializationException", "InvalidParameterException"), body[:300])
        observe(f"malformed JSON body: {parsed['Error']['Code']}")

    def test_wrong_parameter_types_are_400(self):
        rek = client(validate=False)
        cases = {
            "ListCollections MaxResults='ten'": lambda: rek.list_collections(MaxResults="ten"),
            "DescribeCollection CollectionId=123": lambda: rek.describe_collection(CollectionId=123),
            "ListFaces MaxResults=-1": lambda: rek.list_faces(CollectionId="x", MaxResults=-1),
            "DescribeCollection without CollectionId": lambda: rek.describe_collection(),
            "CreateCollection CollectionId='bad id!'": lambda: rek.create_collection(CollectionId="bad id!"),
        }
        for name, call in cases.items():
            with self.subTest(name):
                e = self.assertClientError(("SerializationException", "InvalidParameterException", "ValidationException"),
                                           400, call, record=False)
                observe(f"{name}: {e.response['Error']['Code']}")
        # botocore cannot serialize a string for a float even without validation: send that one by hand.
        body = json.dumps({"CollectionId": "x", "FaceId": str(uuid.uuid4()), "FaceMatchThreshold": "high"}).encode()
        status, _, raw, parsed = self.raw("SearchFaces", body)
        self.assertEqual(status, 400, raw[:300])
        self.assertIn(parsed["Error"]["Code"], ("SerializationException", "InvalidParameterException", "ValidationException"), raw[:300])
        observe(f"SearchFaces FaceMatchThreshold='high': {parsed['Error']['Code']}")


# --------------------------------------------------------------------------------------------
# The aws CLI
# --------------------------------------------------------------------------------------------

# --------------------------------------------------------------------------------------------
# Use policy: the shipped default policy, enforced on the wire (docs/POLICY.md)
# --------------------------------------------------------------------------------------------

class PolicyTests(ServerTestCase):
    """A police account is refused identification (the 2020 moratorium); an approved anti-trafficking
    NGO may search only at threshold >= 99 with a case id, and its matches are queued for review."""

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        police = run_likeness("accounts", "create", unique("e2e-police"))["AccountId"]
        ngo = run_likeness("accounts", "create", unique("e2e-ngo"))["AccountId"]
        cls.police_key = run_likeness("keys", "create", police)
        cls.ngo_key = run_likeness("keys", "create", ngo)
        run_likeness("profile", "set", police, "--organisation", "Springfield Police Department", "--sector", "law-enforcement",
                     "--country", "US", "--region", "IL", "--city", "Springfield")
        run_likeness("profile", "set", ngo, "--organisation", "Thorn", "--sector", "nonprofit", "--country", "US", "--region", "CA", "--city", "Los Angeles")
        run_likeness("profile", "use-case", ngo, "anti-trafficking-victim-identification", "--status", "approved")
        run_likeness("keys", "bind", cls.ngo_key["AccessKeyId"], "anti-trafficking-victim-identification")
        cls.collection = unique("e2e-policy")
        for key in (cls.police_key, cls.ngo_key):
            rek = client(key)
            rek.create_collection(CollectionId=cls.collection)
            rek.index_faces(CollectionId=cls.collection, Image={"Bytes": image_bytes(1)})  # indexing is not restricted
        cls.sample1 = str(sample_photo(1))
        cls.config = Env.tmp / "aws-config-policy"
        plugin_dir = REPO_ROOT / "clients" / "aws-cli"
        version = subprocess.run([*aws_command(), "--version"], capture_output=True, text=True, check=False)
        # AWS CLI v2 loads v1-style plugins only from cli_legacy_plugin_path; v1 would try to import that line as a plugin.
        legacy = f"cli_legacy_plugin_path = {plugin_dir}\n" if (version.stdout + version.stderr).startswith("aws-cli/2") else ""
        cls.config.write_text(f"[plugins]\n{legacy}likeness = likeness_headers\n")

    @classmethod
    def run_aws(cls, key: dict, *args: str, case_id: str | None = None) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID=key["AccessKeyId"], AWS_SECRET_ACCESS_KEY=key["SecretAccessKey"],
                   AWS_CONFIG_FILE=str(cls.config), AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                   AWS_EC2_METADATA_DISABLED="true", AWS_MAX_ATTEMPTS="1",
                   PYTHONPATH=os.pathsep.join([str(REPO_ROOT / "clients" / "aws-cli"), env.get("PYTHONPATH", "")]))
        env.pop("LIKENESS_CASE_ID", None)
        if case_id:
            env["LIKENESS_CASE_ID"] = case_id
        cmd = [*aws_command(), "rekognition", *args, "--endpoint-url", Env.endpoint, "--region", REGION, "--output", "json"]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)

    def test_aws_cli_police_search_is_access_denied_naming_the_moratorium(self):
        done = self.run_aws(self.police_key, "search-faces-by-image", "--collection-id", self.collection,
                            "--image-bytes", "fileb://" + self.sample1, "--face-match-threshold", "99")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("AccessDeniedException", done.stderr)
        self.assertIn("police-moratorium-2020", done.stderr)
        self.assertIn("until further notice", done.stderr)

    def test_aws_cli_exempt_ngo_below_99_is_refused_naming_the_floor(self):
        done = self.run_aws(self.ngo_key, "search-faces-by-image", "--collection-id", self.collection,
                            "--image-bytes", "fileb://" + self.sample1, case_id="case-ngo-low")
        self.assertNotEqual(done.returncode, 0)
        self.assertIn("AccessDeniedException", done.stderr)
        self.assertIn("99", done.stderr)

    def test_aws_cli_exempt_ngo_at_99_succeeds_and_its_matches_await_review(self):
        case = unique("case-ngo")
        done = self.run_aws(self.ngo_key, "search-faces-by-image", "--collection-id", self.collection,
                            "--image-bytes", "fileb://" + self.sample1, "--face-match-threshold", "99", case_id=case)
        self.assertEqual(done.returncode, 0, done.stderr)
        matches = json.loads(done.stdout)["FaceMatches"]
        self.assertGreaterEqual(len(matches), 1)
        self.assertTrue(all(m["Similarity"] >= 99 for m in matches))
        pending = json.loads(subprocess.run(["dotnet", str(Env.cli_dll), "review", "list", "--case", case, "--data-dir", str(Env.data_dir)],
                                            capture_output=True, text=True, timeout=120, check=True).stdout)
        self.assertEqual(len(pending), len(matches))
        self.assertTrue(all(item["Status"] == "pending" for item in pending))

    def test_boto3_headers_name_the_case_and_the_response_flags_review(self):
        rek = client(self.ngo_key)
        case = unique("case-boto")
        rek.meta.events.register("before-sign.rekognition.*", lambda request, **_: request.headers.__setitem__("x-likeness-case-id", case))
        response = rek.search_faces_by_image(CollectionId=self.collection, Image={"Bytes": image_bytes(1)}, FaceMatchThreshold=99)
        headers = response["ResponseMetadata"]["HTTPHeaders"]
        self.assertEqual(headers.get("x-likeness-review-required"), "true")
        self.assertEqual(len(headers["x-likeness-review-ids"].split(",")), len(response["FaceMatches"]))

    def test_boto3_without_a_case_id_is_refused(self):
        self.assertClientError("AccessDeniedException", 400, client(self.ngo_key).search_faces_by_image,
                               CollectionId=self.collection, Image={"Bytes": image_bytes(1)}, FaceMatchThreshold=99)

    def test_the_audit_trail_is_intact_and_records_the_refusals(self):
        done = subprocess.run(["dotnet", str(Env.cli_dll), "audit-trail", "verify", "--data-dir", str(Env.data_dir)],
                              capture_output=True, text=True, timeout=120, check=False)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertIn("intact", done.stdout)
        trail = (Env.data_dir / "audit-trail.jsonl").read_text()
        self.assertIn("police-moratorium-2020", trail)
        self.assertNotIn(self.ngo_key["SecretAccessKey"], trail)


def aws_command() -> list[str]:
    found = shutil.which("aws")
    return [found] if found else [sys.executable, "-m", "awscli"]


class AwsCliTests(ServerTestCase):
    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        cls.collection = unique("e2e-cli")
        cls.aws("create-collection", "--collection-id", cls.collection)
        cls.sample1 = str(sample_photo(1))

    @classmethod
    def tearDownClass(cls) -> None:
        if hasattr(cls, "sample1"):
            cls.run_aws("delete-collection", "--collection-id", cls.collection)

    @classmethod
    def run_aws(cls, *args: str) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
        env.update(AWS_ACCESS_KEY_ID=Env.key_a["AccessKeyId"], AWS_SECRET_ACCESS_KEY=Env.key_a["SecretAccessKey"],
                   AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
                   AWS_EC2_METADATA_DISABLED="true", AWS_MAX_ATTEMPTS="1")
        cmd = [*aws_command(), "rekognition", *args, "--endpoint-url", Env.endpoint, "--region", REGION,
               "--output", "json"]
        return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)

    @classmethod
    def aws(cls, *args: str) -> dict:
        done = cls.run_aws(*args)
        if done.returncode != 0:
            raise AssertionError(f"aws rekognition {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
        return json.loads(done.stdout) if done.stdout.strip() else {}

    def test_create_and_delete_collection(self):
        name = unique("e2e-cli-tmp")
        created = self.aws("create-collection", "--collection-id", name)
        self.assertEqual(created["StatusCode"], 200)
        self.assertTrue(created["CollectionArn"].endswith("collection/" + name))
        self.assertEqual(self.aws("delete-collection", "--collection-id", name)["StatusCode"], 200)

    def test_describe_and_list_collections(self):
        described = self.aws("describe-collection", "--collection-id", self.collection)
        self.assertIn("FaceCount", described)
        self.assertIn(self.collection, self.aws("list-collections")["CollectionIds"])
        # The CLI paginates list-collections itself; a page size of 1 still lists everything.
        self.assertIn(self.collection, self.aws("list-collections", "--page-size", "1")["CollectionIds"])

    def test_index_faces_from_s3_object_and_from_file_bytes_then_list_faces(self):
        name = unique("e2e-cli-index")
        self.aws("create-collection", "--collection-id", name)
        try:
            by_s3 = self.aws("index-faces", "--collection-id", name, "--external-image-id", "s3",
                             "--image", json.dumps(S3_SAMPLE1))
            by_file = self.aws("index-faces", "--collection-id", name, "--external-image-id", "file",
                               "--image-bytes", "fileb://" + self.sample1, "--max-faces", "2",
                               "--quality-filter", "AUTO", "--detection-attributes", "ALL")
            self.assertEqual(len(by_s3["FaceRecords"]), 3)
            self.assertEqual(len(by_file["FaceRecords"]), 2)
            self.assertIn("AgeRange", by_file["FaceRecords"][0]["FaceDetail"])
            faces = self.aws("list-faces", "--collection-id", name, "--page-size", "1")["Faces"]
            self.assertEqual(len(faces), 5)
            self.assertEqual(sorted({f["ExternalImageId"] for f in faces}), ["file", "s3"])
        finally:
            self.aws("delete-collection", "--collection-id", name)

    def test_search_faces_by_image(self):
        self.aws("index-faces", "--collection-id", self.collection, "--image-bytes", "fileb://" + self.sample1)
        r = self.aws("search-faces-by-image", "--collection-id", self.collection, "--image-bytes", "fileb://" + self.sample1)
        self.assertGreaterEqual(r["FaceMatches"][0]["Similarity"], 99)
        self.assertIn("SearchedFaceBoundingBox", r)

    def test_detect_faces(self):
        r = self.aws("detect-faces", "--image-bytes", "fileb://" + self.sample1, "--attributes", "ALL")
        self.assertGreaterEqual(len(r["FaceDetails"]), 3)
        self.assertIn("Emotions", r["FaceDetails"][0])

    def test_compare_faces(self):
        r = self.aws("compare-faces", "--source-image-bytes", "fileb://" + self.sample1,
                     "--target-image-bytes", "fileb://" + self.sample1)
        self.assertGreaterEqual(max(m["Similarity"] for m in r["FaceMatches"]), 99)

    def test_describing_an_unknown_collection_fails_with_resource_not_found(self):
        done = self.run_aws("describe-collection", "--collection-id", unique("e2e-cli-missing"))
        self.assertIn(done.returncode, (254, 255), done.stderr)
        self.assertIn("ResourceNotFoundException", done.stderr)


# --------------------------------------------------------------------------------------------

def main() -> int:
    program = unittest.main(module=__name__, exit=False)
    result = program.result
    # A failing setUpModule/setUpClass is one error (an _ErrorHolder) and its tests never run.
    def in_tests(entries):
        return [e for e in entries if isinstance(e[0], unittest.TestCase)]
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    skipped = len(result.skipped)
    passed = (result.testsRun - len(in_tests(result.failures)) - len(in_tests(result.errors))
              - len(in_tests(result.skipped)) - len(result.expectedFailures) - len(result.unexpectedSuccesses))
    for line in OBSERVATIONS:
        print(f"e2e observed: {line}")
    print(f"e2e: {max(passed, 0)} passed, {failed} failed, {skipped} skipped")
    return 0 if result.wasSuccessful() and failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
