"""The schemas a run reads: the standard ones that ship in the package, overlaid by a data
repository's own `schemas/` folder.

Precedence: a file of the overlay replaces the standard file at the same relative path
(`units.yaml`, `axes.yaml`, `concepts/income.yaml`, `rulebooks/standard-relations.yaml`); any
other file of the overlay adds to the standard ones. An id (concept, rule) defined in two of the
files in effect is an error that names both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from validator.standard import standard_schemas

MARKERS = ("units.yaml", "axes.yaml", "concepts", "rulebooks")


@dataclass(frozen=True)
class Layers:
    standard: Path
    overlay: Path | None = None

    @staticmethod
    def of(folder: Path | None) -> Layers:
        """The standard schemas, overlaid by `folder` unless it is the standard folder itself."""
        standard = standard_schemas()
        if folder is None or folder.resolve() == standard.resolve():
            return Layers(standard)
        return Layers(standard, folder)

    @property
    def folders(self) -> tuple[Path, ...]:
        return (self.standard,) if self.overlay is None else (self.standard, self.overlay)

    def file(self, relative: str) -> Path:
        """The file in effect at a relative path: the overlay's if it has one."""
        if self.overlay is not None and (self.overlay / relative).exists():
            return self.overlay / relative
        return self.standard / relative

    def files(self, folder: str) -> list[Path]:
        """The *.yaml files in effect in a sub-folder, sorted by name."""
        found = {p.name: p for p in sorted((self.standard / folder).glob("*.yaml"))}
        if self.overlay is not None:
            found |= {p.name: p for p in sorted((self.overlay / folder).glob("*.yaml"))}
        return [found[name] for name in sorted(found)]


def is_schemas_folder(folder: Path) -> bool:
    return folder.is_dir() and any((folder / m).exists() for m in MARKERS)
