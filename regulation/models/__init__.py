from .offices import SupervisionOffice

__all__ = ["SupervisionOffice"]
