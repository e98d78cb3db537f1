"""What the photo storage holds, to check that a refused upload left nothing behind."""

from django.core.files.storage import default_storage


def stored_files(top: str = "photos") -> set[str]:
    if not default_storage.exists(top):
        return set()
    directories, files = default_storage.listdir(top)
    found = {f"{top}/{name}" for name in files}
    for directory in directories:
        found |= stored_files(f"{top}/{directory}")
    return found
