"""AWS CLI (v1) plugin: adds Likeness's use-policy headers to every Rekognition request.

    x-likeness-use-case  from $LIKENESS_USE_CASE  (e.g. anti-trafficking-victim-identification)
    x-likeness-case-id   from $LIKENESS_CASE_ID   (the case the request is made for)

Install: put this directory on PYTHONPATH and add to the AWS config file
    [plugins]
    likeness = likeness_headers
(AWS CLI v2: also `cli_legacy_plugin_path = /path/to/this/directory` under [plugins].)
The headers are added before signing, so they are signed. See docs/POLICY.md.
"""
import os

HEADERS = {"x-likeness-use-case": "LIKENESS_USE_CASE", "x-likeness-case-id": "LIKENESS_CASE_ID"}


def add_headers(request, **kwargs):
    for header, variable in HEADERS.items():
        value = os.environ.get(variable)
        if value:
            request.headers[header] = value


def awscli_initialize(cli):
    cli.register("before-sign.rekognition", add_headers)
