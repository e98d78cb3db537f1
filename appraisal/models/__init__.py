from .agencies import Agency, Appraiser

__all__ = ["Agency", "Appraiser"]
