"""How a report's text marks the figures it takes from the records.

A section's text is plain paragraphs in which every figure drawn from the data is written
`[value|key]`: "代表们共查找出问题[14|oversight.campaign.3.problems]个". `key` names the figure in
the version's `figures` (its label and the page listing the records it counts), so the editor
links each number to its records, and a number staff type by hand (outside a token, or a token
whose value no longer matches its figure) is told apart and highlighted. The PDF prints values
only.
"""

import re
from dataclasses import dataclass

TOKEN = re.compile(r"\[([^\[\]|\n]+)\|([A-Za-z0-9_.:\-]+)\]")
DIGITS = re.compile(r"\d+(?:[.,]\d+)*%?")


def token(value, key: str) -> str:
    """The text of one figure taken from the records."""
    return f"[{value}|{key}]"


@dataclass(frozen=True)
class Piece:
    """A run of a paragraph: plain text, a figure from the records, or a number typed by hand.
    `expected` is the records' value when a figure token no longer matches it."""

    text: str
    kind: str = "text"  # "text", "figure", "typed"
    key: str = ""
    label: str = ""
    url: str = ""
    expected: str = ""


def plain(text: str) -> str:
    """The text as it prints: every token replaced by its value."""
    return TOKEN.sub(lambda match: match.group(1), text)


def refresh(text: str, figures: dict) -> str:
    """The text with each token's value set to its figure's current one; words untouched."""

    def current(match):
        figure = figures.get(match.group(2))
        return token(figure["value"], match.group(2)) if figure else match.group(0)

    return TOKEN.sub(current, text)


def _typed_pieces(text: str) -> list[Piece]:
    pieces, last = [], 0
    for match in DIGITS.finditer(text):
        if match.start() > last:
            pieces.append(Piece(text[last : match.start()]))
        pieces.append(Piece(match.group(0), kind="typed"))
        last = match.end()
    if last < len(text):
        pieces.append(Piece(text[last:]))
    return pieces


def pieces(text: str, figures: dict) -> list[Piece]:
    """A paragraph split into plain text, figures (with their label and records page) and
    numbers typed by hand."""
    result, last = [], 0
    for match in TOKEN.finditer(text):
        if match.start() > last:
            result += _typed_pieces(text[last : match.start()])
        value, key = match.group(1), match.group(2)
        figure = figures.get(key)
        if figure is None:
            result.append(Piece(value, kind="typed", key=key))
        else:
            expected = "" if str(figure["value"]) == value else str(figure["value"])
            result.append(
                Piece(
                    value,
                    kind="typed" if expected else "figure",
                    key=key,
                    label=figure.get("label", ""),
                    url=figure.get("url", ""),
                    expected=expected,
                )
            )
        last = match.end()
    if last < len(text):
        result += _typed_pieces(text[last:])
    return result


def typed_numbers(text: str, figures: dict) -> list[str]:
    """The numbers in `text` that do not come from the records: what the editor highlights."""
    return [piece.text for piece in pieces(text, figures) if piece.kind == "typed"]


def paragraphs(text: str) -> list[str]:
    """A section's paragraphs: one per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]
