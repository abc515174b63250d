"""The browser tests' own fixture for the walks through every page (tests/e2e/tour.py)."""

from tests.e2e.tour import tour_server  # noqa: F401 -- a session fixture, registered once
