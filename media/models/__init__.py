from .photos import Photo, PhotoUpload

__all__ = ["Photo", "PhotoUpload"]
