"""The trajectory format's version, and how request messages are stored and restored.

A request is stored as sent, except for two kinds of part kept out of the JSONL line:
- an image part's data URL becomes `{"$image": FILE | null, "sha256": H, "mime": M}`, the
  image's bytes going, once per episode, to `FILE` (relative to the trajectory's folder;
  null when screenshots are not kept);
- a system message's text becomes `{"$text": ID}`, the text going once per episode to a
  `{"type": "text", "id": ID, "text": ...}` line written before the first step using it.
`unpack` puts both back, giving the request byte for byte (the data URL is rebuilt from
the very bytes that were sent).
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: 1: actions and counters only (before full step records); 2: what the policy saw and said
SCHEMA = 2
DATA_URL = "data:{mime};base64,"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Packer:
    """Packs one episode's requests: images to files (each once), system texts to lines."""

    def __init__(self, shots_dir: Path, keep_images: bool) -> None:
        self.shots_dir = shots_dir
        self.keep_images = keep_images
        self.images: dict[str, str | None] = {}  # sha256 -> file (relative) or None
        self.texts: set[str] = set()
        self.new_texts: list[dict[str, str]] = []  # text lines to write before the step
        self.step_images: list[dict[str, Any]] = []  # image refs packed for the current step

    def begin_step(self) -> None:
        self.new_texts, self.step_images = [], []

    def image(self, data: bytes, mime: str = "image/jpeg") -> dict[str, Any]:
        """A reference to `data`, written to a file the first time it is seen."""
        sha = digest(data)
        if sha not in self.images:
            name = None
            if self.keep_images:
                self.shots_dir.mkdir(parents=True, exist_ok=True)
                ext = mime.rsplit("/", 1)[-1].replace("jpeg", "jpg")
                path = self.shots_dir / f"{sha[:16]}.{ext}"
                path.write_bytes(data)
                name = f"{self.shots_dir.name}/{path.name}"
            self.images[sha] = name
        ref = {"$image": self.images[sha], "sha256": sha, "mime": mime}
        self.step_images.append(ref)
        return ref

    def text(self, text: str) -> dict[str, str]:
        tid = digest(text.encode("utf-8"))[:16]
        if tid not in self.texts:
            self.texts.add(tid)
            self.new_texts.append({"type": "text", "id": tid, "text": text})
        return {"$text": tid}

    def messages(self, messages: Any) -> list[dict[str, Any]]:
        return [self._message(m) for m in messages]

    def _message(self, msg: dict[str, Any]) -> dict[str, Any]:
        content = msg.get("content")
        if msg.get("role") == "system" and isinstance(content, str):
            return {**msg, "content": self.text(content)}
        if isinstance(content, list):
            return {**msg, "content": [self._part(p) for p in content]}
        return dict(msg)

    def _part(self, part: Any) -> Any:
        url = (part.get("image_url") or {}).get("url") if isinstance(part, dict) else None
        if not isinstance(url, str) or not url.startswith("data:") or ";base64," not in url:
            return part
        head, b64 = url.split(";base64,", 1)
        ref = self.image(base64.b64decode(b64), head[len("data:"):])
        return {**part, "image_url": {**part["image_url"], "url": ref}}


def unpack(messages: list[dict[str, Any]], texts: dict[str, str],
           image: Callable[[dict[str, Any]], bytes] | None = None, *,
           drop_images: bool = False) -> list[dict[str, Any]]:
    """The request as it was sent; `image(ref)` gives an image reference's bytes (None:
    image parts keep their references; `drop_images`: they are left out)."""
    out = []
    for msg in messages:
        content = msg.get("content")
        if isinstance(content, dict) and "$text" in content:
            msg = {**msg, "content": texts[content["$text"]]}
        elif isinstance(content, list):
            parts = [p for p in content if not (drop_images and is_image_part(p))]
            msg = {**msg, "content": [_unpack_part(p, image) for p in parts]}
        out.append(msg)
    return out


def _unpack_part(part: Any, image: Callable[[dict[str, Any]], bytes] | None) -> Any:
    url = (part.get("image_url") or {}).get("url") if isinstance(part, dict) else None
    if not isinstance(url, dict) or image is None:
        return part
    data = base64.b64encode(image(url)).decode("ascii")
    return {**part, "image_url": {**part["image_url"],
                                  "url": DATA_URL.format(mime=url["mime"]) + data}}


def is_image_part(part: Any) -> bool:
    return isinstance(part, dict) and part.get("type") == "image_url"
