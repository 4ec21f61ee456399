"""Options shared by the commands of `validate`, declared once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from validator.cli.terminal import COLOR_CHOICES
from validator.report.select import CATEGORIES, KINDS, Selection

F = Callable[..., Any]


class CommaList(click.ParamType):
    """`a,b` or a repeated option; each item must be one of `choices` (when given)."""

    name = "list"

    def __init__(self, choices: tuple[str, ...] = ()) -> None:
        self.choices = choices

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None):
        if isinstance(value, tuple):
            return value
        items = tuple(x.strip() for x in str(value).split(",") if x.strip())
        bad = [x for x in items if self.choices and x not in self.choices]
        if bad:
            self.fail(f"{', '.join(bad)}: expected {', '.join(self.choices)}", param, ctx)
        return items


def paths_argument(f: F) -> F:
    return click.argument("paths", nargs=-1, type=click.Path(path_type=Path))(f)


def schemas_option(f: F) -> F:
    return click.option(
        "--schemas",
        type=click.Path(path_type=Path, file_okay=False),
        help="A schemas folder (concepts/, units.yaml, axes.yaml, rulebooks/) overlaying the "
        "standard ones in the package (default: the nearest schemas/ above PATH).",
    )(f)


def color_option(f: F) -> F:
    return click.option(
        "--color",
        type=click.Choice(COLOR_CHOICES),
        default="auto",
        show_default=True,
        help="Text format: colour by verdict (auto: on a terminal, not under NO_COLOR).",
    )(f)


def filter_options(f: F) -> F:
    """`--only`, `--kind`, `--document`: what the report lists, in every format."""
    f = click.option(
        "--document",
        "documents",
        multiple=True,
        type=CommaList(),
        metavar="ID[,ID…]",
        help="Only the checks of these documents (their ids, as in document.yaml).",
    )(f)
    f = click.option(
        "--kind",
        "kinds",
        multiple=True,
        type=CommaList(KINDS),
        metavar="KIND[,KIND…]",
        help=f"Only the checks of these kinds: {', '.join(KINDS)}.",
    )(f)
    return click.option(
        "--only",
        multiple=True,
        type=CommaList(CATEGORIES),
        metavar="OUTCOME[,OUTCOME…]",
        help=f"List only these outcomes: {', '.join(CATEGORIES)}. "
        "The exit code is still the whole run's.",
    )(f)


def selection(only: tuple, kinds: tuple, documents: tuple) -> Selection:
    def flat(values: tuple) -> frozenset[str]:
        return frozenset(x for v in values for x in v)

    return Selection(flat(only), flat(kinds), flat(documents))


def exclusive_text_options(verbose: bool, quiet: bool) -> None:
    if verbose and quiet:
        raise click.UsageError("--quiet and --verbose contradict each other: choose one")
