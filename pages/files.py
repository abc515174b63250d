"""Links to files the server hands out only to the person the page was shown to.

st.image and st.download_button would put the bytes in Streamlit's media store, whose URLs
answer without a log-in; these helpers offer the file on the desk of
audits/accounts/downloads.py and link to server.py's /files route instead.
"""

from urllib.parse import urlsplit

import streamlit as st

from audits.accounts.downloads import DESK
from pages.ui import t


def _origin() -> str:
    # st.image takes only absolute URLs; the browser's own address gives scheme and host,
    # also behind a proxy. (AppTest runs have no browser, so no address.)
    parts = urlsplit(st.context.url or "http://localhost")
    return f"{parts.scheme}://{parts.netloc}"


def _offer(name: str, mime: str, **what: object) -> str | None:
    person, login = st.session_state.get("person"), st.session_state.get("login")
    if person is None or login is None:
        return None
    return f"{_origin()}/files/{DESK.offer(person.id, login, name, mime, **what)}"


def photo_url(photo_id: int, name: str) -> str | None:
    """Where the browser loads a stored photo (checked against the reader's visits again)."""
    return _offer(name, "image/jpeg", photo_id=photo_id)


def download_link(label: str, data: bytes, name: str, mime: str, key: str | None = None) -> None:
    """A button that downloads `data` as `name` for this reader only."""
    url = _offer(name, mime, data=data)
    if url is None:
        st.caption(t("files.log_in_again"))
        return
    st.link_button(label, url, icon=":material/download:", key=key)
