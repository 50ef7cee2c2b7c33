"""Where elements sit relative to the viewport, from browsergym's element boxes.

browsergym's observation carries `extra_element_properties`: per bid a `bbox`
([x, y, width, height] in viewport coordinates: y < 0 is above what is shown, y beyond
the viewport's height below it) and a `visibility`. The summary uses this to show the
page around the viewport and to say how far to scroll for what it leaves out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: browsergym's default viewport height, when the observation carries no screenshot
DEFAULT_HEIGHT = 720


@dataclass(frozen=True)
class Viewport:
    """Element boxes by bid and the viewport's height (pixels)."""

    boxes: dict[str, tuple[float, float]]  # bid -> (top, bottom), viewport coordinates
    height: float = DEFAULT_HEIGHT

    @classmethod
    def of(cls, obs: dict[str, Any] | None) -> Viewport | None:
        """The viewport of a browsergym observation, or None when it has no boxes."""
        extra = (obs or {}).get("extra_element_properties") or {}
        boxes: dict[str, tuple[float, float]] = {}
        for bid, props in extra.items():
            box = (props or {}).get("bbox")
            if box and len(box) == 4 and (box[2] or box[3]):
                boxes[str(bid)] = (float(box[1]), float(box[1]) + float(box[3]))
        if not boxes:
            return None
        return cls(boxes, float(_height(obs) or DEFAULT_HEIGHT))

    def distance(self, span: tuple[float, float] | None) -> float:
        """Pixels between `span` and the viewport: 0 when it shows, < 0 above, > 0 below."""
        if span is None:
            return 0.0
        top, bottom = span
        if top >= self.height:
            return top - self.height + 1
        if bottom <= 0 and top < 0:
            return bottom - 1 if bottom < 0 else -1.0
        return 0.0

    def scroll_to(self, top: float) -> int:
        """The `scroll(0, dy)` that brings a span starting at `top` near the top of view."""
        dy = int((top - 80) // 100 * 100)
        return dy if dy else (100 if top > 0 else -100)


def _height(obs: dict[str, Any] | None) -> int | None:
    shot = (obs or {}).get("screenshot")
    shape = getattr(shot, "shape", None)
    if shape is not None and len(shape) >= 2:
        return int(shape[0])
    size = (obs or {}).get("viewport")
    if isinstance(size, (list, tuple)) and size:
        return int(size[0])
    return None
