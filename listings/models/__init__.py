"""Models arrive with the capability that needs them; the package keeps the app layout uniform."""
