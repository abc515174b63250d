"""The Streamlit entry script: page config, language, navigation."""

import streamlit as st

from pages.ui import language_switch, t

st.set_page_config(page_title="mystery-audit", page_icon=":material/storefront:", layout="wide")
language_switch()

navigation = st.navigation(
    [st.Page("pages/home.py", title=t("nav.home"), icon=":material/home:", default=True)]
)
navigation.run()
