"""Helpers shared by the benchmarks."""

from django.db import connection


class QueryCounter:
    """Counts the SQL statements run inside ``with connection.execute_wrapper(counter):``.

    A wrapper, not CaptureQueriesContext: outside a test case each request resets the query log.
    """

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def queries_for(call):
    """(result of call(), number of SQL statements it ran)."""
    counter = QueryCounter()
    with connection.execute_wrapper(counter):
        result = call()
    return result, counter.count
