"""Quản trị tài khoản: the accounts (no hashes), adding one, changing one, and the audit trail (filterable,
downloadable). Only the quan_tri role reaches the page; data_access refuses the changes for any other role too."""

from datetime import date, timedelta

import streamlit as st

from data_access.accounts.store import ROLES, add_account, set_disabled, set_password, set_role
from data_access.store.engine import writing
from metrics.territory import units_in_force
from texts import labels as L
from texts import messages as M
from texts.fmt import fmt_datetime
from ui import data
from ui.auth import account, client_address
from ui.guard import section
from ui.tables import Col, show_table

st.title(L.PAGE_ADMIN)
st.caption(L.ADMIN_INTRO)
actor, address = account(), client_address()
if data.read_only():  # the changes below are refused by the database layer too (ReadOnlyDatabase)
    st.warning(M.DATABASE_READ_ONLY)
if "admin_flash" in st.session_state:
    st.success(st.session_state.pop("admin_flash"))
source = data.source(None, actor)
agencies = data.reference(source, "agencies")
communes = units_in_force(data.reference(source, "units"), date.today())
communes = communes.loc[communes["code"].notna()]
agency_names = sorted(agencies["name"].tolist())
commune_names = dict(zip(communes["code"], communes["name"], strict=True))


def _done(message: str) -> None:
    st.session_state["admin_flash"] = message
    st.rerun()


with section("admin-accounts"):
    st.subheader(L.ADMIN_ACCOUNTS)
    listed = data.accounts()
    show_table(listed.assign(role=listed["role"].map(L.ROLE_NAMES),
                             disabled=listed["disabled"].map({True: L.ADMIN_DISABLED, False: ""})),
               [Col("username", L.ADMIN_COLUMNS["username"]), Col("role", L.ADMIN_COLUMNS["role"]),
                Col("agency", L.ADMIN_COLUMNS["agency"]), Col("commune", L.ADMIN_COLUMNS["commune"]),
                Col("email", L.ADMIN_COLUMNS["email"]), Col("disabled", L.ADMIN_COLUMNS["disabled"]),
                Col("created_at", L.ADMIN_COLUMNS["created_at"], fmt_datetime)], key="admin_accounts")

with section("admin-add"), st.expander(L.ADMIN_ADD), st.form("admin_add", clear_on_submit=True):
    left, right = st.columns(2)
    username = left.text_input(L.ADMIN_COLUMNS["username"], key="admin_add_name")
    role = right.selectbox(L.ADMIN_COLUMNS["role"], list(ROLES), format_func=L.ROLE_NAMES.get, key="admin_add_role")
    agency = left.selectbox(L.ADMIN_AGENCY_FOR, agency_names, index=None, placeholder=L.ADMIN_NONE,
                            key="admin_add_agency")
    commune = right.selectbox(L.ADMIN_COMMUNE_FOR, list(commune_names), index=None, placeholder=L.ADMIN_NONE,
                              format_func=commune_names.get, key="admin_add_commune")
    email = left.text_input(L.ADMIN_COLUMNS["email"], key="admin_add_email")
    password = right.text_input(L.SIGN_IN_PASSWORD, type="password", key="admin_add_password")
    if st.form_submit_button(L.ADMIN_ADD_SAVE):
        with writing(data.engine()) as conn:
            add_account(conn, username, role, password, agency=agency, commune=commune, email=email, actor=actor,
                        address=address)
        _done(L.ADMIN_ADDED.format(name=username))

with section("admin-change"), st.expander(L.ADMIN_CHANGE), st.form("admin_change", clear_on_submit=True):
    left, right = st.columns(2)
    who = left.selectbox(L.ADMIN_COLUMNS["username"], listed["username"].tolist(), key="admin_change_name")
    what = right.selectbox(L.ADMIN_ACTION, list(L.ADMIN_ACTIONS), format_func=L.ADMIN_ACTIONS.get,
                           key="admin_change_action")
    new_password = left.text_input(L.ADMIN_NEW_PASSWORD, type="password", key="admin_change_password")
    new_role = right.selectbox(L.ADMIN_NEW_ROLE, list(ROLES), format_func=L.ROLE_NAMES.get, key="admin_change_role")
    agency = left.selectbox(L.ADMIN_AGENCY_FOR, agency_names, index=None, placeholder=L.ADMIN_NONE,
                            key="admin_change_agency")
    commune = right.selectbox(L.ADMIN_COMMUNE_FOR, list(commune_names), index=None, placeholder=L.ADMIN_NONE,
                              format_func=commune_names.get, key="admin_change_commune")
    if st.form_submit_button(L.ADMIN_CHANGE_SAVE) and who:
        with writing(data.engine()) as conn:
            if what == "password":
                set_password(conn, who, new_password, actor=actor, address=address)
            elif what in ("disable", "enable"):
                set_disabled(conn, who, what == "disable", actor=actor, address=address)
            else:
                set_role(conn, who, new_role, agency=agency, commune=commune, actor=actor, address=address)
        _done(L.ADMIN_CHANGED.format(name=who))

with section("admin-audit"):
    st.subheader(L.ADMIN_AUDIT)
    left, middle, right = st.columns(3)
    since = left.date_input(L.ADMIN_AUDIT_SINCE, value=date.today() - timedelta(days=30), format="DD/MM/YYYY",
                            key="audit_since")
    who = middle.selectbox(L.ADMIN_COLUMNS["username"], listed["username"].tolist(), index=None,
                           placeholder=L.SIDEBAR_ALL, key="audit_account")
    action = right.selectbox(L.ADMIN_ACTION, list(L.AUDIT_ACTIONS), index=None, placeholder=L.SIDEBAR_ALL,
                             format_func=L.AUDIT_ACTIONS.get, key="audit_action")
    trail = data.audit_trail(since, who, action)
    show_table(trail.assign(action=trail["action"].map(L.AUDIT_ACTIONS).fillna(trail["action"])),
               [Col("at", L.AUDIT_COLUMNS["at"], fmt_datetime), Col("account", L.AUDIT_COLUMNS["account"]),
                Col("action", L.AUDIT_COLUMNS["action"]), Col("detail", L.AUDIT_COLUMNS["detail"]),
                Col("address", L.AUDIT_COLUMNS["address"])], key="audit_trail", empty=L.AUDIT_NONE)
