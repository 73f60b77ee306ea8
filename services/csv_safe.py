"""CSV cells that a spreadsheet will not run: a cell beginning with = + - @ (or a tab or return that
hides one) is a formula in Excel and LibreOffice, so it is prefixed with an apostrophe."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def row(values):
    return [cell(value) for value in values]
