from .photos import Photo

__all__ = ["Photo"]
