"""Domain errors raised by metrics when an option is not in its allowlist or an input is malformed."""

from texts import messages as M


class DomainError(ValueError):
    """An option or input that the domain rules do not allow."""


def check_option(name: str, value: object, allowed: tuple | list | frozenset | set) -> None:
    """Return None when value is allowed; raise DomainError naming the allowed options otherwise."""
    if value not in allowed:
        options = ", ".join(sorted(str(a) for a in allowed))
        raise DomainError(M.BAD_OPTION.format(name=name, value=value, options=options))
