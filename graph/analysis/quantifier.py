"""The one rule that turns a share into the words of a survey note ("de meeste", "enkele").

The 2010 note says "de meeste gemeenten", "de helft van de respondenten", "geen van de
respondenten"; a note written by the tool must choose those words the same way for every
statement and every round, so the rule lives here, once, with its table:

=================  ===========================================  ============
words              when (``count`` of ``total``)                verb
=================  ===========================================  ============
geen van de        count = 0                                    singular
alle               count = total                                plural
de helft van de    share within 5 percentage points of 50%      singular
de meeste          share above 55%                              plural
één van de         count = 1                                    singular
enkele             2 or more, share below 45%                   plural
=================  ===========================================  ============

The rows are tried top to bottom. With 11 respondents:

>>> for n in range(12):
...     print(n, quantifier(n, 11).woorden)
0 geen van de
1 één van de
2 enkele
3 enkele
4 enkele
5 de helft van de
6 de helft van de
7 de meeste
8 de meeste
9 de meeste
10 de meeste
11 alle
>>> [quantifier(n, 2).woorden for n in range(3)]
['geen van de', 'de helft van de', 'alle']
>>> quantifier(6, 11).zin("respondenten", "heeft", "hebben")
'de helft van de respondenten heeft'
>>> quantifier(9, 11).zin("gemeenten", "werkt", "werken")
'de meeste gemeenten werken'
"""

from __future__ import annotations

from dataclasses import dataclass

#: How far (as a share) from exactly half still counts as "de helft".
HALF_BAND = 0.05


@dataclass(frozen=True)
class Quantifier:
    """The words before the noun and whether the verb that follows is singular."""

    woorden: str
    enkelvoud: bool

    def zin(self, noun: str, singular: str, plural: str) -> str:
        """``words noun verb``, the verb in the number Dutch asks for."""
        return f"{self.woorden} {noun} {singular if self.enkelvoud else plural}"


def quantifier(count: int, total: int) -> Quantifier:
    """The quantifier for ``count`` of ``total`` (the table in this module's docstring)."""
    if total <= 0 or not 0 <= count <= total:
        raise ValueError(f"aantal {count} van {total} is geen deel")
    share = count / total
    if count == 0:
        return Quantifier("geen van de", True)
    if count == total:
        return Quantifier("alle", False)
    if abs(share - 0.5) <= HALF_BAND:
        return Quantifier("de helft van de", True)
    if share > 0.5:
        return Quantifier("de meeste", False)
    if count == 1:
        return Quantifier("één van de", True)
    return Quantifier("enkele", False)
