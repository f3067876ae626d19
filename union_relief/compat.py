"""What the core needs from Python releases newer than Odoo 18's floor (3.10)."""

import enum

if hasattr(enum, "StrEnum"):  # Python 3.11 and newer
    StrEnum = enum.StrEnum
else:  # Python 3.10

    class StrEnum(str, enum.Enum):
        """Members are strings; ``str()`` gives the value, as 3.11's StrEnum does."""

        def __str__(self):
            return str(self.value)

        @staticmethod
        def _generate_next_value_(name, start, count, last_values):
            return name.lower()


__all__ = ["StrEnum"]
