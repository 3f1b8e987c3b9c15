"""The sections each app adds to an organisation's public portal page."""

from dataclasses import dataclass


@dataclass(frozen=True)
class PortalSection:
    key: str
    title: str
    description: str
    url_name: str
    order: int = 100


_sections: dict[str, PortalSection] = {}


def register_section(section: PortalSection) -> None:
    _sections[section.key] = section


def sections() -> list[PortalSection]:
    return sorted(_sections.values(), key=lambda s: s.order)
