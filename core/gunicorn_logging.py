"""gunicorn's access log without the health checks, as JSON when LOG_FORMAT=json (see gunicorn.conf.py).

A load balancer asks /healthz and /readyz every few seconds; one line per ask would bury the visitors.
"""

import json
import os
from datetime import datetime

from gunicorn.glogging import Logger

# The same paths as core.health.HEALTH_PATHS (a test keeps them equal); not imported from there, because
# gunicorn's master loads this class before Django is set up.
HEALTH_PATHS = ("/healthz", "/readyz")


class AccessLogger(Logger):
    def access(self, resp, req, environ, request_time):
        if environ.get("PATH_INFO", "") in HEALTH_PATHS:
            return
        if os.environ.get("LOG_FORMAT", "").strip().lower() != "json":
            return super().access(resp, req, environ, request_time)
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        entry = {
            "time": datetime.now().astimezone().isoformat(timespec="milliseconds"),
            "level": "INFO",
            "logger": "gunicorn.access",
            "request_id": atoms.get("{x-request-id}o") or None,
            "method": atoms.get("m"),
            "path": atoms.get("U"),
            "query": atoms.get("q") or None,
            "status": atoms.get("s"),
            "bytes": atoms.get("B"),
            "ms": round(request_time.total_seconds() * 1000, 1),
            "remote": atoms.get("h"),
            "user_agent": atoms.get("a"),
        }
        self.access_log.info("%s", json.dumps(entry, ensure_ascii=False))
