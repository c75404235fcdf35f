"""Navigation registries: cohort tabs and home-page attention items contributed by features."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from flask import Flask
from flask_babel import format_date, format_datetime, format_time, get_locale
from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class CohortTab:
    """A tab on the cohort pages, shown to the roles named (``admin`` included where allowed)."""

    endpoint: str
    label: Any  # lazy string
    roles: frozenset[str]
    order: int = 50
    group: str = "class"


@dataclass
class AttentionItem:
    """Something on a home page that asks for action."""

    text: str
    url: str
    overdue: bool = False
    category: str = ""
    due: Any = None
    extra: dict = field(default_factory=dict)


COHORT_TABS: list[CohortTab] = []
# Cohort sections, in the order shown; a phone shows these five in one row and the chosen one's tabs below.
COHORT_GROUPS: list[tuple[str, Any]] = [
    ("class", _l("Class")),
    ("assessment", _l("Assessment")),
    ("sop", _l("SOP")),
    ("followup", _l("Follow-up")),
    ("reports", _l("Reports")),
]
ATTENTION_PROVIDERS: list[Callable[[Any], list[AttentionItem]]] = []


def register_cohort_tab(endpoint: str, label: Any, roles: set[str], order: int = 50, group: str = "class") -> None:
    """Add a tab to the cohort pages under one of ``COHORT_GROUPS`` (idempotent for repeated app creation)."""
    tab = CohortTab(endpoint, label, frozenset(roles), order, group)
    if all(t.endpoint != endpoint for t in COHORT_TABS):
        COHORT_TABS.append(tab)
        COHORT_TABS.sort(key=lambda t: t.order)


def register_attention(provider: Callable[[Any], list[AttentionItem]]) -> None:
    """Add a function ``provider(user) -> [AttentionItem]`` feeding every home page."""
    if provider not in ATTENTION_PROVIDERS:
        ATTENTION_PROVIDERS.append(provider)


def attention_for(user: Any) -> list[AttentionItem]:
    """Everything the registered features want this user to look at, overdue first."""
    items: list[AttentionItem] = []
    for provider in ATTENTION_PROVIDERS:
        items.extend(provider(user))
    return sorted(items, key=lambda i: (not i.overdue, str(i.due or "")))


def tabs_for(role: str | None) -> list[CohortTab]:
    """Tabs visible to a viewer holding ``role`` in the cohort."""
    return [t for t in COHORT_TABS if role in t.roles]


@dataclass
class TabGroup:
    """A group of cohort tabs as shown: its label, first page, tabs and whether the current page is in it."""

    key: str
    label: Any
    tabs: list[CohortTab]
    active: bool = False


def grouped_tabs(role: str | None, endpoint: str | None) -> list[TabGroup]:
    """The viewer's tabs in their groups; the group holding ``endpoint`` (or its blueprint) is active."""
    tabs = tabs_for(role)
    groups = [TabGroup(key, label, [t for t in tabs if t.group == key]) for key, label in COHORT_GROUPS]
    groups = [g for g in groups if g.tabs]
    endpoint = endpoint or ""
    current = next((g for g in groups if any(t.endpoint == endpoint for t in g.tabs)), None)
    if current is None:
        blueprint = endpoint.partition(".")[0]
        current = next((g for g in groups if any(t.endpoint.partition(".")[0] == blueprint for t in g.tabs)), None)
    if current is not None:
        current.active = True
    return groups


def init_nav(app: Flask) -> None:
    """Expose the tab registry to templates."""
    app.jinja_env.globals["cohort_tabs_for"] = tabs_for
    app.jinja_env.globals["cohort_tab_groups"] = grouped_tabs
    app.jinja_env.globals["main_nav_extra"] = main_nav_extra
    app.jinja_env.globals["current_locale"] = lambda: str(get_locale() or "id")
    # Numbers go through diklat.common.formatting's filters (half-up rounding), never Babel's format_decimal.
    app.jinja_env.filters.update(format_date=format_date, format_datetime=format_datetime, format_time=format_time)


@dataclass(frozen=True)
class MainNavItem:
    """A link in the main menu, shown when ``visible(user)`` is true."""

    endpoint: str
    label: Any
    visible: Callable[[Any], bool]
    order: int = 50


MAIN_NAV: list[MainNavItem] = []


def register_main_nav(endpoint: str, label: Any, visible: Callable[[Any], bool], order: int = 50) -> None:
    """Add a main-menu link (idempotent)."""
    if all(i.endpoint != endpoint for i in MAIN_NAV):
        MAIN_NAV.append(MainNavItem(endpoint, label, visible, order))
        MAIN_NAV.sort(key=lambda i: i.order)


def main_nav_extra() -> list[dict]:
    """Main-menu links registered by features for the signed-in user."""
    from flask import url_for
    from flask_login import current_user

    return [{"url": url_for(i.endpoint), "label": i.label} for i in MAIN_NAV if i.visible(current_user)]
