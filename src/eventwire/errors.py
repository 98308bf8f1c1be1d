"""Every error eventwire raises, in one place.

Each error has a code (``EW1xx`` ingest, ``EW2xx`` pipeline and data files, ``EW3xx`` store,
``EW4xx`` queries and CLI, ``EW5xx`` HTTP). Messages say what failed, on which input, and
how to fix it. Catch :class:`EventwireError` to catch them all.
"""
from __future__ import annotations


class EventwireError(Exception):
    """Base class: ``code`` identifies the error, ``source`` names the input when there is one."""

    code = "EW000"
    template = "{detail}"

    def __init__(self, detail: str = "", source: str | None = None, **kwargs):
        self.detail = detail
        self.source = source
        self.kwargs = kwargs
        message = self.template.format(detail=detail, source=source, **kwargs)
        prefix = f"[{self.code}] "
        if source:
            prefix += f"{source}: "
        super().__init__(prefix + message)

    def to_dict(self) -> dict:
        return {"code": self.code, "error": type(self).__name__, "source": self.source,
                "message": str(self)}


# -------------------------------------------------------------------- ingest (EW1xx)
class IngestError(EventwireError):
    code = "EW100"


class EmptyInput(IngestError):
    code = "EW101"
    template = "the input is empty ({detail}); give a file with article text"


class BinaryInput(IngestError):
    code = "EW102"
    template = "the input looks binary, not text ({detail}); give plain text, HTML, JSONL, a feed or a WARC file"


class EncodingError(IngestError):
    code = "EW103"
    template = "the text could not be decoded ({detail}); save it as UTF-8 or pass --encoding"


class InputTooLarge(IngestError):
    code = "EW104"
    template = "the input is {detail}; split it or raise --max-bytes"


class NoArticleText(IngestError):
    code = "EW105"
    template = "no article text was found ({detail})"


class BadRecord(IngestError):
    code = "EW106"
    template = "{detail}"


class UnsupportedInput(IngestError):
    code = "EW107"
    template = "{detail}"


class InputNotFound(IngestError):
    code = "EW108"
    template = "no such file or directory ({detail})"


# -------------------------------------------------------------------- pipeline and data (EW2xx)
class PipelineError(EventwireError):
    code = "EW200"


class DataFileError(PipelineError):
    code = "EW201"
    template = "a bundled data file is missing or malformed: {detail}; reinstall eventwire or fix the file"


class ComponentError(PipelineError):
    code = "EW202"
    template = "component failed: {detail}"


# -------------------------------------------------------------------- store (EW3xx)
class StoreError(EventwireError):
    code = "EW300"


class StoreLocked(StoreError):
    code = "EW301"
    template = ("the store is in use by another process ({detail}); wait for it to finish "
                "or use --wait SECONDS")


class MigrationError(StoreError):
    code = "EW302"
    template = "the store schema could not be migrated: {detail}"


class StoreVersionError(StoreError):
    code = "EW303"
    template = "{detail}"


# -------------------------------------------------------------------- queries and CLI (EW4xx)
class QueryError(EventwireError):
    code = "EW400"


class BadFilter(QueryError):
    code = "EW401"
    template = "{detail}"


class BadOption(QueryError):
    code = "EW402"
    template = "{detail}"
