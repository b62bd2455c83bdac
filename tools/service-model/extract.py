"""Writes src/Likeness.Server/Protocol/rekognition-model.json: the shapes of the operations Likeness
serves, cut from botocore's rekognition/2016-06-27/service-2.json (Apache-2.0, (c) Amazon.com, Inc.),
with documentation stripped. Run: python3 tools/service-model/extract.py (needs botocore)."""
import gzip, json, os, sys
import botocore

OPERATIONS = [
    "DetectFaces", "CompareFaces",
    "CreateCollection", "DescribeCollection", "ListCollections", "DeleteCollection",
    "IndexFaces", "ListFaces", "DeleteFaces", "SearchFaces", "SearchFacesByImage",
    "CreateUser", "DeleteUser", "ListUsers", "AssociateFaces", "DisassociateFaces", "SearchUsers", "SearchUsersByImage",
]
KEEP = {"type", "members", "member", "key", "value", "required", "min", "max", "pattern", "enum", "box"}

data = os.path.join(os.path.dirname(botocore.__file__), "data", "rekognition", "2016-06-27")
path = os.path.join(data, "service-2.json.gz")
model = json.load(gzip.open(path)) if os.path.exists(path) else json.load(open(os.path.join(data, "service-2.json")))
shapes, out = model["shapes"], {}

def visit(name):
    if name in out:
        return
    shape = {k: v for k, v in shapes[name].items() if k in KEEP}
    if "members" in shape:
        shape["members"] = {m: {"shape": v["shape"]} for m, v in shape["members"].items()}
    out[name] = shape
    for m in shape.get("members", {}).values():
        visit(m["shape"])
    for k in ("member", "key", "value"):
        if k in shape:
            visit(shape[k]["shape"])

ops = {}
for op in OPERATIONS:
    o = model["operations"][op]
    visit(o["input"]["shape"]); visit(o["output"]["shape"])
    ops[op] = {"input": o["input"]["shape"], "output": o["output"]["shape"], "errors": [e["shape"] for e in o.get("errors", [])]}

result = {"source": f"botocore {botocore.__version__} rekognition/2016-06-27/service-2.json (Apache-2.0)", "metadata": {k: model["metadata"][k] for k in ("apiVersion", "jsonVersion", "protocol", "targetPrefix", "signatureVersion") if k in model["metadata"]}, "operations": ops, "shapes": dict(sorted(out.items()))}
target = os.path.join(os.path.dirname(__file__), "..", "..", "src", "Likeness.Server", "Protocol", "rekognition-model.json")
with open(target, "w") as f:
    json.dump(result, f, indent=1, sort_keys=False)
    f.write("\n")
print(f"wrote {os.path.normpath(target)}: {len(ops)} operations, {len(out)} shapes")
