"""The access log of staff figures, for admins and the works council: who looked at figures
per staff member, when, in which scope, and every change to the settings that govern them;
the settings themselves as they stand (docs/privacy.md)."""

import datetime as dt

import pandas as pd
import streamlit as st

from audits.accounts.access import STAFF_ROLES_DEFAULT
from audits.reads.staff import staff_access_log
from audits.records.settings import (
    get_staff_agreement,
    get_staff_display,
    get_staff_min_group,
    get_staff_roles,
)
from locales import fmt_date
from pages.auth import require
from pages.dash import csv_download
from pages.ui import date_format, engine, language, local_today, local_zone, plain, show_table, t

person = require("see_access_log")
lang = language()
st.title(t("access.title"))
st.caption(t("access.intro"))

with engine().connect() as conn:
    agreement = get_staff_agreement(conn)
    chosen_roles = get_staff_roles(conn)
    roles = STAFF_ROLES_DEFAULT if chosen_roles is None else chosen_roles
    display, group = get_staff_display(conn), get_staff_min_group(conn)
with st.container(border=True):
    st.markdown(f"**{t('access.settings')}**")
    if agreement is None:
        st.caption(t("settings.council_missing"))
    else:
        day = fmt_date(agreement.signed_on, lang)
        st.caption(t("settings.council_recorded", day=day, reference=plain(agreement.reference)))
    st.caption(
        t(
            "access.settings_line",
            roles=", ".join(t(f"role.{role}") for role in roles),
            display=t(f"settings.staff.{display}"),
            group=group,
        )
    )

today = local_today()
period = st.date_input(
    t("access.period"),
    value=(today - dt.timedelta(days=90), today),
    max_value=today,
    format=date_format(),
    key="access-period",
)
if not isinstance(period, tuple) or len(period) != 2:
    st.info(t("access.choose_period"))
    st.stop()
with engine().connect() as conn:
    log = staff_access_log(conn, person, period[0], period[1])
kinds = {kind: t(f"access.kind.{kind}") for kind in ("view", "report", "settings")}
chosen_kinds = st.multiselect(
    t("access.kinds"), list(kinds), default=list(kinds), format_func=kinds.get, key="access-kinds"
)
people = sorted({name for name in log["full_name"].dropna()})
chosen_people = st.multiselect(
    t("access.people"), people, key="access-people", placeholder=t("ui.choose")
)
shown = log[log["kind"].isin(chosen_kinds)]
if chosen_people:
    shown = shown[shown["full_name"].isin(chosen_people)]


def _scope(details: dict[str, object]) -> str:
    reach = details.get("scope")
    if reach == "all":
        return t("access.all_stores")
    if isinstance(reach, list):
        return ", ".join(str(store) for store in reach)
    return "–"


def _setting(key: str, value: object) -> str:
    labels = {
        "dispute_days": "settings.dispute_days",
        "staff_display": "settings.staff_display",
        "staff_min_group": "settings.staff_min_group",
        "signed_on": "settings.council_signed",
        "reference": "settings.council_reference",
        "roles": "settings.staff_roles",
        "retain_staff_months": "settings.retain_staff",
        "retain_photo_months": "settings.retain_photos",
    }
    if key == "staff_display":
        value = t(f"settings.staff.{value}")
    elif key == "roles" and isinstance(value, list):
        value = ", ".join(t(f"role.{role}") for role in value)
    elif key == "signed_on" and isinstance(value, str):
        value = fmt_date(dt.date.fromisoformat(value), lang)
    return f"{t(labels[key]) if key in labels else key}: {value}"


def _what(details: dict[str, object], kind: str, action: str) -> str:
    """What was shown or changed, in words: the period and display of a look, the new values
    of a change."""
    if kind == "settings":
        if action == "withdraw":
            return t("access.withdrawn")
        return "; ".join(_setting(key, value) for key, value in details.items()) or "–"
    period_text = details.get("period") or f"{details.get('from', '')}..{details.get('to', '')}"
    display_code = details.get("display")
    words = t(f"settings.staff.{display_code}") if display_code else "–"
    return f"{period_text} · {words}"


zone = local_zone()
table = pd.DataFrame(
    {
        "at": [
            fmt_date(pd.Timestamp(at).tz_convert(zone).to_pydatetime(), lang) for at in shown["at"]
        ],
        "person": [name if isinstance(name, str) else "–" for name in shown["full_name"]],
        "kind": [kinds.get(kind, kind) for kind in shown["kind"]],
        "scope": [_scope(details) for details in shown["details"]],
        "what": [
            _what(details, kind, action)
            for details, kind, action in zip(
                shown["details"], shown["kind"], shown["action"], strict=True
            )
        ],
    }
)
headers = {
    "at": t("access.at"),
    "person": t("access.person"),
    "kind": t("access.kind"),
    "scope": t("access.scope"),
    "what": t("access.what"),
}
st.caption(t("access.count", count=len(table)))
if table.empty:
    st.info(t("access.empty"))
else:
    show_table(table, column_config=headers, key="access-table")
    csv_download(
        table, headers, f"access-log-{period[0]:%Y%m%d}-{period[1]:%Y%m%d}.csv", "access-csv"
    )
