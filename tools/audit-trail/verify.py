#!/usr/bin/env python3
"""Re-verify a Likeness audit trail without Likeness (docs/AUDIT-TRAIL.md): verify.py FILE [EXPECTED_HASH]"""
import hashlib, json, sys

TAIL = len(',"previousHash":"","hash":""}') + 128  # the two 64-hex hashes end every line
sha = lambda b: hashlib.sha256(b).hexdigest()
path, anchor = sys.argv[1], (sys.argv[2].lower() if len(sys.argv) > 2 else None)
prev, seq, seen = "0" * 64, 0, {"0" * 64}
for n, line in enumerate(open(path, "rb"), 1):
    if not line.endswith(b"\n"): sys.exit(f"line {n}: partial record (an append that never completed)")
    line = line[:-1]; rec = json.loads(line); p, h = rec["previousHash"], rec["hash"]
    if line[-TAIL:] != f',"previousHash":"{p}","hash":"{h}"}}'.encode(): sys.exit(f"line {n}: not in the trail's format")
    if sha((p + sha(line[:-TAIL] + b"}")).encode()) != h: sys.exit(f"record {rec['sequence']}: hash does not match its content (changed)")
    if rec["sequence"] != seq + 1: sys.exit(f"record {rec['sequence']} follows {seq} (a record was deleted or reordered)")
    if p != prev: sys.exit(f"record {seq + 1}'s previous hash does not match record {seq}'s hash")
    prev, seq = h, seq + 1; seen.add(h)
if anchor and anchor not in seen: sys.exit(f"intact: {seq} records, but {anchor} is not in the trail (tail truncated or chain rewritten)")
print(f"intact: {seq} records, last hash {prev}")
