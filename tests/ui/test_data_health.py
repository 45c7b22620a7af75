"""The app's check that the database answers (ui.data.connection_error): the sign-in form asks the database, the
sidebar reuses the meta table read a few seconds ago (the one short-lived cache, ui.data._state), and a database
that does not answer is never taken as answering: its failure is not kept."""

import socket

from data_access.store.context import forget_context
from data_access.store.meta import read_meta
from ui import data


def test_a_database_that_answers_is_checked_fresh_or_from_the_state_just_read(database_url):
    assert data.connection_error() is None  # started (schema, reference data) and asked
    assert data.connection_error(recent=True) is None
    with data.engine().connect() as conn:
        assert data.meta() == read_meta(conn)  # the state the sidebar's check read is the one pages read


def test_a_database_that_does_not_answer_says_so_at_every_check(monkeypatch):
    with socket.socket() as held:  # bound, never listening: a connection is refused at once, and the port stays ours
        held.bind(("127.0.0.1", 0))
        url = f"postgresql+psycopg://postgres@127.0.0.1:{held.getsockname()[1]}/test"
        monkeypatch.setenv("DATABASE_URL", url)
        try:
            for recent in (False, True, True):
                problem = data.connection_error(recent=recent)
                assert problem is not None and problem.refusal is None  # unreachable, not a refusal of rights
                assert "refused" in problem.error  # logged for the operator; the user reads a Vietnamese sentence
        finally:
            forget_context(url)
