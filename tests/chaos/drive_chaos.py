"""Runs the real Maru app (desktop.app.build_app) and does one activity until it is
killed, printing what it saw committed: the app-kill chaos test reads these lines.

Usage: python -m tests.chaos.drive_chaos ACTIVITY [FOLDER]   (MARU_HOME: the data folder)

Activities: stream (answer after answer), edit (edit-and-resend the last question,
again and again), delete (make and delete conversations), index (index FOLDER, then
re-index it), migrate (just start: the test put an old history file there), answer
(one answer, then quit normally), load_crash (kill the engine while the start-up
model loads, then quit normally).

Lines on stdout (flushed at once; times are time.monotonic(), the same clock as the test's):
  UP                        the window is up (the history opened, migrated if needed)
  SKIPPED <message>         the start-up model was not loaded; the status bar's message
  LOADED <message>          a model finished loading; the status bar's message then
  BEGIN                     the activity starts
  COMMITTED <conv> <id> <sha1>  a message read back from the store after its commit
  ANSWER <id>               the answer being streamed has this id
  STREAM <id> <t> <n>       the answer had n characters at time t
  TRUNCATING <conv> <id>    edit-and-resend removes message id and later ones
  DELETING <conv> / DELETED <conv>
  INDEXED                   an indexing run finished
  LOAD_FAILED <kind> / ANSWERED
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import signal
import sys
import time

LONG_PROMPT = "Write a long essay about the history of the Roman Empire."
MODEL_ACTIVITIES = {"stream", "edit", "answer"}


def say(*words: object) -> None:
    print(*words, flush=True)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


class Driver:
    """Drives one activity in the running app (GUI thread only)."""

    def __init__(self, app: object, window: object, chat: object, activity: str,
                 folder: str | None) -> None:
        from desktop.core.conversation import Sampling

        self.app, self.window, self.chat = app, window, chat
        self.activity, self.folder = activity, folder
        self.sampling = Sampling(temperature=0.7, seed=int(time.time()))
        self.printed: dict[int, str] = {}
        self.step = 0
        chat.model_changed.connect(self._on_model_changed)
        chat.load_failed.connect(self._on_load_failed)
        chat.engine.text_streamed.connect(self._on_text)
        chat.answer_done.connect(self._on_answer_done)
        chat.generating_changed.connect(self._on_generating)

    # ---- start ---------------------------------------------------------------------

    def start(self) -> None:
        from desktop import settings
        from desktop.backends import model_store

        say("UP")
        if self.chat.model_path is None:  # build_app did not start a load
            say("SKIPPED", self.window.statusBar().currentMessage().replace("\n", " "))
            if self.activity in MODEL_ACTIVITIES:  # the user picks the model in the panel
                self.chat.load_model(str(model_store.resolve(None,
                                                              settings.load().startup_model)))
        if self.activity == "load_crash":
            self.chat.load_progress.connect(self._kill_worker)
            return
        say("BEGIN")
        if self.activity in MODEL_ACTIVITIES:
            self.chat.new_conversation()
            settings_now = dataclasses.replace(self.chat.conversation.settings,
                                               sampling=self.sampling,
                                               max_tokens=60 if self.activity == "edit" else 200)
            self.chat.update_settings(settings=settings_now)
            self._send(LONG_PROMPT if self.activity != "answer" else "Say hello.")
        elif self.activity == "delete":
            self._delete_step()
        elif self.activity == "index":
            self.chat.documents.run_finished.connect(self._on_indexed)
            self.chat.documents.add_paths("chaos", [self.folder])

    # ---- committed messages ----------------------------------------------------------

    def report_committed(self, conversation_id: int) -> None:
        """Print the messages of a conversation that the store holds as committed."""
        from desktop.core.conversation import MessageStatus

        for message in self.chat.store.messages(conversation_id):
            if message.status == MessageStatus.STREAMING:
                continue
            sha = digest(message.text)
            if self.printed.get(message.id) != sha:
                self.printed[message.id] = sha
                say("COMMITTED", conversation_id, message.id, sha)

    # ---- streaming and editing ----------------------------------------------------------

    def _send(self, text: str) -> None:
        conversation = self.chat.conversation
        if not self.chat.send(text):
            raise SystemExit(f"send failed: {text!r}")
        self.report_committed(conversation.id)
        say("ANSWER", self.chat.messages.messages()[-1].id)

    def _on_text(self, _text: str) -> None:
        rows = self.chat.messages.messages()
        if self.chat.generating and rows:
            say("STREAM", rows[-1].id, f"{time.monotonic():.4f}", len(rows[-1].text))

    def _on_answer_done(self, _done: object) -> None:
        self.report_committed(self.chat.conversation.id)

    def _on_generating(self, busy: bool) -> None:
        from PySide6.QtCore import QTimer

        if busy:
            return
        if self.activity == "answer":
            say("ANSWERED", digest(self.chat.messages.messages()[-1].text))
            QTimer.singleShot(0, self.app.quit)
        elif self.activity == "stream":
            QTimer.singleShot(0, lambda: self._send(LONG_PROMPT))
        elif self.activity == "edit":
            QTimer.singleShot(0, self._edit)

    def _edit(self) -> None:
        from desktop.core.conversation import Role

        self.step += 1
        conversation = self.chat.conversation
        user = [m for m in self.chat.messages.messages() if m.role == Role.USER][-1]
        say("TRUNCATING", conversation.id, user.id)
        if not self.chat.edit_and_resend(user.id, f"{LONG_PROMPT} (take {self.step})"):
            raise SystemExit("edit failed")
        self.report_committed(conversation.id)
        say("ANSWER", self.chat.messages.messages()[-1].id)

    # ---- deleting --------------------------------------------------------------------------

    def _delete_step(self) -> None:
        from PySide6.QtCore import QTimer

        from desktop.core.conversation import MessageStatus, Role

        self.step += 1
        store = self.chat.store
        conversation = store.create_conversation(title=f"chaos {self.step}")
        store.add_message(conversation.id, Role.USER, f"question {self.step}")
        store.add_message(conversation.id, Role.ASSISTANT, f"answer {self.step} " * 20,
                          MessageStatus.DONE)
        self.report_committed(conversation.id)
        if self.step % 2:  # every other one stays: deleting must not take its neighbours
            if self.step % 4 == 1:  # and every other delete is of the open conversation
                self.chat.open_conversation(conversation.id)
            say("DELETING", conversation.id)
            self.chat.delete_conversation(conversation.id)
            say("DELETED", conversation.id)
        QTimer.singleShot(2, self._delete_step)

    # ---- indexing -----------------------------------------------------------------------------

    def _on_indexed(self, name: str, _report: object) -> None:
        say("INDEXED", name)
        self.chat.documents.reindex(name)  # keep the indexer busy until the kill

    # ---- models --------------------------------------------------------------------------------

    def _on_model_changed(self, info: object) -> None:
        if info is not None:  # with the status bar's message, once the window reacted
            say("LOADED", self.window.statusBar().currentMessage().replace("\n", " "))

    def _on_load_failed(self, kind: str, _detail: str) -> None:
        say("LOAD_FAILED", kind, _detail.replace("\n", " "))
        if self.activity == "load_crash":
            self.app.quit()

    def _kill_worker(self, _fraction: float) -> None:
        """Stand-in for a model that makes llama.cpp abort while loading."""
        self.chat.load_progress.disconnect(self._kill_worker)
        # The Process's pid attribute, not EngineClient.pid: that one polls the child
        # (waitpid) from this thread while the engine thread may be reaping it.
        process = self.chat.engine._engine._process  # the driver reaches into its own app
        if process is not None:
            os.kill(process.pid, signal.SIGKILL)


if __name__ == "__main__":  # the engine process is spawned: never run this on import
    from desktop.app import build_app

    built = build_app()
    if built is None:
        sys.exit(1)
    application, main_window, chat_service = built
    driver = Driver(application, main_window, chat_service, sys.argv[1],
                    sys.argv[2] if len(sys.argv) > 2 else None)
    driver.start()
    sys.exit(application.exec())
