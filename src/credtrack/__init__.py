"""credtrack: credentialing and compliance tracker for therapists."""

from credtrack.hookspecs import hookimpl

__version__ = "0.1.0"
__all__ = ["hookimpl", "__version__"]
