"""ChatService: the open conversation, from the composer to the history file.

Lives on the GUI thread and owns no thread of its own: answers run in the
EngineService's worker, history writes are small SQLite commits.

Durability contract: the user's message is committed before the engine is
asked; the answer is committed while it streams (every SAVE_INTERVAL seconds)
and at done, stop and error. A kill -9 of the whole app loses at most
SAVE_INTERVAL seconds of text.

Signals (GUI thread):
- conversation_opened(Conversation | None), conversation_updated(Conversation)
- generating_changed(bool)
- answer_done(Done), context_changed(used, available, dropped)
- model_changed(ModelInfo | None), load_progress(float), load_failed(kind, detail)
- storage_failed(kind, detail): a history write failed (disk full, read-only...)
- jump_requested(message_id): a search result asks the view to show a message
- searching_documents(bool): the question is being looked up in the chat's documents

Documents: when the conversation has attached files (collection "chat-<id>") or
asks collections (`ChatSettings.collections`), each answer first searches them
(off the GUI thread), then asks the engine with the found passages as numbered
sources; the answer keeps them in `meta["sources"]`. With "only from my
documents" on and nothing relevant found, no model is asked: the answer is
empty with `meta["not_found"]` and the view says so.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from desktop.backends.history_store import HistoryError, HistoryStore, SearchHit
from desktop.core import doc_answers, rag_prompt
from desktop.core.conversation import (
    ChatSettings,
    Conversation,
    Message,
    MessageStatus,
    Role,
    auto_title,
    prompt_messages,
)
from desktop.core.doc_answers import Retrieval
from desktop.core.protocol import Done, LoadRequest, ModelInfo, StopReason
from desktop.services.conversation_list_model import ConversationListModel
from desktop.services.documents_service import DocumentsService, chat_collection
from desktop.services.engine_service import EngineService
from desktop.services.message_list_model import MessageListModel

SAVE_INTERVAL = 0.5  # seconds between commits of a streaming answer


class ChatService(QObject):
    """Sends messages, streams answers into the model and the history store."""

    conversation_opened = Signal(object)
    conversation_updated = Signal(object)
    generating_changed = Signal(bool)
    answer_done = Signal(object)
    context_changed = Signal(int, int, int)
    model_changed = Signal(object)
    load_progress = Signal(float)
    load_failed = Signal(str, str)
    storage_failed = Signal(str, str)
    jump_requested = Signal(int)
    searching_documents = Signal(bool)

    def __init__(self, store: HistoryStore, engine: EngineService,
                 load_request: Callable[[str, int], LoadRequest],
                 list_models: Callable[[], list[Path]] = list,
                 model_defaults: Callable[[str], object] | None = None,
                 documents: DocumentsService | None = None,
                 parent: QObject | None = None) -> None:
        """`load_request(path, n_ctx)` builds how a model is loaded (from Settings);
        `list_models()` lists installed model files (cheap: names only);
        `model_defaults(path)` gives a model's own defaults (n_ctx, system_prompt)
        for new conversations; `documents` (optional) answers from documents."""
        super().__init__(parent)
        self.store = store
        self.engine = engine
        self._load_request = load_request
        self._list_models = list_models
        self._model_defaults = model_defaults
        self.documents = documents
        self._stop_search = False
        self.messages = MessageListModel(self)
        self.conversations = ConversationListModel(self)
        self.conversation: Conversation | None = None
        self._answer: Message | None = None
        self._last_save = 0.0
        # Text that arrived since the last commit is committed by this timer even
        # if the stream then stalls (a long prompt chunk, a hung engine).
        self._save_timer = QTimer(self, singleShot=True, timeout=self._save_answer)
        self._model_path: str | None = None
        engine.text_streamed.connect(self._on_text)
        engine.answer_finished.connect(self._on_finished)
        engine.failed.connect(self._on_failed)
        engine.model_loaded.connect(self._on_model_loaded)
        engine.load_progress.connect(self.load_progress)
        engine.load_failed.connect(self._on_load_failed)

    @property
    def generating(self) -> bool:
        """True while an answer streams."""
        return self._answer is not None

    # ---- start-up and models -----------------------------------------------------

    def start(self) -> None:
        """Recover after a crash and open the newest conversation (or a new one)."""
        self._write(self.store.recover_interrupted)
        self._write(self.store.purge_deleted)
        listed = self.store.list_conversations()
        self.conversations.set_conversations(listed, datetime.now())
        if listed:
            self.open_conversation(max(listed, key=lambda c: c.updated_at).id)
        else:
            self.new_conversation()

    def load_model(self, path: str) -> None:
        """Load a model file for this and later conversations (in the engine worker)."""
        self._model_path = path
        n_ctx = self.conversation.settings.n_ctx if self.conversation else ChatSettings().n_ctx
        self.engine.load_model(self._load_request(path, n_ctx))

    def installed_models(self) -> list[Path]:
        """Model files the picker offers."""
        return self._list_models()

    @property
    def model_path(self) -> str | None:
        """The file last asked to load."""
        return self._model_path

    def _on_model_loaded(self, info: ModelInfo) -> None:
        self._adopt_model_defaults()
        self.model_changed.emit(info)

    def _adopt_model_defaults(self) -> None:
        """An untouched conversation takes the loaded model's own defaults."""
        if self.conversation is None or self.messages.rowCount():
            return
        settings, prompt = self._with_model_defaults(self.conversation.settings,
                                                     self.conversation.system_prompt)
        if (settings, prompt) != (self.conversation.settings, self.conversation.system_prompt):
            self.update_settings(system_prompt=prompt, settings=settings)

    def _on_load_failed(self, kind: str, detail: str) -> None:
        self.model_changed.emit(None)
        self.load_failed.emit(kind, detail)

    # ---- conversations -------------------------------------------------------------

    def refresh_conversations(self) -> None:
        """Re-read the sidebar list."""
        self.conversations.set_conversations(self.store.list_conversations(), datetime.now())

    def new_conversation(self) -> Conversation | None:
        """Open an empty conversation (an untouched one is reused, not duplicated)."""
        if self.generating:
            return None
        if self.conversation is not None and not self.messages.rowCount():
            self._adopt_model_defaults()
            return self.conversation
        settings = self.conversation.settings if self.conversation else ChatSettings()
        prompt = self.conversation.system_prompt if self.conversation else ""
        settings, prompt = self._with_model_defaults(settings, prompt)
        conversation = self._write(self.store.create_conversation, system_prompt=prompt,
                                   settings=settings)
        if conversation is not None:
            self._show(conversation, [])
        return conversation

    def _with_model_defaults(self, settings: ChatSettings,
                             prompt: str) -> tuple[ChatSettings, str]:
        """A model's own context size and system prompt, where it has them, start a chat."""
        if self._model_defaults is None or self._model_path is None:
            return settings, prompt
        own = self._model_defaults(self._model_path)
        if own.n_ctx:
            settings = dataclasses.replace(settings, n_ctx=own.n_ctx)
        return settings, own.system_prompt or prompt

    def open_conversation(self, conversation_id: int) -> None:
        """Show a stored conversation."""
        if self.generating or (self.conversation and self.conversation.id == conversation_id):
            return
        self._drop_if_empty()
        self._show(self.store.conversation(conversation_id), self.store.messages(conversation_id))

    def _show(self, conversation: Conversation, messages: list[Message]) -> None:
        self.conversation = conversation
        self.messages.set_messages(messages)
        self.refresh_conversations()
        self.conversation_opened.emit(conversation)

    def _drop_if_empty(self) -> None:
        """An empty conversation the user left is not worth a sidebar row."""
        if self.conversation is not None and not self.messages.rowCount():
            self._write(self.store.delete_conversation, self.conversation.id)
            self._write(self.store.purge_deleted)

    def rename(self, conversation_id: int, title: str) -> None:
        """Give a conversation a title of the user's choosing."""
        title = " ".join(title.split())
        if title:
            self._write(self.store.rename, conversation_id, title)
            self._after_conversation_change(conversation_id)

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        """Pin to (or unpin from) the top of the sidebar."""
        self._write(self.store.set_pinned, conversation_id, pinned)
        self._after_conversation_change(conversation_id)

    def delete_conversation(self, conversation_id: int) -> None:
        """Delete (undoable with restore_conversation until the next start)."""
        if self.generating and self.conversation and self.conversation.id == conversation_id:
            return
        self._write(self.store.delete_conversation, conversation_id)
        if self.conversation and self.conversation.id == conversation_id:
            self.conversation = None
            self.messages.set_messages([])
            remaining = self.store.list_conversations()
            if remaining:
                self.open_conversation(remaining[0].id)
            else:
                self.new_conversation()
        self.refresh_conversations()

    def restore_conversation(self, conversation_id: int) -> None:
        """Undo a delete."""
        self._write(self.store.restore_conversation, conversation_id)
        self.refresh_conversations()

    def update_settings(self, *, system_prompt: str | None = None,
                        settings: ChatSettings | None = None) -> None:
        """Change the open conversation's system prompt or sampling settings."""
        if self.conversation is None:
            return
        if settings is not None:  # the form and presets do not own the document scope
            settings = dataclasses.replace(settings,
                                           collections=self.conversation.settings.collections)
        changes = {k: v for k, v in (("system_prompt", system_prompt), ("settings", settings))
                   if v is not None}
        self._write(self.store.update_conversation, self.conversation.id, **changes)
        self._after_conversation_change(self.conversation.id)

    def presets(self) -> dict[str, tuple[ChatSettings, str]]:
        """Saved presets by name: (settings, system prompt)."""
        return self.store.presets()

    def save_preset(self, name: str) -> None:
        """Save the open conversation's settings and system prompt under `name`."""
        if self.conversation is not None and name.strip():
            self._write(self.store.save_preset, name.strip(), self.conversation.settings,
                        self.conversation.system_prompt)

    def delete_preset(self, name: str) -> None:
        """Forget a preset."""
        self._write(self.store.delete_preset, name)

    def apply_preset(self, name: str) -> None:
        """Use a preset's settings and system prompt in the open conversation."""
        preset = self.store.presets().get(name)
        if preset is not None:
            self.update_settings(settings=preset[0], system_prompt=preset[1])

    def _after_conversation_change(self, conversation_id: int) -> None:
        if self.conversation and self.conversation.id == conversation_id:
            self.conversation = self.store.conversation(conversation_id)
            self.conversation_updated.emit(self.conversation)
        self.refresh_conversations()

    # ---- search, export, import ----------------------------------------------------

    def search(self, query: str) -> list[SearchHit]:
        """Messages and titles that contain every word of `query`, newest first; nothing
        (and storage_failed) when the history cannot be read."""
        return (self._write(self.store.search, query) or []) if query.strip() else []

    def open_hit(self, hit: SearchHit) -> None:
        """Open a search result's conversation and scroll to its message."""
        self.open_conversation(hit.conversation_id)
        if hit.message_id is not None:
            self.jump_requested.emit(hit.message_id)

    def export(self, path: Path, as_json: bool) -> None:
        """Write the open conversation to a file. Raises OSError or HistoryError."""
        if self.conversation is None:
            return
        cid = self.conversation.id
        text = (json.dumps(self.store.export_json(cid), ensure_ascii=False, indent=2)
                if as_json else self.store.export_markdown(cid))
        tmp = path.with_name(path.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)

    def import_file(self, path: Path) -> Conversation:
        """Import a conversation exported as JSON and open it.

        Raises OSError, ValueError (not JSON / not a Maru export) or HistoryError.
        """
        data = json.loads(path.read_text(encoding="utf-8"))
        conversation = self.store.import_json(data)
        self._drop_if_empty()
        self.conversation = None
        self.open_conversation(conversation.id)
        return conversation

    # ---- sending and streaming -----------------------------------------------------

    def send(self, text: str) -> bool:
        """Commit the user's message and start the answer. False if nothing was sent."""
        text = text.strip()
        if not text or self.generating:
            return False
        if self.conversation is None and self.new_conversation() is None:
            return False
        assert self.conversation is not None
        if not self.conversation.title:
            self._write(self.store.rename, self.conversation.id, auto_title(text))
            self.conversation = self.store.conversation(self.conversation.id)
            self.conversation_updated.emit(self.conversation)
        user = self._write(self.store.add_message, self.conversation.id, Role.USER, text)
        if user is None:
            return False
        self.messages.append(user)
        self.refresh_conversations()
        return self._start_answer()

    def regenerate(self, message_id: int) -> bool:
        """Replace an assistant answer (and everything after it) with a new one."""
        row = self.messages.row_of(message_id)
        if self.generating or row < 0 or self.messages.messages()[row].role != Role.ASSISTANT:
            return False
        self._truncate(row, message_id)
        return self._start_answer()

    def edit_and_resend(self, message_id: int, text: str) -> bool:
        """Replace a user message with `text`; the later turns go, a new answer comes."""
        row = self.messages.row_of(message_id)
        if self.generating or row < 0 or not text.strip():
            return False
        if self.messages.messages()[row].role != Role.USER:
            return False
        self._truncate(row, message_id)
        return self.send(text)

    def delete_message(self, message_id: int) -> None:
        """Delete one message (not the one streaming)."""
        row = self.messages.row_of(message_id)
        if row < 0 or (self._answer and self._answer.id == message_id):
            return
        self._write(self.store.delete_message, message_id)
        self.messages.remove(row)

    def stop(self) -> None:
        """Stop the answer; the text so far is kept."""
        if self.generating:
            self._stop_search = True
            self.engine.stop()

    # ---- documents ---------------------------------------------------------------------

    def document_scope(self) -> list[str]:
        """The collections this conversation's answers search: its own attached files
        (when it has any) and the collections it asks."""
        if self.conversation is None or self.documents is None:
            return []
        own = chat_collection(self.conversation.id)
        names = list(self.conversation.settings.collections)
        if self.documents.collection(own) is not None:
            names.insert(0, own)
        return names

    def set_collections(self, names: list[str]) -> None:
        """Which named collections this conversation asks."""
        if self.conversation is None:
            return
        settings = dataclasses.replace(self.conversation.settings, collections=tuple(names))
        self._write(self.store.update_conversation, self.conversation.id, settings=settings)
        self._after_conversation_change(self.conversation.id)

    def attach_files(self, paths: list[str]) -> None:
        """Index files or folders for this conversation only."""
        if self.documents is None or self.conversation is None:
            return
        self.documents.add_paths(chat_collection(self.conversation.id), paths, kind="chat",
                                 only_from_sources=False)
        self.conversation_updated.emit(self.conversation)

    def _truncate(self, row: int, message_id: int) -> None:
        assert self.conversation is not None
        self._write(self.store.delete_messages_from, self.conversation.id, message_id)
        self.messages.remove_from(row)

    def _start_answer(self) -> bool:
        assert self.conversation is not None
        history = self.messages.messages()
        answer = self._write(self.store.add_message, self.conversation.id, Role.ASSISTANT, "",
                             MessageStatus.STREAMING)
        if answer is None:
            return False
        self._answer, self._last_save = answer, time.monotonic()
        self.messages.append(answer)
        self.generating_changed.emit(True)
        self._reload_if_context_changed(self.conversation.settings.n_ctx)
        scope = self.document_scope()
        if self.documents is None or not scope:
            self._ask(prompt_messages(self.conversation.system_prompt, history))
            return True
        self._stop_search = False
        self.searching_documents.emit(True)
        self.documents.retrieve(history[-1].text, scope,
                                on_done=lambda found: self._on_retrieved(found, history),
                                on_error=self._on_retrieve_failed)
        return True

    def _ask(self, messages: list[dict[str, str]], stop: tuple[str, ...] = ()) -> None:
        settings = self.conversation.settings
        self.engine.ask(messages, settings.sampling, max_tokens=settings.max_tokens,
                        fit_context=True, stop=stop)

    def _on_retrieved(self, found: Retrieval, history: list[Message]) -> None:
        self.searching_documents.emit(False)
        answer = self._answer
        if answer is None:
            return
        if self._stop_search:
            answer.status = MessageStatus.STOPPED
            self._end_answer()
            return
        if not found.found:
            if found.only_from_sources:
                answer.status, answer.meta = MessageStatus.DONE, {"not_found": True}
                self._end_answer()
                return
            self._ask(prompt_messages(self.conversation.system_prompt, history))
            return
        answer.meta = {"sources": doc_answers.source_records(found.hits)}
        self._write(self.store.update_message, answer.id, meta=answer.meta)
        self.messages.replace(answer)
        info = self.engine.model_info
        self._ask(doc_answers.answer_messages(
            found, self.conversation.system_prompt, history[:-1],
            info.special_tokens if info else ()), stop=rag_prompt.STOP_STRINGS)

    def _on_retrieve_failed(self, exc: object) -> None:
        self.searching_documents.emit(False)
        if self._answer is not None:
            self._on_failed("documents_failed", str(exc))

    def _reload_if_context_changed(self, n_ctx: int) -> None:
        """The context size is a load setting: reload (queued before the answer) if needed."""
        info = self.engine.model_info
        if info is None or self._model_path is None:
            return
        wanted = min(n_ctx, info.n_ctx_train) if info.n_ctx_train else n_ctx
        if wanted != info.n_ctx:
            self.engine.load_model(self._load_request(self._model_path, n_ctx))

    def _on_text(self, text: str) -> None:
        if self._answer is None:
            return
        self._answer.text += text
        self.messages.replace(self._answer)
        due = self._last_save + SAVE_INTERVAL - time.monotonic()
        if due <= 0:
            self._save_answer()
        elif not self._save_timer.isActive():
            self._save_timer.start(int(due * 1000) + 1)

    def _save_answer(self) -> None:
        if self._answer is not None:
            self._last_save = time.monotonic()
            self._write(self.store.update_message, self._answer.id, text=self._answer.text)

    def _on_finished(self, done: Done) -> None:
        answer = self._answer
        if answer is None:
            return
        info = self.engine.model_info
        answer.status = (MessageStatus.STOPPED if done.stop_reason == StopReason.CANCELLED
                         else MessageStatus.DONE)
        answer.meta = {
            **answer.meta,
            "model": info.name if info else "", "stop_reason": done.stop_reason.value,
            "tokens": done.completion_tokens, "tokens_per_second": round(done.tokens_per_second, 2),
            "dropped_messages": done.dropped_messages,
        }
        self._end_answer()
        self.answer_done.emit(done)
        available = info.n_ctx if info else 0
        self.context_changed.emit(done.prompt_tokens + done.completion_tokens, available,
                                  done.dropped_messages)

    def _on_failed(self, kind: str, detail: str) -> None:
        answer = self._answer
        if answer is None:
            return
        answer.status, answer.error = MessageStatus.FAILED, kind
        answer.meta = {**answer.meta, "detail": detail}
        self._end_answer()

    def _end_answer(self) -> None:
        answer, self._answer = self._answer, None
        assert answer is not None
        self._save_timer.stop()
        self._write(self.store.update_message, answer.id, text=answer.text,
                    status=answer.status, error=answer.error, meta=answer.meta)
        self.messages.replace(answer)
        self.generating_changed.emit(False)

    # ---- storage errors ----------------------------------------------------------------

    def _write(self, fn: Callable, *args: object, **kwargs: object) -> object:
        """Run a store call; a HistoryError becomes storage_failed, not an exception."""
        try:
            return fn(*args, **kwargs)
        except HistoryError as exc:
            self.storage_failed.emit(exc.kind.value, exc.detail)
            return None
