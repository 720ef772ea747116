"""The theme's colours: every text/background pair at least 4.5:1, focus ring and control borders at least 3:1."""

import re
from pathlib import Path

import pytest
from django.conf import settings

THEME = Path(settings.BASE_DIR) / "static" / "css" / "theme.css"


def palette():
    css = THEME.read_text(encoding="utf-8")
    return dict(re.findall(r"--(kb-[a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\b", css)) | {"white": "#ffffff"}


def luminance(hex_colour):
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first, second):
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


TEXT_PAIRS = [
    ("kb-ink", "white"),
    ("kb-ink", "kb-mist"),
    ("kb-ink", "kb-accent"),
    ("kb-ink", "kb-focus"),  # focused link text on its yellow background
    ("kb-ink-soft", "white"),
    ("kb-ink-soft", "kb-mist"),
    ("kb-link", "white"),
    ("kb-link", "kb-mist"),
    ("kb-link-visited", "white"),
    ("white", "kb-petrol"),  # header text, primary buttons
    ("white", "kb-petrol-dark"),  # main menu, hovered buttons
    ("kb-petrol", "white"),  # secondary buttons
    ("kb-petrol", "kb-mist"),  # key figures
]
NON_TEXT_PAIRS = [
    ("kb-ink", "white"),  # focus outline on the page
    ("kb-focus", "kb-petrol"),  # focus halo in the header
    ("kb-focus", "kb-petrol-dark"),
    ("kb-line", "white"),  # borders of text boxes and checkboxes
]


@pytest.mark.parametrize("foreground, background", TEXT_PAIRS)
def test_text_colours_have_at_least_4_5_to_1_contrast(foreground, background):
    colours = palette()
    assert contrast(colours[foreground], colours[background]) >= 4.5


@pytest.mark.parametrize("foreground, background", NON_TEXT_PAIRS)
def test_focus_ring_and_control_borders_have_at_least_3_to_1_contrast(foreground, background):
    colours = palette()
    assert contrast(colours[foreground], colours[background]) >= 3.0
