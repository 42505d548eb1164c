"""``lazy``: a property computed on first use and then kept on the instance.

Like ``functools.cached_property`` without its lock (Python 3.11 takes an RLock on every first access, which costs
more than most of the values the extraction contexts compute once per figure).
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any


class lazy:  # noqa: N801 - used as a decorator, named like one
    """Decorator: the method's result is stored in the instance's ``__dict__`` under the method's name."""

    def __init__(self, method: Callable[[Any], Any]):
        self.method = method
        self.name = method.__name__
        self.__doc__ = method.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.method(instance)
        return value
