"""The Streamlit entry script: page config, the logged-in person, language, navigation."""

import streamlit as st

from audits.accounts.access import can
from pages.a11y import improve_markup
from pages.auth import current_person, logout_form, sso_configured, unread_count
from pages.ui import adopt_language, language_switch, plain, t
from pages.upkeep import daily

st.set_page_config(page_title="mystery-audit", page_icon=":material/storefront:", layout="wide")
daily()
person = current_person()
st.session_state["person"] = person
adopt_language(person)
improve_markup()

if person is None:
    pages = [st.Page("pages/login.py", title=t("nav.login"), icon=":material/login:")]
    st.navigation(pages, position="hidden").run()
    st.stop()

language_switch()
sections: dict[str, list[st.Page]] = {}
if can(person, "fill_visits"):
    sections[t("nav.section.shopper")] = [
        st.Page("pages/shopper_home.py", title=t("nav.my_visits"), icon=":material/checklist:"),
        st.Page("pages/visit.py", title=t("nav.visit"), url_path="visit", visibility="hidden"),
    ]
review: list[st.Page] = []
if can(person, "review"):
    review.append(st.Page("pages/review.py", title=t("nav.review"), icon=":material/fact_check:"))
if can(person, "see_shoppers"):
    review.append(
        st.Page("pages/calibration.py", title=t("nav.calibration"), icon=":material/tune:")
    )
if can(person, "run_calibration"):
    review.append(st.Page("pages/exercises.py", title=t("nav.exercises"), icon=":material/groups:"))
if review:
    sections[t("nav.section.review")] = review
if can(person, "see_results"):
    sections[t("nav.section.results")] = [
        st.Page("pages/overview.py", title=t("nav.overview"), icon=":material/dashboard:"),
        st.Page("pages/rankings.py", title=t("nav.rankings"), icon=":material/leaderboard:"),
        st.Page("pages/heatmap.py", title=t("nav.heatmap"), icon=":material/grid_on:"),
        st.Page("pages/gaps.py", title=t("nav.gaps"), icon=":material/report:"),
        st.Page("pages/store.py", title=t("nav.store"), icon=":material/storefront:"),
        st.Page("pages/store_results.py", title=t("nav.results"), icon=":material/assignment:"),
    ]
    if can(person, "see_actions"):
        sections[t("nav.section.results")].append(
            st.Page("pages/actions.py", title=t("nav.actions"), icon=":material/task_alt:")
        )
    if can(person, "export_report"):
        sections[t("nav.section.results")].append(
            st.Page("pages/report.py", title=t("nav.report"), icon=":material/table_view:")
        )
if can(person, "administer"):
    sections[t("nav.section.admin")] = [
        st.Page("pages/admin_users.py", title=t("nav.users"), icon=":material/group:"),
        st.Page("pages/admin_stores.py", title=t("nav.stores"), icon=":material/store:"),
        st.Page("pages/admin_assignments.py", title=t("nav.assignments"), icon=":material/event:"),
        st.Page("pages/audit.py", title=t("nav.audit"), icon=":material/history:"),
        st.Page("pages/admin_settings.py", title=t("nav.settings"), icon=":material/settings:"),
        st.Page("pages/admin_privacy.py", title=t("nav.privacy"), icon=":material/shield_person:"),
    ]
if can(person, "see_access_log"):
    sections[t("nav.section.privacy")] = [
        st.Page("pages/access_log.py", title=t("nav.access_log"), icon=":material/policy:")
    ]
unread = unread_count(person)
sections[t("nav.section.account")] = [
    st.Page(
        "pages/notices.py",
        title=t("nav.notices", count=unread) if unread else t("nav.notices_none"),
        icon=":material/notifications:",
    ),
    st.Page("pages/account.py", title=t("nav.account"), icon=":material/person:"),
]

st.sidebar.caption(t("auth.signed_in_as", name=plain(person.full_name)))
if st.user.get("is_logged_in") and sso_configured():
    st.sidebar.button(t("auth.logout"), on_click=st.logout)
else:
    logout_form()
# Every page in view: an admin's list is long, and a collapsed one hid the admin pages.
st.navigation(sections, expanded=True).run()
