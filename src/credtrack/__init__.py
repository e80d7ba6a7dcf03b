"""credtrack: credentialing and compliance tracker for therapists."""

__version__ = "0.1.0"
__all__ = ["hookimpl", "__version__"]


def __getattr__(name: str):
    # ``from credtrack import hookimpl`` without loading pluggy for every command
    if name == "hookimpl":
        from credtrack.hookspecs import hookimpl

        return hookimpl
    raise AttributeError(f"module 'credtrack' has no attribute {name!r}")
