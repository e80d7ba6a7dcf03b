"""``ical push``: keep a CalDAV collection equal to the calendar, one object per component.

Each event and to-do is stored at ``<collection>/<UID>.ics``. What was pushed (per UID: the
content hash, the server's ETag, the href) is kept in the calendar state under the push's key,
so a push sends exactly what changed since the last one: a PUT with ``If-None-Match: *`` for a
new object, a PUT with ``If-Match: <etag>`` for a changed one, a DELETE with ``If-Match`` for
one that is gone (a removed document, a cancelled deadline, a completed to-do past its
cycle). A completed to-do is updated (task apps show it done), never created. An object
changed on the server since the last push (its ETag moved: say a to-do ticked off on the
phone) is left alone and reported, unless ``force``.

The HTTP is done by the ``caldav`` package's client (imported only here); credentials come
from the caller (``credtrack.cli.ical`` reads them from the config file or the keyring).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

from credtrack.errors import CredtrackError

ENDED = ("CANCELLED", "COMPLETED")


@dataclass
class PushResult:
    url: str = ""
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0
    conflicts: list[str] = field(default_factory=list)  # UIDs left alone
    error: str = ""

    def summary(self) -> str:
        text = (f"{self.created} created, {self.updated} updated, {self.deleted} deleted, "
                f"{self.unchanged} unchanged")
        if self.conflicts:
            text += (f"; {len(self.conflicts)} changed on the server since the last push and "
                     "left as they are (--force overwrites them)")
        return text


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}".lower()


def check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CredtrackError("the CalDAV URL must start with https:// (or http://) and name a "
                             "server, e.g. https://dav.example.org/dana/credtrack/", 2)
    if parts.username or parts.password:
        raise CredtrackError("put no user name or password in the URL: credtrack reads them "
                             "from its config file or the system keyring", 2)
    return url.strip().rstrip("/") + "/"


class Pusher:
    """Called by the service with the rendered calendar and the record of the last push."""

    def __init__(self, url: str, username: str = "", password: str = "", force: bool = False,
                 timeout: float = 30):
        self.url = check_url(url)
        self.username, self.password = username, password
        self.force = force
        self.timeout = timeout
        self.result = PushResult(self.url)
        self._client = None

    def key(self, target: str) -> str:
        return f"{target} -> {self.url}"

    def client(self):
        if self._client is None:
            import caldav

            self._client = caldav.DAVClient(url=self.url, username=self.username or None,
                                            password=self.password or None,
                                            timeout=self.timeout)
        return self._client

    def _request(self, method: str, href: str, body: bytes = b"", headers=None):
        from caldav.lib import error

        client = self.client()
        try:
            if method == "PUT":
                return client.put(href, body, headers)
            if method == "DELETE":
                return client.delete(href, headers)
            return client.propfind(href, depth=0)
        except error.AuthorizationError:
            raise CredtrackError(f"the CalDAV server at {origin(self.url)} refused the user "
                                 "name or password (see 'credtrack ical push --help')") from None
        except error.DAVError as exc:
            raise CredtrackError(f"the CalDAV server at {origin(self.url)} answered "
                                 f"{type(exc).__name__}") from None
        except OSError as exc:  # niquests' connection errors are OSErrors
            why = getattr(exc, "strerror", None) or type(exc).__name__
            raise CredtrackError(f"cannot reach the CalDAV server at {origin(self.url)} "
                                 f"({why})") from None

    def check_collection(self) -> None:
        response = self._request("PROPFIND", self.url)
        if response.status == 404:
            raise CredtrackError(f"there is no calendar at {self.url}: create it on the "
                                 "server first (in its web page or your calendar app)")
        if response.status not in (200, 207):
            raise CredtrackError(f"the CalDAV server at {origin(self.url)} answered "
                                 f"{response.status} for the calendar")

    def __call__(self, rendered, pushed: dict) -> dict:
        """Send the changes; returns the new record of the collection. A failure stops the
        push: what was sent stays recorded, ``result.error`` says why."""
        pushed = {uid: e for uid, e in pushed.items() if isinstance(e, dict) and e.get("href")}
        out = dict(pushed)
        try:
            self.check_collection()
            for uid, part in rendered.components():
                self._one(uid, rendered.state[uid], rendered.object(part), out)
            for uid in sorted(set(pushed) - set(rendered.state)):
                self._delete(uid, out)
        except CredtrackError as exc:
            self.result.error = exc.message
        return out

    def _one(self, uid: str, entry: dict, body: bytes, out: dict) -> None:
        known = out.get(uid)
        ended = entry["status"] in ENDED
        if ended and (entry["status"] == "CANCELLED" or known is None):
            if known is not None:
                self._delete(uid, out)
            return
        if known is not None and known.get("hash") == entry["hash"]:
            self.result.unchanged += 1
            return
        href = self.url + quote(uid, safe="@") + ".ics"
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if known is None:
            headers["If-None-Match"] = "*"
        elif known.get("etag") and not self.force:
            headers["If-Match"] = known["etag"]
        response = self._request("PUT", href, body, headers)
        if response.status == 412 and known is None and self.force:
            headers.pop("If-None-Match")
            response = self._request("PUT", href, body, headers)
        if response.status == 412:
            self.result.conflicts.append(uid)
            return
        if response.status not in (200, 201, 204):
            raise CredtrackError(f"the CalDAV server at {origin(self.url)} refused an event "
                                 f"(HTTP {response.status})")
        out[uid] = {"hash": entry["hash"], "etag": response.headers.get("ETag") or "",
                    "href": href}
        if known is None:
            self.result.created += 1
        else:
            self.result.updated += 1

    def _delete(self, uid: str, out: dict) -> None:
        known = out[uid]
        headers = {"If-Match": known["etag"]} if known.get("etag") and not self.force else {}
        response = self._request("DELETE", known["href"], b"", headers)
        if response.status == 412:
            self.result.conflicts.append(uid)
            return
        if response.status not in (200, 204, 404):
            raise CredtrackError(f"the CalDAV server at {origin(self.url)} refused to delete "
                                 f"an event (HTTP {response.status})")
        del out[uid]
        self.result.deleted += 1
