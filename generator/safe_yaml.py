"""YAML written by users (front matter, `annals.yml`), read safely and in bounded time and memory.

Safe tags only (no Python objects), no aliases (a few lines of `*name` can stand for billions
of values; no field of Annals needs one), at most MAX_DEPTH levels of nesting (deeper input
exhausted the composer's recursion), and dates left as text so that an impossible date is
reported, not raised.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 40


class Refused(yaml.YAMLError):
    """Input the loader will not read; its message says why."""


class BoundedLoader(yaml.SafeLoader):
    _depth = 0

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise Refused(f"YAML aliases (*name) are not read (line {mark.line + 1})")
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise Refused(f"nested more than {MAX_DEPTH} levels deep")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


BoundedLoader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load(text: str) -> Any:
    """The data in `text`; yaml.YAMLError (Refused among them) when it cannot or may not be read."""
    return yaml.load(text, Loader=BoundedLoader)  # noqa: S506 - a SafeLoader subclass
