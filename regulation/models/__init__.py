from .flags import Flag
from .offices import SupervisionOffice

__all__ = ["Flag", "SupervisionOffice"]
