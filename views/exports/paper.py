"""Paper sizes of the printable maps, apart from the drawing code, so the CLI and the app can
offer them without importing matplotlib (a second at start-up).

>>> PAPERS["A4"].pixels(True)
(2339, 1654)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Paper:
    """A page: its short side and long side in millimetres, and the PNG resolution."""

    name: str
    short_mm: float
    long_mm: float
    dpi: int
    font_pt: float

    def size_inches(self, landscape: bool) -> tuple[float, float]:
        width, height = (
            (self.long_mm, self.short_mm) if landscape else (self.short_mm, self.long_mm)
        )
        return width / 25.4, height / 25.4

    def pixels(self, landscape: bool) -> tuple[int, int]:
        """PNG size in pixels (width, height)."""
        width, height = self.size_inches(landscape)
        return round(width * self.dpi), round(height * self.dpi)


#: A4 and A3 at 200 dpi; "dia" is a 16:9 slide of 1920 x 1080 pixels, always landscape.
PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", 210.0, 297.0, 200, 7.0),
    "A3": Paper("A3", 297.0, 420.0, 200, 8.5),
    "dia": Paper("dia", 190.5, 338.667, 144, 9.0),
}
