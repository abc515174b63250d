"""What a comment topic is, and the channel groups topics apply to."""

from typing import NamedTuple

STORE, PHONE, WRITTEN = ("in_store",), ("phone",), ("email", "chat", "web")
REMOTE = PHONE + WRITTEN
ALL = STORE + REMOTE


class Topic(NamedTuple):
    name: str
    channels: tuple[str, ...]
    ids: tuple[str, ...]  # words looked for in the item id
    fails: tuple[str, ...]
    passes: tuple[str, ...] = ()
    words: tuple[str, ...] = ()  # words looked for in the German text (fallback topics)
