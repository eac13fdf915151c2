"""Provenance columns shared by every input file (bron, bron_type, jaar)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from graph.model import BronType, Provenance
from loaders.rows import Keyword, OptionalText, RowModel, Year


class WithProvenance(RowModel):
    """Rows that say where their facts come from; ``bron`` defaults to the file's name."""

    bron: OptionalText = Field(None, description="Bron van het gegeven (document of bestand).")
    bron_type: Annotated[BronType, Keyword] = Field(
        BronType.GEBRUIKER,
        description="referentie, enquete, voorbeeld, gebruiker of synthetisch.",
    )
    jaar: Year | None = Field(
        None, description="Jaar waarop het gegeven betrekking heeft (alleen het jaartal, 2010)."
    )

    def provenance(self, file_name: str, default_year: int | None = None) -> Provenance:
        return Provenance(
            bron=self.bron or file_name,
            bron_type=self.bron_type,
            jaar=self.jaar if self.jaar is not None else default_year,
        )
