"""One router per flow; `create_dispatcher` builds them fresh for each Dispatcher (a router attaches to one only)."""
from . import dialogue, flows, location, start


def routers():
    """The routers in the order they are asked: commands first, free text last."""
    return [start.router(), flows.router(), location.router(), dialogue.router()]
