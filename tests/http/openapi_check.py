"""Holds responses to the OpenAPI description the service serves.

`OpenApiCheck(base_url, document)` resolves the document's references the way an integrator's
tool does: relative to the URL it was fetched from, fetching the JSON Schemas from the service
itself. `check(method, path, status, headers, body)` returns the list of ways a response departs
from the description: undocumented path, method, status or media type, a missing or malformed
header, a body the schema rejects (for application/x-ndjson, each line).
"""
import json
import re
import urllib.request

import jsonschema

Validator = jsonschema.Draft202012Validator


class OpenApiCheck:
    def __init__(self, base_url, document):
        self.document = document
        self.base_url = base_url
        self.fetched = {}
        self.resolver = jsonschema.RefResolver(base_url + "/v1/openapi.json", document,
                                               handlers={"http": self._fetch})
        self.paths = [(re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", template) + "$"), template)
                      for template in document["paths"]]

    def _fetch(self, url):
        # A fetched schema is also filed under its $id, which its own "#/$defs/..." references use.
        with urllib.request.urlopen(url) as response:
            schema = json.loads(response.read())
        self.fetched[url] = schema
        if "$id" in schema:
            self.resolver.store[schema["$id"]] = schema
        return schema

    def _resolve(self, node):
        while "$ref" in node and node["$ref"].startswith("#/"):
            node = self.resolver.resolve(node["$ref"])[1]
        return node

    def _errors(self, schema, value, where):
        validator = Validator(schema, resolver=self.resolver, format_checker=Validator.FORMAT_CHECKER)
        return [f"{where}: /{'/'.join(str(p) for p in error.absolute_path)}: {error.message[:200]}"
                for error in validator.iter_errors(value)]

    def operation(self, method, path):
        for pattern, template in self.paths:
            if pattern.match(path):
                item = self.document["paths"][template]
                key = "get" if method == "HEAD" else method.lower()
                return template, item.get(key)
        return None, None

    def check(self, method, path, status, headers, body):
        template, operation = self.operation(method, path.split("?")[0])
        where = f"{method} {path} -> {status}"
        if template is None:
            # Only problem documents may answer a path the description does not have.
            if status not in (400, 401, 404, 405, 413, 414):
                return [f"{where}: undocumented path"]
            return self._errors({"$ref": "#/components/schemas/Problem"}, json.loads(body), where)
        if operation is None:
            if status not in (400, 401, 405, 413):
                return [f"{where}: undocumented method"]
            response = self._resolve({"$ref": "#/components/responses/MethodNotAllowed"}) if status == 405 else \
                self._resolve({"$ref": "#/components/responses/BadRequest"})
        else:
            response = operation["responses"].get(str(status))
            if response is None:
                return [f"{where}: status {status} is not documented for {method.lower()} {template}"]
            response = self._resolve(response)
        problems = []
        lowered = {name.lower(): value for name, value in headers.items()}
        for name, header in response.get("headers", {}).items():
            header = self._resolve(header)
            value = lowered.get(name.lower())
            if value is None:
                if header.get("required"):
                    problems.append(f"{where}: header {name} missing")
                continue
            problems += self._errors(header["schema"], value, f"{where}: header {name}")
        content = response.get("content", {})
        media_type = lowered.get("content-type", "").split(";")[0].strip()
        if method == "HEAD" or (not content and not body):
            return problems
        if media_type not in content:
            return problems + [f"{where}: media type {media_type!r} not documented ({', '.join(content)})"]
        schema = content[media_type]["schema"]
        if media_type in ("text/plain", "text/html", "text/css", "text/javascript", "text/calendar"):
            return problems + self._errors(schema, body.decode("utf-8"), where)
        if media_type == "application/x-ndjson":
            for number, line in enumerate(body.decode("utf-8").splitlines(), 1):
                problems += self._errors(schema, json.loads(line), f"{where}: line {number}")
            return problems
        return problems + self._errors(schema, json.loads(body), where)
