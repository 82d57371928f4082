"""Every exception kg raises on purpose; the CLI turns each into a one-line message."""

from __future__ import annotations


class KGError(Exception):
    """Base class of every error kg raises for the user to act on."""


class RuleError(KGError):
    """One or more rule files are invalid.

    Args:
        problems: one line each, ``file: entry: key path: message``.
    """

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in rule files"
        super().__init__(head + ":\n  " + "\n  ".join(self.problems))

    def __reduce__(self):  # picklable, to cross process boundaries
        return (type(self), (self.problems,))


class DocumentError(KGError):
    """A document or its metadata cannot be used.

    Args:
        path: the file at fault.
        message: what is wrong with it.
    """

    def __init__(self, path: str, message: str):
        self.path = str(path)
        self.message = message
        super().__init__(f"{self.path}: {message}")

    def __reduce__(self):  # picklable: extraction workers send these back
        return (type(self), (self.path, self.message))


class InputError(KGError):
    """The input folder as a whole cannot be read (missing, not a folder)."""


class ExportError(KGError):
    """An export folder or file cannot be read or written."""


class QueryError(KGError):
    """A SPARQL query is malformed, refused or failed.

    Args:
        message: the one-line reason, with line and column where known.
    """


class UnknownQueryError(QueryError):
    """A named query does not exist; the message lists the ones that do."""


class QueryTimeout(QueryError):
    """A query ran past its time limit."""


class QueryMemoryError(QueryError):
    """A query needed more memory than its cap allows."""


class ServerBusyError(QueryError):
    """The endpoint ran as many queries as it may for as long as a query may wait."""


class ServiceRefusedError(QueryError):
    """A query asks kg to fetch another endpoint (SPARQL SERVICE), which was not allowed."""


class QuerySyntaxError(QueryError):
    """A SPARQL query does not parse; the message is one line with line and column."""


class ReadOnlyError(QueryError):
    """A change was asked of data kg only reads: a SPARQL UPDATE, or adding to ``g.rdf`` of a large export."""


class QueryParamError(QueryError):
    """A query parameter is missing, unknown or malformed."""


class UnknownEntityError(KGError, LookupError):
    """No person, meeting or issue answers to the name given; the message suggests close ones."""


class InvalidDateError(KGError, ValueError):
    """A date given to the API or the CLI is not an ISO date of the precision asked."""


class RenderError(KGError):
    """The HTML view cannot be made with the options given."""


class ServeError(KGError):
    """The SPARQL endpoint cannot start (for example, the port is taken)."""


class WordPatternError(KGError, ValueError):
    """A rule's ``words`` value does not parse (unbalanced brackets, an empty alternative, a slot).

    Args:
        message: the one-line reason, with the character where it went wrong.
    """
