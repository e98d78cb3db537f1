"""Services for this app are added with the capability that needs them."""
