"""The one encoding of a page screenshot: what the model is sent and trajectories keep."""

from __future__ import annotations

import base64
import io
from typing import Any

from PIL import Image


def screenshot_data_url(screenshot: Any) -> str | None:
    """`data:image/jpeg;base64,...` of an RGB(A) numpy array, or None if there is none.

    JPEG (quality 85) rather than PNG: about 2 ms to encode a 1280x720 page here against
    17-26 ms, which made up most of the agent's own time per step.
    """
    if screenshot is None:
        return None

    img = Image.fromarray(screenshot)
    if img.mode != "RGB":
        img = img.convert("RGB")
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return "data:image/jpeg;base64," + base64.b64encode(buf.getvalue()).decode("ascii")
