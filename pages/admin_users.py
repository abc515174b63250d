"""Admin: accounts, their roles and scopes; disable, enable, set a new password."""

import streamlit as st

from audits.accounts.access import grants, needs_regions, needs_stores, scope_for
from audits.accounts.passwords import MIN_LENGTH, PasswordTooWeak
from audits.accounts.people import (
    add_person,
    change_scopes,
    get_person,
    people_frame,
    set_active,
    set_password,
)
from audits.importers import ImportRejected, import_users
from audits.importers import users as users_import
from audits.importers.headers import header, template
from audits.importers.result import Problem
from audits.importers.uploads import MAX_SHEET_BYTES, SHEET_SUFFIXES, import_upload
from audits.importers.users import check_user
from audits.reads.directory import store_directory
from audits.records.db import transaction
from audits.records.stores import list_regions
from audits.records.tables import LANGUAGES, ROLES
from pages.auth import require
from pages.ui import LANGUAGE_NAMES, engine, language, password_refused, plain, show_table, t

admin = require("administer")
st.title(t("admin.users.title"))
with engine().connect() as conn:
    people = people_frame(conn, admin)
    regions = {region.id: region.name for region in list_regions(conn)}
    stores = store_directory(conn, scope_for(conn, admin, "administer"))
store_names = dict(zip(stores["store_id"], stores["store_id"] + " " + stores["name"], strict=True))

shown = people.drop(columns=["id"]).assign(
    roles=people["roles"].map(
        lambda roles: ", ".join(t(f"role.{role}") for role in roles.split(";") if role)
    ),
    regions=people["regions"].map(
        lambda ids: ", ".join(regions.get(i, i) for i in ids.split(";") if i)
    ),
    stores=people["stores"].str.replace(";", ", "),
)
show_table(
    shown,
    column_config={
        "username": t("admin.users.username"),
        "full_name": t("admin.users.full_name"),
        "email": t("admin.users.email"),
        "language": t("admin.users.language"),
        "active": t("col.active"),
        "roles": t("admin.users.roles"),
        "regions": t("admin.users.regions"),
        "stores": t("admin.users.stores"),
    },
)


def _scope_inputs(prefix: str, roles=(), chosen_regions=(), chosen_stores=()) -> tuple:
    """Roles, regions and stores; the person's current ones are filled in the first time."""
    fields = (
        ("roles", ROLES, roles, {r: t(f"role.{r}") for r in ROLES}.__getitem__, None),
        ("regions", list(regions), chosen_regions, regions.get, "admin.users.regions_help"),
        ("stores", list(store_names), chosen_stores, store_names.get, "admin.users.stores_help"),
    )
    picked = []
    for name, options, current, label_of, help_key in fields:
        key = f"{prefix}-{name}"
        # Seeded through the state, not `default`, so a choice is never reset by a rerun.
        st.session_state.setdefault(key, list(current))
        picked.append(
            st.multiselect(
                t(f"admin.users.{name}"),
                options,
                format_func=label_of,
                key=key,
                help=t(help_key) if help_key else None,
                placeholder=t("ui.choose"),
            )
        )
    return tuple(picked)


# The user form's own wording for the problems it meets most; the rest as the importer's codes.
_USER_TEXTS = {
    ("username", "taken"): "admin.users.taken",
    ("username", "username"): "admin.users.bad_username",
    ("username", "empty"): "admin.users.need_name",
    ("full_name", "empty"): "admin.users.need_name",
    ("roles", "empty"): "admin.users.need_role",
    ("regions", "need_region"): "admin.users.need_region",
    ("stores", "need_store"): "admin.users.need_store",
}


def _user_problem(problem: Problem) -> str:
    key = _USER_TEXTS.get((problem.field or "", problem.code or ""))
    if key is not None:
        return t(key, username=plain(problem.params.get("value", "")))
    if problem.code is None or problem.field is None:
        return plain(problem.message)
    params = {name: plain(value) for name, value in problem.params.items()}
    return t(f"import.error.{problem.code}", field=t(f"admin.users.{problem.field}"), **params)


def _scope_problem(roles, picked_regions, picked_stores) -> str | None:
    if not roles:
        return t("admin.users.need_role")
    if needs_regions(roles) and not picked_regions:
        return t("admin.users.need_region")
    if needs_stores(roles) and not picked_stores:
        return t("admin.users.need_store")
    return None


tab_new, tab_edit, tab_upload = st.tabs(
    [t("admin.users.new"), t("admin.users.edit"), t("admin.users.upload")]
)
with tab_new, st.form("new-user", clear_on_submit=False):
    username = st.text_input(t("admin.users.username"), max_chars=100)
    full_name = st.text_input(t("admin.users.full_name"), max_chars=200)
    email = st.text_input(t("admin.users.email"), max_chars=320)
    lang = st.selectbox(
        t("admin.users.language"), LANGUAGES, format_func=LANGUAGE_NAMES.__getitem__
    )
    roles, picked_regions, picked_stores = _scope_inputs("new")
    password = st.text_input(
        t("admin.users.password", min=MIN_LENGTH),
        type="password",
        help=t("admin.users.password_help"),
    )
    if st.form_submit_button(t("admin.users.create"), type="primary"):
        # The same row checks as a users file (audits/importers/users.py), so the form and
        # the upload cannot disagree on what an account needs.
        cells = {
            "username": username,
            "full_name": full_name,
            "email": email,
            "language": lang,
            "roles": ";".join(roles),
            "regions": ";".join(regions[region] for region in picked_regions),
            "stores": ";".join(picked_stores),
        }
        try:
            with transaction(engine()) as conn:
                values = check_user(conn, cells)
                add_person(
                    conn,
                    values["username"],
                    values["full_name"],
                    values["roles"],
                    email=values["email"],
                    language=values["language"],
                    regions=values["regions"],
                    stores=values["stores"],
                    password=password or None,
                    by=admin.id,
                )
            st.success(t("admin.users.created", username=plain(values["username"])))
            if not password:
                st.warning(t("admin.users.no_password"))
        except ImportRejected as refused:
            lines = [_user_problem(problem) for problem in refused.problems]
            st.error("  \n".join(dict.fromkeys(lines)))
        except PasswordTooWeak as error:
            st.error(password_refused(error))

with tab_edit:
    chosen = st.selectbox(
        t("admin.users.choose"), list(people["username"]), index=None, placeholder=t("ui.choose")
    )
    if chosen:
        with engine().connect() as conn:
            target = get_person(conn, chosen)
        if target is not None:
            with st.form(f"edit-{target.id}"):
                roles, picked_regions, picked_stores = _scope_inputs(
                    f"edit-{target.id}", target.roles, target.regions, target.stores
                )
                if st.form_submit_button(t("admin.users.save_scopes"), type="primary"):
                    problem = _scope_problem(roles, picked_regions, picked_stores)
                    if problem:
                        st.error(problem)
                    elif target.id == admin.id and not grants(roles, "administer"):
                        st.error(t("admin.users.keep_own_admin"))
                    else:
                        with transaction(engine()) as conn:
                            change_scopes(
                                conn,
                                target.id,
                                roles,
                                picked_regions,
                                picked_stores,
                                by=admin.id,
                            )
                        st.success(t("admin.users.saved"))
            with st.form(f"password-{target.id}", clear_on_submit=True):
                new_password = st.text_input(
                    t("admin.users.password", min=MIN_LENGTH), type="password"
                )
                if st.form_submit_button(t("admin.users.reset")):
                    try:
                        with transaction(engine()) as conn:
                            set_password(conn, target.username, new_password, by=admin.id)
                        st.success(t("admin.users.reset_done"))
                    except PasswordTooWeak as error:
                        st.error(password_refused(error))
            if target.active:
                if target.id == admin.id:
                    st.caption(t("admin.users.not_self"))
                elif st.button(t("admin.users.disable"), key=f"disable-{target.id}"):
                    with transaction(engine()) as conn:
                        set_active(conn, target.username, False, by=admin.id)
                    st.success(t("admin.users.disabled"))
            elif st.button(t("admin.users.enable"), key=f"enable-{target.id}"):
                with transaction(engine()) as conn:
                    set_active(conn, target.username, True, by=admin.id)
                st.success(t("admin.users.enabled"))

with tab_upload:
    lang = language()
    st.caption(
        t(
            "admin.users.columns",
            required=", ".join(header(column, lang) for column in users_import.REQUIRED),
        )
    )
    st.download_button(
        t("admin.stores.template"),
        data=template(users_import.REQUIRED, lang),
        file_name=t("admin.users.template_file"),
        mime="text/csv",
        key="template-users",
    )
    upload = st.file_uploader(
        t("admin.stores.file"),
        type=[suffix.lstrip(".") for suffix in SHEET_SUFFIXES],
        key="upload-users",
        max_upload_size=MAX_SHEET_BYTES // (1024 * 1024),
    )
    if upload is not None and st.button(t("admin.stores.import"), key="import-users"):
        try:
            result = import_upload(engine(), import_users, upload.name, upload.getvalue(), admin.id)
            st.success(
                t(
                    "admin.stores.imported",
                    added=result.added,
                    updated=result.updated,
                    unchanged=result.unchanged,
                )
            )
        except ImportRejected as rejected:
            st.error(t("admin.stores.rejected", count=len(rejected.errors)))
            st.code("\n".join(rejected.errors), language=None)
